package io.semsearch.searcher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document as stored in the index.
 *
 * @param id the document id
 * @param title the title, or null
 * @param text the full text
 * @param metadata the metadata, with its JSON value types
 * @param passages the passages the text was split into, in order
 */
public record StoredDocument(
    String id, String title, String text, Map<String, Object> metadata, List<String> passages) {

  /** Copies the collections. */
  public StoredDocument {
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    passages = List.copyOf(passages);
  }
}
