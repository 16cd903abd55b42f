package io.semsearch.searcher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param rerankScore the cross-encoder's score of the snippet (the best of the document's passages
 *     it rescored), or null when it was not reranked
 * @param firstStagePassage after a rerank, the index of the passage the first stage found best
 *     (then {@code passage} is the one the cross-encoder scored highest); null when not reranked
 * @param passages the document's best first-stage passages, best first (the snippet's passage
 *     first), when the request asked for more than one per hit ({@link
 *     SearchRequest#passagesPerHit()}); else empty, as after a rerank
 */
public record SearchHit(
    String id,
    double score,
    String title,
    String snippet,
    int passage,
    Map<String, Object> metadata,
    Double firstStageScore,
    Double rerankScore,
    Integer firstStagePassage,
    List<HitPassage> passages) {

  /** Copies the metadata and the passages. */
  public SearchHit {
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    passages = passages == null ? List.of() : List.copyOf(passages);
  }

  /** A hit carrying only its snippet, with scores as after a rerank. */
  public SearchHit(
      String id,
      double score,
      String title,
      String snippet,
      int passage,
      Map<String, Object> metadata,
      Double firstStageScore,
      Double rerankScore) {
    this(id, score, title, snippet, passage, metadata, firstStageScore, rerankScore, null, null);
  }

  /** A hit of a search that was not reranked. */
  public SearchHit(
      String id,
      double score,
      String title,
      String snippet,
      int passage,
      Map<String, Object> metadata) {
    this(id, score, title, snippet, passage, metadata, null, null, null, null);
  }

  /** This hit carrying {@code value} as its first-stage passages (best first). */
  public SearchHit withPassages(List<HitPassage> value) {
    return new SearchHit(
        id,
        score,
        title,
        snippet,
        passage,
        metadata,
        firstStageScore,
        rerankScore,
        firstStagePassage,
        value);
  }

  /**
   * This hit below the rerank depth: it keeps its first-stage score (also as {@code
   * firstStageScore}) and snippet, without a rerank score; its passages list is emptied.
   */
  public SearchHit notReranked() {
    return new SearchHit(
        id, score, title, snippet, passage, metadata, score, null, passage, List.of());
  }

  /**
   * This hit after a rerank: ranked by {@code rerank}, the cross-encoder's score of {@code best},
   * which becomes the snippet; the first-stage score and passage are kept beside them, and the
   * passages list is emptied.
   */
  public SearchHit reranked(double rerank, HitPassage best) {
    return new SearchHit(
        id, rerank, title, best.text(), best.index(), metadata, score, rerank, passage, List.of());
  }

  /**
   * The passages a second stage should score for this hit, best first: its {@link #passages()}, or
   * the snippet alone when it carries none.
   */
  public List<HitPassage> firstStagePassages() {
    return passages.isEmpty()
        ? List.of(new HitPassage(passage, snippet == null ? "" : snippet))
        : passages;
  }
}
