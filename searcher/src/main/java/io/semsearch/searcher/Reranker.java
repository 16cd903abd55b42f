package io.semsearch.searcher;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.EncodeRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The second stage of a search: a {@link CrossEncoder} rescores the best documents of the first
 * stage (dense, exact, lexical or hybrid, on any {@link SearchBackend}) and reorders them.
 *
 * <p>Strategy: the first stage runs from the top, {@code max(depth, offset + k)} deep; the first
 * {@code depth} hits' snippets (each document's best first-stage passage) are scored against the
 * query as one interactive call to the cross-encoder, so they share its batches with concurrent
 * searches; those documents are sorted by that score (ties keep the first-stage order), the hits
 * below the depth follow in first-stage order with their first-stage scores (as Elasticsearch's
 * rescore window does), and the page is cut from the result. Every hit keeps its first-stage score
 * beside the rerank score ({@link SearchHit#firstStageScore()}, {@link SearchHit#rerankScore()}).
 * The first stage's minimum score and facets apply to the first stage.
 *
 * <p>Thread-safe; it does not own the cross-encoder.
 */
public final class Reranker {

  /** Documents rescored when a request names no depth. */
  public static final int DEFAULT_DEPTH = 50;

  /** The most documents one search may rescore. */
  public static final int MAX_DEPTH = SearchRequest.MAX_K;

  private final CrossEncoder model;

  /** Reranks with {@code model}. */
  public Reranker(CrossEncoder model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /** The cross-encoder it rescores with. */
  public CrossEncoder model() {
    return model;
  }

  /** Runs the first stage of a search: a backend's search with or without a query vector. */
  @FunctionalInterface
  public interface FirstStage {
    /** Searches {@code request}. */
    SearchResults search(SearchRequest request) throws IOException;
  }

  /**
   * Runs {@code request} through {@code firstStage}, then reranks its best {@code depth} documents.
   *
   * @param cancellation asked while the pairs wait for the cross-encoder
   * @throws IllegalArgumentException if depth is not in 1..{@value #MAX_DEPTH}, or offset + k
   *     passes {@value SearchRequest#MAX_K} (a reranked search ranks from the top)
   * @throws java.util.concurrent.CancellationException if cancelled, with its reason
   */
  public SearchResults search(
      SearchRequest request, int depth, Cancellation cancellation, FirstStage firstStage)
      throws IOException {
    checkDepth(depth);
    if (request.window() > SearchRequest.MAX_K) {
      throw new IllegalArgumentException(
          "with rerank, offset + k must be at most "
              + SearchRequest.MAX_K
              + ", got: "
              + request.window());
    }
    SearchRequest fromTop = request.withOffset(0).withK(Math.max(depth, request.window()));
    SearchResults first = firstStage.search(fromTop);
    long start = System.nanoTime();
    List<SearchHit> ranked = rerank(request.query(), first.hits(), depth, cancellation);
    List<SearchHit> page =
        ranked.subList(
            Math.min(request.offset(), ranked.size()), Math.min(request.window(), ranked.size()));
    double rerankMillis = (System.nanoTime() - start) / 1e6;
    return new SearchResults(page, first.mode(), first.tookMillis() + rerankMillis, first.facets());
  }

  /**
   * The hits reordered: the first {@code depth} by the cross-encoder's score of their snippet for
   * {@code query} (ties in first-stage order), then the rest in their order.
   */
  List<SearchHit> rerank(String query, List<SearchHit> hits, int depth, Cancellation cancellation) {
    int n = Math.min(depth, hits.size());
    List<SearchHit> head = hits.subList(0, n);
    float[] scores =
        n == 0
            ? new float[0]
            : model.score(
                query,
                head.stream().map(SearchHit::snippet).toList(),
                EncodeRequest.INTERACTIVE.withCancellation(cancellation));
    List<SearchHit> rescored = new ArrayList<>(hits.size());
    for (int i = 0; i < n; i++) {
      rescored.add(head.get(i).reranked((double) scores[i]));
    }
    // a stable sort: equal scores keep the first stage's order
    rescored.sort(Comparator.comparingDouble(SearchHit::score).reversed());
    for (SearchHit below : hits.subList(n, hits.size())) {
      rescored.add(below.reranked(null));
    }
    return rescored;
  }

  /**
   * Checks a rerank depth.
   *
   * @throws IllegalArgumentException naming the value when it is not in 1..{@value #MAX_DEPTH}
   */
  public static int checkDepth(int depth) {
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "rerank depth must be in 1.." + MAX_DEPTH + ", got: " + depth);
    }
    return depth;
  }
}
