package io.semsearch.searcher;

import java.util.Objects;

/**
 * One passage of a hit's document, as a second stage sees it.
 *
 * @param index the passage's index in the document, from 0
 * @param text the passage's text
 */
public record HitPassage(int index, String text) {

  /** Checks the values. */
  public HitPassage {
    if (index < 0) {
      throw new IllegalArgumentException("passage index must be at least 0, got: " + index);
    }
    Objects.requireNonNull(text, "text");
  }
}
