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
 * @param firstStageScore after a rerank ({@link Reranker}), the score the first stage gave the hit
 *     (then {@code score} is the rerank score, or this one for a hit below the rerank depth); null
 *     when the search was not reranked
 * @param rerankScore the cross-encoder's score of the snippet, or null when it was not reranked
 */
public record SearchHit(
    String id,
    double score,
    String title,
    String snippet,
    int passage,
    Map<String, Object> metadata,
    Double firstStageScore,
    Double rerankScore) {

  /** Copies the metadata. */
  public SearchHit {
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** A hit of a search that was not reranked. */
  public SearchHit(
      String id,
      double score,
      String title,
      String snippet,
      int passage,
      Map<String, Object> metadata) {
    this(id, score, title, snippet, passage, metadata, null, null);
  }

  /**
   * This hit after a rerank: ranked by {@code rerank} (null for a hit below the rerank depth, which
   * keeps its first-stage score), with its first-stage score kept beside it.
   */
  public SearchHit reranked(Double rerank) {
    return new SearchHit(
        id, rerank == null ? score : rerank, title, snippet, passage, metadata, score, rerank);
  }
}
