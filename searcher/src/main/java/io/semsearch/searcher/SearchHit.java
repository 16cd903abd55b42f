package io.semsearch.searcher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document found by a search.
 *
 * @param id the document id
 * @param score cosine similarity in [-1, 1] for dense and exact search, BM25 for lexical, the fused
 *     score for hybrid
 * @param title the title, or null
 * @param snippet the best-matching passage
 * @param passage index of that passage in the document, from 0
 * @param metadata the document's metadata, with its JSON value types
 */
public record SearchHit(
    String id,
    double score,
    String title,
    String snippet,
    int passage,
    Map<String, Object> metadata) {

  /** Copies the metadata. */
  public SearchHit {
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
