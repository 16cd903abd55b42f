package io.semsearch.index;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A document as a semsearch index stores it, whoever sends it (a corpus file, the JSON API, a
 * cluster feeder).
 *
 * @param id the document's id, never blank
 * @param title the title, or {@code null} when there is none
 * @param text the text to embed, never blank
 * @param metadata scalar fields in input order: {@link String}, {@link Long}, {@link Double} or
 *     {@link Boolean} values; an unmodifiable copy of what is passed in
 */
public record IndexDocument(String id, String title, String text, Map<String, Object> metadata) {

  /** Validates the fields and copies the metadata. */
  public IndexDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(metadata, "metadata");
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
}
