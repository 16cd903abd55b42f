package io.semsearch.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.ModelInfo;
import io.semsearch.searcher.BackendHealth;
import io.semsearch.searcher.BackendStats;
import io.semsearch.searcher.Reranker;
import io.semsearch.searcher.SearchBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /api/health}, {@code GET /api/info}, {@code GET /metrics} and {@code GET
 * /openapi.json}.
 */
final class InfoController {

  /** Where the OpenAPI document is on the classpath. */
  static final String OPENAPI_RESOURCE = "/io/semsearch/web/openapi.json";

  private final SearchBackend backend;
  private final MeteredEncoder encoding;
  private final Metrics metrics;
  private final ServerConfig config;
  private final byte[] openApi;
  private final Rerank rerank;

  InfoController(
      SearchBackend backend, MeteredEncoder encoding, Metrics metrics, ServerConfig config) {
    this(backend, encoding, metrics, config, null);
  }

  /** A controller that also describes {@code crossEncoder} (null for none). */
  InfoController(
      SearchBackend backend,
      MeteredEncoder encoding,
      Metrics metrics,
      ServerConfig config,
      CrossEncoder crossEncoder) {
    this.rerank =
        crossEncoder == null
            ? null
            : new Rerank(
                crossEncoder.modelId(), crossEncoder.maxSeqLength(), Reranker.DEFAULT_DEPTH);
    this.backend = backend;
    this.encoding = encoding;
    this.metrics = metrics;
    this.config = config;
    try (InputStream in = InfoController.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "classpath resource " + OPENAPI_RESOURCE + " is missing from the web jar");
      }
      this.openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The server is up, its index readable and its writes working ("ok"), or not ("degraded", with
   * the reason); documents is absent when the index can't be read.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Health(String status, Long documents, String reason) {}

  /** The model, with its prompts (empty for most models). */
  record Model(
      String id,
      int dimension,
      int maxSeqLength,
      boolean normalizes,
      String fingerprint,
      Map<String, String> prompts,
      String defaultPromptName) {}

  /** HNSW build settings. */
  record Hnsw(int m, int beamWidth) {}

  /** The index as the backend sees it now. */
  record Index(
      String path,
      long documents,
      long passages,
      int segments,
      long sizeBytes,
      Hnsw hnsw,
      String quantization,
      String similarity,
      int passageOverlapTokens,
      String version) {}

  /** Requests run at once and how long each may take (see {@link ServerConfig.Admission}). */
  record Admission(
      int maxSearchRequests,
      int maxBulkRequests,
      int maxWriteRequests,
      double requestTimeoutSeconds) {}

  /** The cross-encoder searches are reranked with. */
  record Rerank(String model, int maxSeqLength, int defaultDepth) {}

  /** What the server runs; {@code rerank} is null without a cross-encoder. */
  record Info(
      Model model,
      Index index,
      boolean writesEnabled,
      ServerConfig.Limits limits,
      Admission admission,
      Rerank rerank) {}

  /** {@code GET /api/health}: 200 when ok, 503 when degraded. */
  void health(Context ctx) {
    BackendHealth health = backend.health();
    Long documents;
    try {
      documents = backend.stats().documents();
    } catch (IOException | RuntimeException e) {
      documents = null;
      if (health.ok()) {
        health = BackendHealth.degraded("the index can't be read: " + e.getMessage());
      }
    }
    if (health.ok()) {
      ctx.json(new Health("ok", documents, null));
    } else {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
          .json(new Health("degraded", documents, health.reason()));
    }
  }

  /** {@code GET /api/info}. */
  void info(Context ctx) throws IOException {
    ModelInfo model = encoding.encoder().model();
    BackendStats stats = backend.stats();
    BackendStats.Build build = stats.build();
    ctx.json(
        new Info(
            new Model(
                model.id(),
                model.dimension(),
                model.maxSeqLength(),
                model.normalizes(),
                model.fingerprint(),
                encoding.encoder().prompts().byName(),
                encoding.encoder().prompts().defaultName()),
            new Index(
                stats.location(),
                stats.documents(),
                stats.passages(),
                stats.segments(),
                stats.sizeBytes(),
                new Hnsw(build.hnswM(), build.beamWidth()),
                build.quantization(),
                build.similarity(),
                build.passageOverlapTokens(),
                build.semsearchVersion()),
            config.writesEnabled(),
            config.limits(),
            new Admission(
                config.admission().maxSearchRequests(),
                config.admission().maxBulkRequests(),
                config.admission().maxWriteRequests(),
                config.admission().requestTimeout().toMillis() / 1000.0),
            rerank));
  }

  /** {@code GET /metrics}: Prometheus text format. */
  void metrics(Context ctx) {
    BackendStats stats = stats();
    Map<String, Metrics.Gauge> gauges =
        Map.of(
            "semsearch_index_documents",
                new Metrics.Gauge("Documents in the index.", () -> (double) stats.documents()),
            "semsearch_index_passages",
                new Metrics.Gauge(
                    "Passages (vectors) in the index.", () -> (double) stats.passages()),
            "semsearch_index_size_bytes",
                new Metrics.Gauge("Size of the index folder.", () -> (double) stats.sizeBytes()),
            "semsearch_query_cache_hits_total",
                new Metrics.Gauge(
                    "Search queries whose embedding came from the query cache.",
                    () -> (double) encoding.queryCache().hits(),
                    true),
            "semsearch_query_cache_misses_total",
                new Metrics.Gauge(
                    "Search queries embedded (not in the query cache).",
                    () -> (double) encoding.queryCache().misses(),
                    true));
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape(gauges));
  }

  private BackendStats stats() {
    try {
      return backend.stats();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET /openapi.json}. */
  void openApi(Context ctx) {
    ctx.contentType(ContentType.APPLICATION_JSON).result(openApi);
  }
}
