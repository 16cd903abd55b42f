package io.semsearch.indexer.passage;

import java.util.Objects;

/**
 * One piece of a document, small enough for the model's window.
 *
 * @param index position among the document's passages, from 0
 * @param text the passage, exactly {@code document.substring(start, end)}; it starts and ends with
 *     a non-whitespace character, and keeps the document's line breaks and spaces inside
 * @param start offset of the first char in the document (UTF-16 units, as {@link String#substring})
 * @param end offset just past the last char in the document
 */
public record Passage(int index, String text, int start, int end) {

  /** Validates the values, naming the bad one. */
  public Passage {
    Objects.requireNonNull(text, "text");
    if (index < 0) {
      throw new IllegalArgumentException("index must be at least 0, got: " + index);
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "need 0 <= start <= end, got: start " + start + ", end " + end);
    }
    if (text.length() != end - start) {
      throw new IllegalArgumentException(
          "text length " + text.length() + " does not match offsets " + start + ".." + end);
    }
  }
}
