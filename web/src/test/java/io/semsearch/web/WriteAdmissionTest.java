package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.indexer.UpsertSession;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes pass a gate of their own: one writes while the others admitted wait for their turn, more
 * answer 429; a write whose deadline passes while it waits answers 503 and writes nothing.
 */
class WriteAdmissionTest {

  private static final String KEY = "secret";

  @TempDir Path dir;
  private GatedEncoder gated;
  private SearchBackend backend;

  /** Calls of the backend's upsert, entered: a write admitted and past its parsing. */
  private final CountDownLatch upserts = new CountDownLatch(2);

  @BeforeEach
  void openIndex() throws Exception {
    Path index = WebFixtures.buildIndex(dir.resolve("index"));
    // the writes' own passages wait at the gate, which the tests open when they are done
    gated = new GatedEncoder(WebFixtures.encoder(), 1);
    SearchBackend lucene =
        LuceneSearchBackend.open(index, WebFixtures.encoder(), new UpsertSession(index, gated));
    backend =
        (SearchBackend)
            Proxy.newProxyInstance(
                SearchBackend.class.getClassLoader(),
                new Class<?>[] {SearchBackend.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("upsert")) {
                    upserts.countDown();
                  }
                  try {
                    return method.invoke(lucene, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  @AfterEach
  void closeIndex() throws Exception {
    gated.open.countDown();
    backend.close();
  }

  @Test
  void aThirdWriteGets429WhileOneIsHeldAndOneWaits() throws Exception {
    ServerConfig config = ServerConfig.defaults().withPort(0).withApiKey(KEY);
    try (SearchServer server =
            SearchServer.start(config, backend, WebFixtures.encoder(), WebFixtures.kernel());
        HttpClient client = HttpClient.newHttpClient()) {
      CompletableFuture<HttpResponse<String>> held = sendAsync(client, server, write("first"));
      assertThat(gated.arrived.await(60, TimeUnit.SECONDS)).as("the first write is held").isTrue();
      CompletableFuture<HttpResponse<String>> waiting = sendAsync(client, server, write("second"));
      assertThat(upserts.await(60, TimeUnit.SECONDS)).as("the second write waits").isTrue();

      HttpResponse<String> refused = send(client, server, write("third"));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(WebFixtures.JSON.readTree(refused.body()).get("error").asText())
          .isEqualTo(
              "too many writes (POST and DELETE /api/documents) at once (the server runs 2);"
                  + " retry after 1 s");
      HttpResponse<String> delete = send(client, server, delete("cat"));
      assertThat(delete.statusCode()).as("deletes share the gate: " + delete.body()).isEqualTo(429);

      gated.open.countDown();
      assertThat(held.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(waiting.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(backend.document("third")).isEmpty();
      HttpResponse<String> after = send(client, server, write("third"));
      assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
      assertThat(backend.document("third")).isPresent();
    }
  }

  @Test
  void aWriteWhoseDeadlinePassesWhileItWaitsAnswers503AndWritesNothing() throws Exception {
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withApiKey(KEY)
            .withAdmission(
                ServerConfig.Admission.defaults().withRequestTimeout(Duration.ofMillis(500)));
    try (SearchServer server =
            SearchServer.start(config, backend, WebFixtures.encoder(), WebFixtures.kernel());
        HttpClient client = HttpClient.newHttpClient()) {
      CompletableFuture<HttpResponse<String>> held = sendAsync(client, server, write("first"));
      assertThat(gated.arrived.await(60, TimeUnit.SECONDS)).as("the first write is held").isTrue();

      // waits for the write lock, held by the first write, past its deadline
      HttpResponse<String> late = send(client, server, write("late"));
      assertThat(late.statusCode()).as(late.body()).isEqualTo(503);
      assertThat(late.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(WebFixtures.JSON.readTree(late.body()).get("error").asText())
          .contains("longer than the server's request timeout of 0.5 s");

      gated.open.countDown();
      // the first write, held past its deadline too, was rolled back or committed whole
      assertThat(held.get(60, TimeUnit.SECONDS).statusCode()).isIn(200, 503);
      assertThat(backend.document("late")).isEmpty();
      assertThat(backend.health().ok()).as("a write given up is no failure of the index").isTrue();
    }
  }

  /** A request of the test, sent with the API key. */
  private record Write(String method, String path, String body) {}

  private static Write write(String id) {
    return new Write(
        "POST",
        "/api/documents",
        "[{\"id\":\"" + id + "\",\"text\":\"A short document called " + id + " for writing.\"}]");
  }

  private static Write delete(String id) {
    return new Write("DELETE", "/api/documents/" + id, null);
  }

  private static HttpRequest build(SearchServer server, Write write) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + write.path()))
        .method(
            write.method(),
            write.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write.body()))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + KEY)
        .timeout(Duration.ofSeconds(30)) // a safety net: a write that hangs fails the test
        .build();
  }

  private static CompletableFuture<HttpResponse<String>> sendAsync(
      HttpClient client, SearchServer server, Write write) {
    return client.sendAsync(build(server, write), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(HttpClient client, SearchServer server, Write write)
      throws Exception {
    return client.send(build(server, write), HttpResponse.BodyHandlers.ofString());
  }
}
