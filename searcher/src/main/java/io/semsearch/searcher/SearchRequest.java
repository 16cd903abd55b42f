package io.semsearch.searcher;

import io.semsearch.searcher.filter.Filter;

/**
 * One search.
 *
 * @param query the query text
 * @param k hits to return (1..1000)
 * @param numCandidates breadth of the HNSW search per query: candidates gathered before the best
 *     {@code offset + k} are kept; 0 picks {@link #defaultCandidates(int) max(100, 2 * (offset +
 *     k))}. Larger is slower and finds more of the true neighbours.
 * @param offset hits to skip, for paging
 * @param minScore hits scoring below are dropped (cosine for dense/exact, BM25 for lexical, the
 *     fused score for hybrid); {@code Double.NEGATIVE_INFINITY} for none
 * @param filter metadata condition applied inside the search, or null
 * @param mode how the query is matched
 * @param fusion how hybrid mode fuses its two rankings
 * @param facetSize values counted per metadata field over the ranked candidates (see {@link
 *     SearchResults#facets()}); 0 for no facets
 * @param passagesPerHit the most first-stage passages each hit carries in {@link
 *     SearchHit#passages()} (1..{@value #MAX_PASSAGES_PER_HIT}), best first, for a second stage
 *     such as {@link Reranker}; 1, the default, leaves that list empty (the snippet is the best
 *     passage). A backend may give fewer than asked; see its documentation.
 */
public record SearchRequest(
    String query,
    int k,
    int numCandidates,
    int offset,
    double minScore,
    Filter filter,
    SearchMode mode,
    Fusion fusion,
    int facetSize,
    int passagesPerHit) {

  /** The largest k a request may ask for. */
  public static final int MAX_K = 1000;

  /** The most values a facet may count. */
  public static final int MAX_FACET_SIZE = 100;

  /** The most passages a hit may carry for a second stage. */
  public static final int MAX_PASSAGES_PER_HIT = 10;

  /** The largest offset + k. */
  public static final int MAX_WINDOW = 10_000;

  /** The least HNSW breadth picked by default, however few hits are asked for. */
  public static final int MIN_DEFAULT_CANDIDATES = 100;

  /** Validates every value, naming the bad one. */
  public SearchRequest {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("query is empty");
    }
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + MAX_K + ", got: " + k);
    }
    if (offset < 0 || offset + k > MAX_WINDOW) {
      throw new IllegalArgumentException(
          "offset must be in 0.." + (MAX_WINDOW - k) + " for k " + k + ", got: " + offset);
    }
    if (numCandidates < 0 || numCandidates > MAX_WINDOW) {
      throw new IllegalArgumentException(
          "num_candidates must be in 0.." + MAX_WINDOW + ", got: " + numCandidates);
    }
    if (Double.isNaN(minScore)) {
      throw new IllegalArgumentException("min_score must be a number");
    }
    if (mode == null) {
      throw new IllegalArgumentException("mode must not be null");
    }
    if (fusion == null) {
      throw new IllegalArgumentException("fusion must not be null");
    }
    if (facetSize < 0 || facetSize > MAX_FACET_SIZE) {
      throw new IllegalArgumentException(
          "facet size must be in 0.." + MAX_FACET_SIZE + ", got: " + facetSize);
    }
    if (passagesPerHit < 1 || passagesPerHit > MAX_PASSAGES_PER_HIT) {
      throw new IllegalArgumentException(
          "passages per hit must be in 1.." + MAX_PASSAGES_PER_HIT + ", got: " + passagesPerHit);
    }
  }

  /** A request whose hits carry only their snippet. */
  public SearchRequest(
      String query,
      int k,
      int numCandidates,
      int offset,
      double minScore,
      Filter filter,
      SearchMode mode,
      Fusion fusion,
      int facetSize) {
    this(query, k, numCandidates, offset, minScore, filter, mode, fusion, facetSize, 1);
  }

  /** A request without facets. */
  public SearchRequest(
      String query,
      int k,
      int numCandidates,
      int offset,
      double minScore,
      Filter filter,
      SearchMode mode,
      Fusion fusion) {
    this(query, k, numCandidates, offset, minScore, filter, mode, fusion, 0);
  }

  /**
   * A dense search for {@code query}: k 10, default breadth, no offset, filter or minimum score.
   */
  public static SearchRequest of(String query) {
    return new SearchRequest(
        query, 10, 0, 0, Double.NEGATIVE_INFINITY, null, SearchMode.DENSE, Fusion.rrf());
  }

  /** A copy returning {@code value} hits. */
  public SearchRequest withK(int value) {
    return new SearchRequest(
        query,
        value,
        numCandidates,
        offset,
        minScore,
        filter,
        mode,
        fusion,
        facetSize,
        passagesPerHit);
  }

  /** A copy with another HNSW breadth. */
  public SearchRequest withNumCandidates(int value) {
    return new SearchRequest(
        query, k, value, offset, minScore, filter, mode, fusion, facetSize, passagesPerHit);
  }

  /** A copy skipping {@code value} hits. */
  public SearchRequest withOffset(int value) {
    return new SearchRequest(
        query, k, numCandidates, value, minScore, filter, mode, fusion, facetSize, passagesPerHit);
  }

  /** A copy dropping hits below {@code value}. */
  public SearchRequest withMinScore(double value) {
    return new SearchRequest(
        query, k, numCandidates, offset, value, filter, mode, fusion, facetSize, passagesPerHit);
  }

  /** A copy with a metadata filter (null for none). */
  public SearchRequest withFilter(Filter value) {
    return new SearchRequest(
        query, k, numCandidates, offset, minScore, value, mode, fusion, facetSize, passagesPerHit);
  }

  /** A copy in another mode. */
  public SearchRequest withMode(SearchMode value) {
    return new SearchRequest(
        query,
        k,
        numCandidates,
        offset,
        minScore,
        filter,
        value,
        fusion,
        facetSize,
        passagesPerHit);
  }

  /** A copy fusing hybrid rankings another way. */
  public SearchRequest withFusion(Fusion value) {
    return new SearchRequest(
        query, k, numCandidates, offset, minScore, filter, mode, value, facetSize, passagesPerHit);
  }

  /** A copy counting the {@code size} most frequent values of each metadata field (0: none). */
  public SearchRequest withFacets(int size) {
    return new SearchRequest(
        query, k, numCandidates, offset, minScore, filter, mode, fusion, size, passagesPerHit);
  }

  /** A copy whose hits carry up to {@code value} first-stage passages each. */
  public SearchRequest withPassagesPerHit(int value) {
    return new SearchRequest(
        query, k, numCandidates, offset, minScore, filter, mode, fusion, facetSize, value);
  }

  /** The number of hits gathered before paging: offset + k. */
  public int window() {
    return offset + k;
  }

  /** The HNSW breadth actually used. */
  public int effectiveCandidates() {
    return Math.max(numCandidates == 0 ? defaultCandidates(window()) : numCandidates, window());
  }

  /**
   * The HNSW breadth used when none is asked for: twice the hits wanted, at least {@value
   * #MIN_DEFAULT_CANDIDATES}, so that small searches still explore enough of the graph.
   */
  public static int defaultCandidates(int hits) {
    return Math.max(MIN_DEFAULT_CANDIDATES, 2 * hits);
  }
}
