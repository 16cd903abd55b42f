package io.semsearch.cli;

import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.indexer.UpsertSession;
import io.semsearch.searcher.BackendStats;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.web.SearchServer;
import io.semsearch.web.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Serves an index until the process is stopped: shared by {@code serve} and {@code demo}. */
final class Serving {

  /** How long the shutdown hook waits for the server to stop and the index to close. */
  private static final long GRACE_SECONDS = 15;

  private Serving() {}

  /**
   * Serves until the JVM shuts down (Ctrl-C, SIGTERM), then stops the server gracefully and closes
   * the index before the JVM exits.
   */
  static int serveUntilStopped(
      ServerConfig config, SentenceEncoder encoder, Path index, PrintWriter out)
      throws IOException, InterruptedException {
    return serveUntilStopped(
        config, encoder, () -> writable(index, encoder), index.toString(), out);
  }

  /** Opens the index a server serves. */
  interface BackendOpener {
    SearchBackend open() throws IOException;
  }

  /**
   * As {@link #serveUntilStopped(ServerConfig, SentenceEncoder, Path, PrintWriter)}, for any index.
   */
  static int serveUntilStopped(
      ServerConfig config,
      SentenceEncoder encoder,
      BackendOpener backend,
      String location,
      PrintWriter out)
      throws IOException, InterruptedException {
    return serveUntilStopped(config, encoder, null, backend, location, out);
  }

  /**
   * As {@link #serveUntilStopped(ServerConfig, SentenceEncoder, BackendOpener, String,
   * PrintWriter)}, reranking searches with {@code crossEncoder} (null for none; not closed here).
   */
  static int serveUntilStopped(
      ServerConfig config,
      SentenceEncoder encoder,
      CrossEncoder crossEncoder,
      BackendOpener backend,
      String location,
      PrintWriter out)
      throws IOException, InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "semsearch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return serve(config, encoder, crossEncoder, backend, location, out, stop);
    } finally {
      done.countDown();
    }
  }

  /**
   * Opens the index as a backend that also takes writes (its writer opened on the first one), warms
   * the model and the index up, starts the server, prints its URL, and serves until {@code stop}
   * opens; then stops the server and closes the backend.
   */
  static int serve(
      ServerConfig config,
      SentenceEncoder encoder,
      Path index,
      PrintWriter out,
      CountDownLatch stop)
      throws IOException, InterruptedException {
    return serve(config, encoder, () -> writable(index, encoder), index.toString(), out, stop);
  }

  /** The local index in {@code index} as a backend that also takes writes. */
  private static SearchBackend writable(Path index, SentenceEncoder encoder) throws IOException {
    return LuceneSearchBackend.open(index, encoder, new UpsertSession(index, encoder));
  }

  /**
   * As {@link #serve(ServerConfig, SentenceEncoder, Path, PrintWriter, CountDownLatch)}, for any
   * index.
   */
  static int serve(
      ServerConfig config,
      SentenceEncoder encoder,
      BackendOpener opener,
      String location,
      PrintWriter out,
      CountDownLatch stop)
      throws IOException, InterruptedException {
    return serve(config, encoder, null, opener, location, out, stop);
  }

  /** As the overload without {@code crossEncoder}, reranking searches with it (null for none). */
  static int serve(
      ServerConfig config,
      SentenceEncoder encoder,
      CrossEncoder crossEncoder,
      BackendOpener opener,
      String location,
      PrintWriter out,
      CountDownLatch stop)
      throws IOException, InterruptedException {
    try (SearchBackend backend = opener.open()) {
      warmUp(backend);
      BackendStats stats = backend.stats();
      try (SearchServer server =
          SearchServer.start(config, backend, encoder, paraphraseKernel(), crossEncoder)) {
        out.printf(
            Locale.ROOT,
            "semsearch: serving %,d documents (%,d passages) from %s%n",
            stats.documents(),
            stats.passages(),
            location);
        out.printf(
            Locale.ROOT,
            "open http://%s:%d/  (JSON API under /api, OpenAPI at /openapi.json; Ctrl-C stops)%n",
            displayHost(config.host()),
            server.port());
        out.flush();
        stop.await();
      }
      return 0;
    }
  }

  /**
   * The kernel {@code /api/paraphrases} mines with: the CPU, whatever device the encoder runs on,
   * as a request holds at most a few hundred sentences and mines on its own thread.
   */
  private static SimilarityKernel paraphraseKernel() {
    return SentenceEncoders.similarityKernel(DeviceSpec.CPU);
  }

  /** Runs a few embeddings and searches so the first user does not pay for JIT and lazy loading. */
  private static void warmUp(SearchBackend backend) throws IOException {
    for (String query :
        List.of("warm up", "a somewhat longer query to warm up the model and the index")) {
      backend.search(SearchRequest.of(query));
    }
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") || host.equals("::")
        ? "localhost"
        : host.contains(":") ? "[" + host + "]" : host;
  }
}
