package io.semsearch.web;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.plugin.bundled.CorsPlugin;
import io.javalin.router.Endpoint;
import io.javalin.validation.ValidationException;
import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.index.IndexCorruptedException;
import io.semsearch.index.IndexLockedException;
import io.semsearch.searcher.ReadOnlyBackendException;
import io.semsearch.searcher.Reranker;
import io.semsearch.searcher.SearchBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semsearch HTTP server: a JSON API over an open {@link SearchBackend} and a {@link
 * SentenceEncoder} of its model, key-protected writes to the index, Prometheus metrics at {@code
 * /metrics}, its OpenAPI document at {@code /openapi.json} and a search page at {@code /}.
 *
 * <p>Use {@link #start(ServerConfig, SearchBackend, SentenceEncoder, SimilarityKernel)}; {@link
 * #port()} says where it listens (useful with port 0), {@link #close()} stops it gracefully
 * (requests in flight may finish, up to {@value #STOP_TIMEOUT_MILLIS} ms; a write that would take
 * longer is rolled back). The caller keeps ownership of the backend and the encoder and closes them
 * after the server; the similarity kernel holds no native memory between requests.
 *
 * <p>All requests share the one encoder (which batches concurrent calls; queries are embedded here,
 * so repeated ones come from the query cache) and the one backend; the server adds no inference
 * threads. Every error is answered as {@link ApiError} JSON: 4xx naming what was wrong for bad
 * input, 409 while another writer holds the index's lock, 500 naming the index when its data is
 * corrupted, and 500 without details (logged) for other failures of the server.
 *
 * <p>Admission: searches and bulk requests (embeddings, similarity, paraphrases) each pass a {@link
 * RouteGate}, which runs a bounded number at once (429 with {@code Retry-After} above it) and gives
 * each a deadline: past it, the request's texts still waiting for the encoder and its remaining
 * mining tiles are dropped, and it answers 503. Writes pass a gate of their own and run one at a
 * time; a write given up while it waits for its turn or for the encoder is rolled back (503,
 * nothing written). Queries go ahead of bulk texts in the encoder; {@link ServerConfig.Limits}
 * bound what one request may cost.
 */
public final class SearchServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SearchServer.class);

  /** How long {@link #close()} waits for requests in flight. */
  static final long STOP_TIMEOUT_MILLIS = 5_000;

  /**
   * How long a write in flight may still take once {@link #close()} starts: past it, a write still
   * waiting for the encoder or for its turn is rolled back and answers 503. The two seconds left of
   * the stop timeout are for the rollback, the answer, and the batch the encoder's workers are
   * computing, which closing the encoder after the server waits for.
   */
  static final long WRITE_GRACE_MILLIS = STOP_TIMEOUT_MILLIS - 2_000;

  /** Where the search page's files are on the classpath. */
  static final String STATIC_FILES = "/io/semsearch/web/static";

  private final ServerConfig config;
  private final SearchBackend backend;
  private final Metrics metrics = new Metrics();
  private final ShutdownDeadline shutdown = new ShutdownDeadline();
  private final ObjectMapper mapper = mapper();
  private final RouteGate searches;
  private final RouteGate bulk;
  private final RouteGate writes;
  private final Javalin app;
  private volatile int boundPort = -1;
  private boolean started;

  private SearchServer(
      ServerConfig config,
      SearchBackend backend,
      SentenceEncoder encoder,
      SimilarityKernel kernel,
      CrossEncoder crossEncoder) {
    this.config = Objects.requireNonNull(config, "config");
    this.backend = Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(kernel, "kernel");
    MeteredEncoder encoding = new MeteredEncoder(encoder, metrics, config.queryCacheSize());
    JsonBodies bodies = new JsonBodies(mapper, config.limits().maxBodyBytes());
    Reranker reranker = crossEncoder == null ? null : new Reranker(crossEncoder);
    SearchController search =
        new SearchController(backend, encoding, metrics, bodies, config.limits(), reranker);
    RerankController rerank = new RerankController(reranker, bodies, config.limits());
    EmbeddingController embeddings = new EmbeddingController(encoding, bodies, config.limits());
    ParaphraseController paraphrases =
        new ParaphraseController(encoding, bodies, config.limits(), kernel);
    DocumentController documents = new DocumentController(backend, bodies, config, shutdown);
    InfoController info = new InfoController(backend, encoding, metrics, config, crossEncoder);
    ServerConfig.Admission admission = config.admission();
    this.searches =
        new RouteGate(
            "searches (search, similar)",
            admission.maxSearchRequests(),
            admission.requestTimeout());
    this.bulk =
        new RouteGate(
            "bulk requests (embed, similarity, paraphrases, /v1/embeddings)",
            admission.maxBulkRequests(),
            admission.requestTimeout());
    this.writes =
        new RouteGate(
            "writes (POST and DELETE /api/documents)",
            admission.maxWriteRequests(),
            admission.requestTimeout());
    this.app =
        Javalin.create(
            cfg -> configure(cfg, search, embeddings, paraphrases, documents, info, rerank));
  }

  /**
   * Starts a server on {@code config}'s host and port.
   *
   * @param config where to listen, the API key for writes, request limits
   * @param backend the index to search and write to; not closed by the server
   * @param encoder an encoder of the index's model, shared by all requests; not closed by the
   *     server
   * @param kernel where {@code /api/paraphrases} runs its score products, one thread per request
   * @throws IOException if the backend can't be read
   * @throws IllegalStateException if the server can't listen, naming the host or the port at fault
   */
  public static SearchServer start(
      ServerConfig config, SearchBackend backend, SentenceEncoder encoder, SimilarityKernel kernel)
      throws IOException {
    return start(config, backend, encoder, kernel, null);
  }

  /**
   * Starts a server as {@link #start(ServerConfig, SearchBackend, SentenceEncoder,
   * SimilarityKernel)} does, whose searches {@code crossEncoder} reranks (unless a request says
   * {@code rerank: false}) and which answers {@code POST /api/rerank} with it; null for none. The
   * cross-encoder is not closed by the server.
   */
  public static SearchServer start(
      ServerConfig config,
      SearchBackend backend,
      SentenceEncoder encoder,
      SimilarityKernel kernel,
      CrossEncoder crossEncoder)
      throws IOException {
    SearchServer server = create(config, backend, encoder, kernel, crossEncoder);
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      throw new IllegalStateException(
          "can't start the server on "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + StartFailure.describe(config.host(), config.port(), e),
          e);
    }
    return server;
  }

  /** A server not started yet (tests start it through {@link #app()}). */
  static SearchServer create(
      ServerConfig config,
      SearchBackend backend,
      SentenceEncoder encoder,
      SimilarityKernel kernel) {
    return create(config, backend, encoder, kernel, null);
  }

  /** A server with a cross-encoder (null for none), not started yet. */
  static SearchServer create(
      ServerConfig config,
      SearchBackend backend,
      SentenceEncoder encoder,
      SimilarityKernel kernel,
      CrossEncoder crossEncoder) {
    return new SearchServer(config, backend, encoder, kernel, crossEncoder);
  }

  private void start() throws IOException {
    String location = backend.stats().location();
    app.start(config.host(), config.port());
    boundPort = app.port();
    started = true;
    LOG.info(
        "semsearch server on http://{}:{}/ (index {}, writes {})",
        config.host(),
        port(),
        location,
        config.writesEnabled() ? "enabled with an API key" : "disabled");
  }

  /**
   * The port the server listens on (the one picked when the config said 0); once stopping, the port
   * it listened on (Javalin reports none after its connector closed).
   */
  public int port() {
    return boundPort > 0 ? boundPort : app.port();
  }

  /** The configuration it was started with. */
  public ServerConfig config() {
    return config;
  }

  /** The Javalin app, for tests. */
  Javalin app() {
    return app;
  }

  private static ObjectMapper mapper() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  private void configure(
      JavalinConfig cfg,
      SearchController search,
      EmbeddingController embeddings,
      ParaphraseController paraphrases,
      DocumentController documents,
      InfoController info,
      RerankController rerank) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    // a virtual thread per request: a search waiting on the encoder's batch parks without an OS
    // thread, and waking the searches a batch ends costs less than as many futex wake-ups, which
    // leaves more of the cores to the inference threads (figures in BENCHMARKS.md)
    cfg.concurrency.useVirtualThreads = true;
    cfg.jsonMapper(new JavalinJackson(mapper, false));
    cfg.http.maxRequestSize = config.limits().maxBodyBytes();
    cfg.http.prefer405over404 = true;
    cfg.router.ignoreTrailingSlashes = true;
    cfg.jetty.modifyServer(
        server -> {
          // on stop: the connector stops accepting, requests in flight finish (up to the stop
          // timeout), and a request still arriving on an open connection is answered 503
          server.setStopTimeout(STOP_TIMEOUT_MILLIS);
          server.insertHandler(new GracefulHandler());
          server.setErrorHandler(new JettyErrors(mapper));
        });
    cfg.jetty.modifyHttpConfiguration(http -> http.addCustomizer(new SecurityHeaders()));
    cfg.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = STATIC_FILES;
          files.location = Location.CLASSPATH;
          files.headers = Map.of("Cache-Control", "no-cache");
        });
    cfg.requestLogger.http(this::record);
    List<String> origins = config.crossSite().corsOrigins();
    if (!origins.isEmpty()) {
      cfg.registerPlugin(
          new CorsPlugin(
              cors ->
                  cors.addRule(
                      rule ->
                          rule.allowHost(
                              origins.get(0),
                              origins.subList(1, origins.size()).toArray(String[]::new)))));
    }
    HostCheck hosts = new HostCheck(config);
    cfg.routes.before(hosts::check);
    cfg.routes.apiBuilder(
        () -> {
          path(
              "/api",
              () -> {
                get("/health", info::health);
                get("/info", info::info);
                get("/search", searches.guard(search::searchGet));
                post("/search", searches.guard(search::searchPost));
                post("/embed", bulk.guard(embeddings::embed));
                post("/similarity", bulk.guard(embeddings::similarity));
                post("/paraphrases", bulk.guard(paraphrases::paraphrases));
                post("/rerank", searches.guard(rerank::rerank));
                post("/documents", writes.guard(documents::upsert));
                get("/documents/{id}", search::document);
                delete("/documents/{id}", writes.guard(documents::delete));
                get("/documents/{id}/similar", searches.guard(search::similar));
              });
          post("/v1/embeddings", bulk.guard(embeddings::openAi));
          get("/metrics", info::metrics);
          get("/openapi.json", info::openApi);
        });
    cfg.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          boolean unmatched = ctx.endpoints().matchedHttpEndpoint() == null;
          String message =
              !unmatched
                  ? e.getMessage()
                  : e.getStatus() == 404
                      ? noRoute(ctx)
                      : e.getStatus() == 405
                          ? "method " + ctx.method() + " not allowed on " + Strings.clip(ctx.path())
                          : e.getMessage();
          error(
              ctx, e.getStatus(), message, e.getDetails().get("param"), e.getDetails().get("code"));
        });
    cfg.routes.exception(
        IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    cfg.routes.exception(
        CancellationException.class,
        (e, ctx) -> {
          // the request's deadline passed: its waiting work was dropped
          ctx.header("Retry-After", Integer.toString(RouteGate.RETRY_AFTER_SECONDS));
          error(ctx, 503, e.getMessage());
        });
    cfg.routes.exception(
        ReadOnlyBackendException.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
    cfg.routes.exception(IndexLockedException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
    cfg.routes.exception(
        IndexCorruptedException.class,
        (e, ctx) -> {
          LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
          error(ctx, 500, e.getMessage());
        });
    cfg.routes.exception(
        JsonProcessingException.class,
        (e, ctx) -> error(ctx, 400, "malformed JSON: " + JsonBodies.describe(e)));
    cfg.routes.exception(
        ValidationException.class,
        (e, ctx) ->
            error(
                ctx,
                400,
                e.getErrors().entrySet().stream()
                    .map(
                        entry ->
                            entry.getKey()
                                + ": "
                                + entry.getValue().stream()
                                    .map(v -> v.getMessage())
                                    .collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; "))));
    cfg.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          error(
              ctx,
              500,
              "internal error: " + e.getClass().getSimpleName() + " (see the server log)");
        });
    cfg.routes.error(
        404,
        ctx -> {
          if (!isJsonError(ctx)) {
            error(ctx, 404, noRoute(ctx));
          }
        });
    cfg.routes.error(
        405,
        ctx -> {
          if (!isJsonError(ctx)) {
            error(
                ctx, 405, "method " + ctx.method() + " not allowed on " + Strings.clip(ctx.path()));
          }
        });
  }

  private static String noRoute(Context ctx) {
    return "no route " + ctx.method() + " " + Strings.clip(ctx.path()) + "; see /openapi.json";
  }

  private static boolean isJsonError(Context ctx) {
    String type = ctx.res().getContentType();
    return type != null
        && type.startsWith("application/json")
        && ctx.result() != null
        && ctx.result().startsWith("{\"error\"");
  }

  private static void error(Context ctx, int status, String message) {
    error(ctx, status, message, null, null);
  }

  private static void error(Context ctx, int status, String message, String param, String code) {
    String text =
        message == null || message.isBlank() ? HttpStatus.forStatus(status).getMessage() : message;
    ctx.status(status).json(ErrorBodies.of(ctx.path(), status, text, param, code));
  }

  private void record(Context ctx, Float millis) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    String route =
        endpoint != null ? endpoint.path : ctx.statusCode() < 400 ? "static" : "unmatched";
    metrics.request(ctx.method().name(), route, ctx.statusCode(), millis / 1000.0);
  }

  /**
   * Stops accepting requests and lets those in flight finish, within {@value #STOP_TIMEOUT_MILLIS}
   * ms: a write not committed after {@value #WRITE_GRACE_MILLIS} ms is rolled back (503), so that
   * the backend can be closed at once after this returns; the backend stays open.
   */
  @Override
  public void close() {
    shutdown.begin(Duration.ofMillis(WRITE_GRACE_MILLIS));
    if (started) {
      app.stop();
      started = false;
    }
  }
}
