package io.semsearch.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.semsearch.encoder.Cancellation;
import io.semsearch.searcher.Fusion;
import io.semsearch.searcher.Reranker;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.searcher.SearchHit;
import io.semsearch.searcher.SearchMode;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.SearchResponse;
import io.semsearch.searcher.SearchResults;
import io.semsearch.searcher.StoredDocument;
import io.semsearch.searcher.filter.Filter;
import io.semsearch.searcher.filter.JsonFilters;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Search, documents and similar documents: {@code GET|POST /api/search}, {@code GET
 * /api/documents/{id}}, {@code GET /api/documents/{id}/similar}.
 */
final class SearchController {

  static final Set<String> SEARCH_FIELDS =
      Set.of(
          "q",
          "query",
          "k",
          "mode",
          "filter",
          "offset",
          "num_candidates",
          "min_score",
          "fusion",
          "rrf_k",
          "dense_weight",
          "highlight",
          "facets",
          "rerank",
          "rerank_depth");
  private static final Set<String> SIMILAR_FIELDS = Set.of("k", "filter");

  private final SearchBackend backend;
  private final MeteredEncoder encoding;
  private final Highlighter highlighter;
  private final Metrics metrics;
  private final JsonBodies bodies;
  private final ServerConfig.Limits limits;
  private final Reranker reranker; // null when the server has no cross-encoder

  SearchController(
      SearchBackend backend,
      MeteredEncoder encoding,
      Metrics metrics,
      JsonBodies bodies,
      ServerConfig.Limits limits) {
    this(backend, encoding, metrics, bodies, limits, null);
  }

  /** A controller whose searches {@code reranker} reranks (null for none). */
  SearchController(
      SearchBackend backend,
      MeteredEncoder encoding,
      Metrics metrics,
      JsonBodies bodies,
      ServerConfig.Limits limits,
      Reranker reranker) {
    this.reranker = reranker;
    this.backend = backend;
    this.encoding = encoding;
    this.highlighter = new Highlighter(encoding);
    this.metrics = metrics;
    this.bodies = bodies;
    this.limits = limits;
  }

  /** A stored document. */
  record DocumentResponse(
      String id, String title, String text, Map<String, Object> metadata, List<String> passages) {}

  /** {@code GET /api/search?q=...}. */
  void searchGet(Context ctx) throws IOException {
    search(ctx, RequestFields.of(ctx).requireKnown(SEARCH_FIELDS));
  }

  /** {@code POST /api/search} with a JSON object body. */
  void searchPost(Context ctx) throws IOException {
    search(ctx, RequestFields.of(bodies.object(ctx)).requireKnown(SEARCH_FIELDS));
  }

  private void search(Context ctx, RequestFields fields) throws IOException {
    long start = System.nanoTime();
    SearchRequest request = request(fields);
    boolean highlight = Boolean.TRUE.equals(fields.bool("highlight"));
    Cancellation deadline = RequestDeadline.of(ctx);
    float[] vector =
        request.mode() != SearchMode.LEXICAL || highlight
            ? encoding.query(request.query(), deadline)
            : null;
    long searchStart = System.nanoTime();
    Integer rerankDepth = rerankDepth(fields);
    SearchResults results =
        rerankDepth == null
            ? firstStage(request, vector)
            : reranker.search(request, rerankDepth, deadline, r -> firstStage(r, vector));
    metrics.searched(request.mode().label(), (System.nanoTime() - searchStart) / 1e9);
    List<SearchResponse.Highlight> highlights =
        highlight ? highlights(results.hits(), vector, deadline) : null;
    SearchResponse response = SearchResponse.of(request, results, millisSince(start));
    ctx.json(highlights == null ? response : response.withHighlights(highlights));
  }

  private SearchResults firstStage(SearchRequest request, float[] vector) throws IOException {
    return request.mode() == SearchMode.LEXICAL
        ? backend.search(request)
        : backend.search(request, vector);
  }

  /**
   * How many passages to rerank (see {@link Reranker}): null for none. A server with a
   * cross-encoder reranks unless the request says {@code rerank: false}; {@code rerank_depth}
   * defaults to {@value Reranker#DEFAULT_DEPTH}.
   */
  private Integer rerankDepth(RequestFields fields) {
    Boolean asked = fields.bool("rerank");
    int depth = fields.integer("rerank_depth", 1, Reranker.MAX_DEPTH, Reranker.DEFAULT_DEPTH);
    if (reranker == null) {
      if (Boolean.TRUE.equals(asked)) {
        throw new BadRequestResponse(
            "rerank: this server has no cross-encoder (start it with --rerank MODEL)");
      }
      return null;
    }
    return Boolean.FALSE.equals(asked) ? null : depth;
  }

