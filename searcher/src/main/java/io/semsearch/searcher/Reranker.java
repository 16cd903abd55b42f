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
 * The second stage of a search: a {@link CrossEncoder} rescores the best passages of the first
 * stage (dense, exact, lexical or hybrid, on any {@link SearchBackend}) and reorders the documents
 * by their best rescored passage.
 *
 * <p>Strategy: the first stage runs from the top, {@code max(depth, offset + k)} deep, asking each
 * hit for its best {@value #PASSAGES_PER_DOCUMENT} first-stage passages ({@link
 * SearchRequest#passagesPerHit()}). The depth counts <em>passages</em>: going down the first
 * stage's ranking, each document gives its passages, best first, up to {@value
 * #PASSAGES_PER_DOCUMENT}, until {@code depth} passages are taken (the last document may give fewer
 * than it has). So a depth of 50 reranks from 17 documents (all with three or more passages) to 50
 * (all with one). Those passages are scored against the query in one interactive call to the
 * cross-encoder, so they share its batches with concurrent searches. Each of those documents scores
 * its best rescored passage, which becomes its snippet ({@link SearchHit#passage()}; the first
 * stage's is kept as {@link SearchHit#firstStagePassage()}); they are sorted by that score (ties
 * keep the first-stage order), the hits below the depth follow in first-stage order with their
 * first-stage scores (as Elasticsearch's rescore window does), and the page is cut from the result.
 * Every hit keeps its first-stage score beside the rerank score ({@link
 * SearchHit#firstStageScore()}, {@link SearchHit#rerankScore()}). A backend that gives only the
 * snippet (see its documentation) has that one passage rescored per document. The first stage's
 * minimum score and facets apply to the first stage.
 *
 * <p>Thread-safe; it does not own the cross-encoder.
 */
public final class Reranker {

  /** Passages rescored when a request names no depth. */
  public static final int DEFAULT_DEPTH = 50;

  /** The most passages of one document that are rescored. */
  public static final int PASSAGES_PER_DOCUMENT = 3;

  /** The most passages one search may rescore. */
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
    SearchRequest fromTop =
        request
            .withOffset(0)
            .withK(Math.max(depth, request.window()))
            .withPassagesPerHit(PASSAGES_PER_DOCUMENT);
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
   * The hits reordered: the documents holding the first {@code depth} passages (up to {@value
   * #PASSAGES_PER_DOCUMENT} per document, in first-stage order) by the cross-encoder's best score
   * of those passages for {@code query} (ties in first-stage order), then the rest in their order.
   */
  List<SearchHit> rerank(String query, List<SearchHit> hits, int depth, Cancellation cancellation) {
    List<List<HitPassage>> chosen = new ArrayList<>();
    List<String> texts = new ArrayList<>(depth);
    for (int i = 0; i < hits.size() && texts.size() < depth; i++) {
      List<HitPassage> passages = hits.get(i).firstStagePassages();
      int take = Math.min(Math.min(passages.size(), PASSAGES_PER_DOCUMENT), depth - texts.size());
      chosen.add(passages.subList(0, take));
      passages.subList(0, take).forEach(p -> texts.add(p.text()));
    }
    float[] scores =
        texts.isEmpty()
            ? new float[0]
            : model.score(query, texts, EncodeRequest.INTERACTIVE.withCancellation(cancellation));
    List<SearchHit> rescored = new ArrayList<>(hits.size());
    int next = 0;
    for (int i = 0; i < chosen.size(); i++) {
      List<HitPassage> passages = chosen.get(i);
      int best = 0;
      for (int p = 1; p < passages.size(); p++) {
        // strictly higher: on a tie the passage the first stage ranked higher stays
        if (scores[next + p] > scores[next + best]) {
          best = p;
        }
      }
      rescored.add(hits.get(i).reranked((double) scores[next + best], passages.get(best)));
      next += passages.size();
    }
    // a stable sort: equal scores keep the first stage's order
    rescored.sort(Comparator.comparingDouble(SearchHit::score).reversed());
    for (SearchHit below : hits.subList(chosen.size(), hits.size())) {
      rescored.add(below.notReranked());
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
