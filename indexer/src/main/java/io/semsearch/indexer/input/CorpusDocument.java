package io.semsearch.indexer.input;

import io.semsearch.index.IndexDocument;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A document read from a corpus.
 *
 * @param id the document's id, never blank
 * @param title the title, or {@code null} when the input has none
 * @param text the text to embed, never blank
 * @param metadata the other scalar fields in input order: {@link String}, {@link Long}, {@link
 *     Double} or {@link Boolean} values; an unmodifiable copy of what is passed in
 * @param location where the document came from, see {@link CorpusRecord#location()}
 */
public record CorpusDocument(
    String id, String title, String text, Map<String, Object> metadata, String location)
    implements CorpusRecord {

  /** Validates the fields and copies the metadata. */
  public CorpusDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(location, "location");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, got: '" + id + "'");
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("text of document '" + id + "' must not be blank");
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    metadata.forEach(
        (name, value) -> {
          Objects.requireNonNull(name, "metadata name");
          if (!(value instanceof String
              || value instanceof Long
              || value instanceof Double
              || value instanceof Boolean)) {
            throw new IllegalArgumentException(
                "metadata '"
                    + name
                    + "' must be a String, Long, Double or Boolean, got: "
                    + (value == null ? "null" : value.getClass().getName()));
          }
          copy.put(name, value);
        });
    metadata = Collections.unmodifiableMap(copy);
  }

  /** The document as an index stores it (without its location). */
  public IndexDocument toIndexDocument() {
    return new IndexDocument(id, title, text, metadata);
  }

  /** A document without title or metadata. */
  public static CorpusDocument of(String id, String text, String location) {
    return new CorpusDocument(id, null, text, Map.of(), location);
  }
}
