package io.semsearch.web;

import static io.semsearch.web.WebFixtures.json;
import static io.semsearch.web.WebFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.ForwardingSentenceEncoder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What one request may cost: characters of text in all, and paraphrase pairs. Requests over a limit
 * are refused naming it before anything is embedded; /api/info lists the limits.
 */
class CostLimitTest extends SharedIndexTest {

  private static final String SIXTY = "x".repeat(60);

  private static void assertError(Response response, int status, String message) {
    String body = response.body().string();
    assertThat(response.code()).as(body).isEqualTo(status);
    JsonNode json = json(response);
    assertThat(json.get("status").asInt()).isEqualTo(status);
    assertThat(json.get("error").asText()).as(body).contains(message);
  }

  /** Under /v1/ errors take OpenAI's shape: {"error": {"message", "type", "param", "code"}}. */
  private static void assertOpenAiError(Response response, int status, String message) {
    String body = response.body().string();
    assertThat(response.code()).as(body).isEqualTo(status);
    assertThat(json(response).path("error").path("message").asText()).as(body).contains(message);
  }

  @Test
  void requestsOverACostLimitAreRefusedNamingItBeforeAnythingIsEmbedded() throws IOException {
    Counting counting = new Counting(WebFixtures.encoder());
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withLimits(ServerConfig.Limits.defaults().withMaxRequestChars(100).withMaxPairs(50));
    try (SearchServer server =
        SearchServer.create(config, index.backend, counting, WebFixtures.kernel())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            String two = "[\"" + SIXTY + "\",\"" + SIXTY + "\"]";
            assertError(
                post(client, "/api/embed", "{\"texts\":" + two + "}"),
                413,
                "texts have 120 characters in all; at most 100 per request (max_request_chars)");
            assertError(
                post(
                    client,
                    "/api/similarity",
                    "{\"sentences1\":[\"" + SIXTY + "\"],\"sentences2\":[\"" + SIXTY + "\"]}"),
                413,
                "sentences1 and sentences2 have 120 characters in all; at most 100");
            assertOpenAiError(
                post(
                    client,
                    "/v1/embeddings",
                    "{\"model\":\"all-MiniLM-L6-v2\",\"input\":" + two + "}"),
                413,
                "input have 120 characters in all");
            assertError(
                post(client, "/api/paraphrases", "{\"sentences\":" + two + "}"),
                413,
                "sentences have 120 characters in all");
            assertError(
                post(client, "/api/paraphrases", "{\"sentences\":[\"a\",\"b\"],\"max_pairs\":51}"),
                400,
                "max_pairs must be in 1..50, got: 51");
            assertThat(counting.texts).as("texts embedded for refused requests").hasValue(0);

            Response within = post(client, "/api/embed", "{\"texts\":[\"" + SIXTY + "\"]}");
            assertThat(within.code()).isEqualTo(200);
            assertThat(counting.texts).hasValue(1);

            JsonNode info = json(client.get("/api/info"));
            assertThat(info.at("/limits/max_request_chars").asInt()).isEqualTo(100);
            assertThat(info.at("/limits/max_pairs").asInt()).isEqualTo(50);
            assertThat(info.at("/admission/max_bulk_requests").asInt()).isEqualTo(2);
            assertThat(info.at("/admission/max_write_requests").asInt()).isEqualTo(2);
            assertThat(info.at("/admission/max_search_requests").asInt()).isEqualTo(64);
            assertThat(info.at("/admission/request_timeout_seconds").asDouble()).isEqualTo(30.0);
          });
    }
  }

  /** Counts the texts embedded. */
  private static final class Counting extends ForwardingSentenceEncoder {
    final AtomicInteger texts = new AtomicInteger();

    Counting(SentenceEncoder delegate) {
      super(delegate);
    }

    @Override
    public float[][] encode(List<String> batch, String prompt, EncodeRequest request) {
      texts.addAndGet(batch.size());
      return delegate.encode(batch, prompt, request);
    }

    @Override
    public void close() {
      // the delegate is shared by the test classes
    }
  }
}
