package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.ForwardingSentenceEncoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Admission: bulk requests over their limit get 429 with Retry-After while searches still run; a
 * request past its deadline answers 503 and its texts never reach the model.
 */
class AdmissionTest extends SharedIndexTest {

  private static final String EMBED = "{\"texts\":[\"first\",\"second\"]}";

  @Test
  void bulkRequestsOverTheLimitGet429WithRetryAfterUntilOneFinishes() throws Exception {
    // queries pass: searches must still run while the bulk limit is taken
    GatedEncoder gated =
        new GatedEncoder(
            WebFixtures.encoder(), 1, request -> request.priority() == EncodeRequest.Priority.BULK);
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withAdmission(ServerConfig.Admission.defaults().withMaxBulkRequests(1));
    try (SearchServer server =
            SearchServer.create(config, index.backend, gated, WebFixtures.kernel());
        HttpClient client = HttpClient.newHttpClient()) {
      server.app().start(0);
      try {
        checkBulkLimit(server, client, gated);
      } finally {
        gated.open.countDown();
      }
    }
  }

  private static void checkBulkLimit(SearchServer server, HttpClient client, GatedEncoder gated)
      throws Exception {
    CompletableFuture<HttpResponse<String>> held =
        client.sendAsync(post(server, "/api/embed", EMBED), HttpResponse.BodyHandlers.ofString());
    assertThat(gated.arrived.await(60, TimeUnit.SECONDS)).as("the first request is held").isTrue();

    HttpResponse<String> refused = client.send(post(server, "/api/embed", EMBED), body());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(WebFixtures.JSON.readTree(refused.body()).get("error").asText())
        .contains(
            "too many bulk requests (embed, similarity, paraphrases, /v1/embeddings) at once"
                + " (the server runs 1); retry after 1 s");
    // the limit is shared by all bulk routes
    HttpResponse<String> openAi =
        client.send(
            post(server, "/v1/embeddings", "{\"model\":\"all-MiniLM-L6-v2\",\"input\":\"x\"}"),
            body());
    assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(429);
    // searches have their own limit, and their queries are not held by the gate
    HttpResponse<String> search = client.send(get(server, "/api/search?q=pets&k=2"), body());
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);

    gated.open.countDown();
    assertThat(held.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    HttpResponse<String> after = client.send(post(server, "/api/embed", EMBED), body());
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
  }

  @Test
  void searchesOverTheirLimitGet429() throws Exception {
    GatedEncoder gated = new GatedEncoder(WebFixtures.encoder(), 1, request -> true);
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withQueryCacheSize(0)
            .withAdmission(ServerConfig.Admission.defaults().withMaxSearchRequests(1));
    try (SearchServer server =
            SearchServer.create(config, index.backend, gated, WebFixtures.kernel());
        HttpClient client = HttpClient.newHttpClient()) {
      server.app().start(0);
      try {
        checkSearchLimit(server, client, gated);
      } finally {
        gated.open.countDown();
      }
    }
  }

  private static void checkSearchLimit(SearchServer server, HttpClient client, GatedEncoder gated)
      throws Exception {
    CompletableFuture<HttpResponse<String>> held =
        client.sendAsync(get(server, "/api/search?q=pets"), body());
    assertThat(gated.arrived.await(60, TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> refused = client.send(get(server, "/api/search?q=cats"), body());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.body()).contains("too many searches");
    gated.open.countDown();
    assertThat(held.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(client.send(get(server, "/api/search?q=cats"), body()).statusCode()).isEqualTo(200);
  }

  @Test
  void aRequestPastItsDeadlineAnswers503AndNeverReachesTheModel() throws Exception {
    WaitingForDeadline encoder = new WaitingForDeadline(WebFixtures.encoder());
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withAdmission(
                ServerConfig.Admission.defaults().withRequestTimeout(Duration.ofMillis(50)));
    try (SearchServer server =
            SearchServer.create(config, index.backend, encoder, WebFixtures.kernel());
        HttpClient client = HttpClient.newHttpClient()) {
      server.app().start(0);
      HttpResponse<String> response =
          client.send(
              post(server, "/api/paraphrases", "{\"sentences\":[\"a\",\"b\",\"c\"]}"), body());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(WebFixtures.JSON.readTree(response.body()).get("error").asText())
          .contains("took longer than the server's request timeout of 0.05 s");
      assertThat(encoder.calls).hasValue(1);
      assertThat(encoder.reachedModel).hasValue(0);
    }
  }

  private static HttpRequest post(SearchServer server, String path, String json) {
    return HttpRequest.newBuilder(uri(server, path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private static HttpRequest get(SearchServer server, String path) {
    return HttpRequest.newBuilder(uri(server, path)).build();
  }

  private static URI uri(SearchServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse.BodyHandler<String> body() {
    return HttpResponse.BodyHandlers.ofString();
  }

  /**
   * An encoder whose queue never moves: a call waits until its request is cancelled, as it would
   * behind a long queue, and only reaches the model if it never is.
   */
  private static final class WaitingForDeadline extends ForwardingSentenceEncoder {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger reachedModel = new AtomicInteger();

    WaitingForDeadline(SentenceEncoder delegate) {
      super(delegate);
    }

    @Override
    public float[][] encode(List<String> texts, String prompt, EncodeRequest request) {
      calls.incrementAndGet();
      for (int i = 0; i < 6_000 && request.cancellation().reason() == null; i++) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      request.cancellation().check();
      reachedModel.incrementAndGet();
      return delegate.encode(texts, prompt, request);
    }

    @Override
    public void close() {
      // the delegate is shared by the test classes
    }
  }
}