  private List<SearchResponse.Highlight> highlights(
      List<SearchHit> hits, float[] query, Cancellation deadline) {
    return hits.isEmpty()
        ? List.of()
        : highlighter.highlight(query, hits.stream().map(SearchHit::snippet).toList(), deadline);
  }

  /** Builds and validates a search request; every problem a 400 naming the field. */
  SearchRequest request(RequestFields fields) {
    String query = fields.string("q", "query");
    if (query == null || query.isBlank()) {
      throw new BadRequestResponse("q is missing: give the query text (q=...)");
    }
    if (query.length() > limits.maxTextChars()) {
      throw new BadRequestResponse(
          "q has " + query.length() + " characters; at most " + limits.maxTextChars());
    }
    int k = fields.integer("k", 1, SearchRequest.MAX_K, 10);
    int offset = fields.integer("offset", 0, SearchRequest.MAX_WINDOW - k, 0);
    int numCandidates = fields.integer("num_candidates", 0, SearchRequest.MAX_WINDOW, 0);
    Double minScore = fields.number("min_score");
    String modeName = fields.string("mode");
    SearchMode mode = modeName == null ? SearchMode.DENSE : mode(modeName);
    Filter filter = filter(fields.filter("filter"));
    Fusion fusion = fusion(fields);
    int facetSize = fields.integer("facets", 0, SearchRequest.MAX_FACET_SIZE, 0);
    return new SearchRequest(
        query,
        k,
        numCandidates,
        offset,
        minScore == null ? Double.NEGATIVE_INFINITY : minScore,
        filter,
        mode,
        fusion,
        facetSize);
  }

  private static SearchMode mode(String name) {
    try {
      return SearchMode.parse(name);
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(
          "unknown mode '"
              + Strings.clip(name)
              + "': use semantic (dense), exact, keyword (lexical) or hybrid");
    }
  }

  private static Fusion fusion(RequestFields fields) {
    String method = fields.string("fusion");
    int rrfK = fields.integer("rrf_k", 0, 100_000, Fusion.DEFAULT_RANK_CONSTANT);
    Double weight = fields.number("dense_weight");
    if (weight != null && !(weight >= 0 && weight <= 1)) {
      throw new BadRequestResponse("dense_weight must be in [0, 1], got: " + weight);
    }
    if (method == null || method.equalsIgnoreCase("rrf")) {
      if (weight != null && method == null) {
        return Fusion.weighted(weight);
      }
      return Fusion.rrf(rrfK);
    }
    if (method.equalsIgnoreCase("weighted")) {
      return Fusion.weighted(weight == null ? 0.5 : weight);
    }
    throw new BadRequestResponse(
        "unknown fusion '" + Strings.clip(method) + "': use rrf or weighted");
  }

  /** A filter from its string or JSON form; a 400 quoting the parser's message when it is bad. */
  static Filter filter(JsonNode node) {
    try {
      return JsonFilters.parse(node);
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("bad filter: " + e.getMessage());
    }
  }

  /** {@code GET /api/documents/{id}}. */
  void document(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    StoredDocument doc = backend.document(id).orElseThrow(() -> notFound(id));
    ctx.json(
        new DocumentResponse(doc.id(), doc.title(), doc.text(), doc.metadata(), doc.passages()));
  }

  /** {@code GET /api/documents/{id}/similar?k=&filter=}. */
  void similar(Context ctx) throws IOException {
    long start = System.nanoTime();
    RequestFields fields = RequestFields.of(ctx).requireKnown(SIMILAR_FIELDS);
    String id = ctx.pathParam("id");
    int k = fields.integer("k", 1, SearchRequest.MAX_K, 10);
    Filter filter = filter(fields.filter("filter"));
    SearchResults results = backend.similar(id, k, filter).orElseThrow(() -> notFound(id));
    metrics.searched("similar", (System.nanoTime() - start) / 1e9);
    ctx.json(SearchResponse.similar(results, k, millisSince(start)));
  }

  private static NotFoundResponse notFound(String id) {
    return new NotFoundResponse("no document with id '" + Strings.clip(id) + "'");
  }

  /** Milliseconds since {@code startNanos}, to 0.01. */
  static double millis(long startNanos) {
    return Math.round(millisSince(startNanos) * 100) / 100.0;
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
