package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.indexer.UpsertSession;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.StoredDocument;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write in flight when the server stops, composed as the command line does (the server closed,
 * then the backend): it is committed whole if it finishes within the write grace, else rolled back
 * and answered 503; either way the server and the backend close within the stop timeout, nothing is
 * logged as an error, and the reopened index holds the document whole or not at all.
 */
class WriteShutdownTest {

  private static final String KEY = "secret";
  private static final String BODY =
      "[{\"id\":\"chronicle\",\"title\":\"A chronicle\",\"text\":"
          + WebFixtures.JSON.valueToTree(WebFixtures.LONG_TEXT.replace("history", "chronicle"))
          + "}]";

  @TempDir Path dir;

  @Test
  void aWriteThatFinishesWithinTheGraceIsCommittedWhole() throws Exception {
    Stopped stopped = stopWithWriteHeld(true);
    assertThat(stopped.response.statusCode()).as(stopped.response.body()).isEqualTo(200);
    long written = WebFixtures.JSON.readTree(stopped.response.body()).get("passages").asLong();
    assertThat(written).as("the document is split into passages").isGreaterThan(1);
    try (SearchBackend reopened =
        LuceneSearchBackend.openReadOnly(stopped.index, WebFixtures.encoder())) {
      Optional<StoredDocument> doc = reopened.document("chronicle");
      assertThat(doc).isPresent();
      assertThat(reopened.stats().passages()).isEqualTo(stopped.passagesBefore + written);
      assertThat(reopened.search(SearchRequest.of("chronicle of castles and knights")).hits())
          .extracting(hit -> hit.id())
          .contains("chronicle");
    }
  }

  @Test
  void aWriteStillWaitingAtTheGraceIsRolledBackAndAnswered503() throws Exception {
    Stopped stopped = stopWithWriteHeld(false);
    assertThat(stopped.response.statusCode()).as(stopped.response.body()).isEqualTo(503);
    assertThat(WebFixtures.JSON.readTree(stopped.response.body()).get("error").asText())
        .contains("the server is shutting down")
        .contains("nothing of it was committed");
    try (SearchBackend reopened =
        LuceneSearchBackend.openReadOnly(stopped.index, WebFixtures.encoder())) {
      assertThat(reopened.document("chronicle")).isEmpty();
      assertThat(reopened.stats().passages()).isEqualTo(stopped.passagesBefore);
    }
  }

  private record Stopped(Path index, long passagesBefore, HttpResponse<String> response) {}

  /**
   * Holds a write in the encoder, then closes the server and the backend as {@code Serving} does;
   * opens the encoder's gate once close() has started when {@code release}, else never.
   */
  private Stopped stopWithWriteHeld(boolean release) throws Exception {
    Path index = WebFixtures.buildIndex(dir.resolve("index"));
    GatedEncoder gated = new GatedEncoder(WebFixtures.encoder(), 1).droppingCancelled();
    SearchBackend backend =
        LuceneSearchBackend.open(index, WebFixtures.encoder(), new UpsertSession(index, gated));
    long passagesBefore = backend.stats().passages();
    ServerConfig config = ServerConfig.defaults().withPort(0).withApiKey(KEY);
    SearchServer server =
        SearchServer.start(config, backend, WebFixtures.encoder(), WebFixtures.kernel());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    HttpResponse<String> response;
    try (HttpClient client = HttpClient.newHttpClient()) {
      CompletableFuture<HttpResponse<String>> write =
          client.sendAsync(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/api/documents"))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(BODY))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(gated.arrived.await(60, TimeUnit.SECONDS))
          .as("the write reached the encoder")
          .isTrue();

      System.setErr(
          new PrintStream(new ShutdownTest.Tee(stderr, log), true, StandardCharsets.UTF_8));
      int port = server.port();
      long start = System.nanoTime();
      CompletableFuture<Void> closing =
          CompletableFuture.runAsync(
              () -> {
                server.close();
                try {
                  backend.close();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      ShutdownTest.awaitRefused(port);
      if (release) {
        gated.open.countDown();
      }
      response = write.get(60, TimeUnit.SECONDS);
      // the documented deadline, with slack for a loaded CI machine: what this guards against is a
      // close() that waits for the write without bound (it took 16.6 s before), not a few ms over
      long budget = SearchServer.STOP_TIMEOUT_MILLIS + 5_000;
      closing.get(budget - (System.nanoTime() - start) / 1_000_000, TimeUnit.MILLISECONDS);
    } finally {
      System.setErr(stderr);
      gated.open.countDown();
      server.close();
      backend.close();
    }
    assertThat(log.toString(StandardCharsets.UTF_8))
        .doesNotContain("ERROR")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    return new Stopped(index, passagesBefore, response);
  }
}
