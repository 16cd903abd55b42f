package io.semsearch.web;

import static io.semsearch.web.WebFixtures.json;
import static io.semsearch.web.WebFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.EncodeRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reranking over HTTP: {@code POST /api/rerank} and {@code rerank}/{@code rerank_depth} on {@code
 * /api/search}, with a cross-encoder that scores a text by its length (so the expected order is
 * known without a trained model; the model itself is checked in the encoder module).
 */
class RerankApiTest extends SharedIndexTest {

  /** Scores a text by its length in thousands of characters. */
  static final class LengthCrossEncoder implements CrossEncoder {
    @Override
    public float[] score(String query, List<String> passages, EncodeRequest request) {
      float[] out = new float[passages.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = passages.get(i).length() / 1000f;
      }
      return out;
    }

    @Override
    public String modelId() {
      return "length";
    }

    @Override
    public int maxSeqLength() {
      return 512;
    }

    @Override
    public void close() {}
  }

  private SearchServer reranking() {
    return SearchServer.create(
        ServerConfig.defaults().withPort(0),
        index.backend,
        WebFixtures.encoder(),
        WebFixtures.kernel(),
        new LengthCrossEncoder());
  }

  @Test
  void rerankAnswersInTheShapeOfTeiAndCohere() {
    JavalinTest.test(
        reranking().app(),
        (s, client) -> {
          JsonNode body =
              json(
                  post(
                      client,
                      "/api/rerank",
                      "{\"query\":\"q\",\"texts\":[\"ab\",\"abcd\",\"a\",\"abc\"],\"top_n\":3,"
                          + "\"return_text\":true}"));
          assertThat(body.isArray()).isTrue();
          assertThat(body).hasSize(3);
          assertThat(body.get(0).get("index").asInt()).isEqualTo(1);
          assertThat(body.get(0).get("score").asDouble()).isCloseTo(0.004, within(1e-6));
          assertThat(body.get(0).get("text").asText()).isEqualTo("abcd");
          assertThat(body.get(1).get("index").asInt()).isEqualTo(3);
          assertThat(body.get(2).get("index").asInt()).isEqualTo(0);
          JsonNode plain =
              json(post(client, "/api/rerank", "{\"query\":\"q\",\"texts\":[\"ab\",\"a\"]}"));
          assertThat(plain).hasSize(2);
          assertThat(plain.get(0).has("text")).isFalse();
        });
  }

  @Test
  void badRerankRequestsAre4xxNamingTheField() {
    JavalinTest.test(
        reranking().app(),
        (s, client) -> {
          assertBad(client, "{\"texts\":[\"a\"]}", 400, "query");
          assertBad(client, "{\"query\":\"q\"}", 400, "texts");
          assertBad(client, "{\"query\":\"q\",\"texts\":[]}", 400, "texts");
          assertBad(client, "{\"query\":\"q\",\"texts\":\"a\"}", 400, "texts");
          assertBad(client, "{\"query\":\"q\",\"texts\":[1]}", 400, "texts[0]");
          assertBad(client, "{\"query\":\"q\",\"texts\":[\"a\"],\"top_n\":0}", 400, "top_n");
          assertBad(client, "{\"query\":\"q\",\"texts\":[\"a\"],\"top_k\":1}", 400, "top_k");
        });
    try (SearchServer plain = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          plain.app(),
          (s, client) -> {
            assertBad(client, "{\"query\":\"q\",\"texts\":[\"a\"]}", 404, "--rerank");
            Response search = client.get("/api/search?q=cats&rerank=true");
            assertThat(search.code()).isEqualTo(400);
            assertThat(search.body().string()).contains("--rerank");
            assertThat(json(client.get("/api/info")).get("rerank").isNull()).isTrue();
          });
    }
  }

  private static void assertBad(
      io.javalin.testtools.HttpClient client, String body, int status, String mention)
      throws java.io.IOException {
    Response response = post(client, "/api/rerank", body);
    assertThat(response.code()).as(body).isEqualTo(status);
    assertThat(json(response).get("error").asText()).as(body).contains(mention);
  }

  @Test
  void searchesAreRerankedUnlessTheRequestSaysNo() {
    JavalinTest.test(
        reranking().app(),
        (s, client) -> {
          JsonNode first =
              json(
                  post(
                      client,
                      "/api/search",
                      "{\"q\":\"history of animals\",\"k\":8,\"rerank\":false}"));
          List<JsonNode> firstHits = new ArrayList<>();
          first.get("hits").forEach(firstHits::add);
          assertThat(firstHits.get(0).has("rerank_score")).isFalse();
          // the depth counts passages: up to 3 per document down the first stage's ranking
          int depth = 5;
          List<String> rescored = new ArrayList<>();
          int taken = 0;
          for (JsonNode hit : firstHits) {
            if (taken == depth) {
              break;
            }
            int passages =
                json(client.get("/api/documents/" + hit.get("id").asText())).get("passages").size();
            taken += Math.min(Math.min(3, passages), depth - taken);
            rescored.add(hit.get("id").asText());
          }
          assertThat(rescored)
              .as("a multi-passage document takes more of the depth")
              .hasSizeLessThan(depth);
          JsonNode reranked =
              json(
                  post(
                      client,
                      "/api/search",
                      "{\"q\":\"history of animals\",\"k\":8,\"rerank_depth\":" + depth + "}"));
          JsonNode hits = reranked.get("hits");
          assertThat(hits).hasSize(8);
          List<String> rerankedIds = new ArrayList<>();
          double previous = Double.POSITIVE_INFINITY;
          for (int i = 0; i < rescored.size(); i++) {
            JsonNode hit = hits.get(i);
            String id = hit.get("id").asText();
            rerankedIds.add(id);
            JsonNode before =
                firstHits.stream()
                    .filter(h -> h.get("id").asText().equals(id))
                    .findFirst()
                    .orElseThrow();
            // the best rescored passage is the snippet: at least as long as the first stage's
            assertThat(hit.get("rerank_score").asDouble())
                .isCloseTo(hit.get("snippet").asText().length() / 1000.0, within(1e-6))
                .isLessThanOrEqualTo(previous);
            assertThat(hit.get("snippet").asText().length())
                .isGreaterThanOrEqualTo(before.get("snippet").asText().length());
            JsonNode stored = json(client.get("/api/documents/" + id)).get("passages");
            assertThat(stored.get(hit.get("passage").asInt()).asText())
                .isEqualTo(hit.get("snippet").asText());
            assertThat(hit.get("first_stage_passage").asInt())
                .isEqualTo(before.get("passage").asInt());
            assertThat(hit.get("score").asDouble()).isEqualTo(hit.get("rerank_score").asDouble());
            assertThat(hit.get("first_stage_score").asDouble())
                .isEqualTo(before.get("score").asDouble());
            previous = hit.get("rerank_score").asDouble();
          }
          assertThat(rerankedIds).containsExactlyInAnyOrderElementsOf(rescored);
          // below the depth: first-stage order, score and snippet
          for (int i = rescored.size(); i < hits.size(); i++) {
            JsonNode hit = hits.get(i);
            assertThat(hit.has("rerank_score")).isFalse();
            assertThat(hit.get("id").asText()).isEqualTo(firstHits.get(i).get("id").asText());
            assertThat(hit.get("snippet").asText())
                .isEqualTo(firstHits.get(i).get("snippet").asText());
          }
          Response bad = client.get("/api/search?q=cats&rerank_depth=0");
          assertThat(bad.code()).isEqualTo(400);
          assertThat(bad.body().string()).contains("rerank_depth");
          JsonNode info = json(client.get("/api/info"));
          assertThat(info.at("/rerank/model").asText()).isEqualTo("length");
          JsonNode spec = json(client.get("/openapi.json"));
          assertThat(spec.at("/paths/~1api~1rerank/post/operationId").asText()).isEqualTo("rerank");
          assertThat(spec.at("/components/schemas/Hit/properties").has("rerank_score")).isTrue();
          assertThat(spec.at("/components/schemas/Hit/properties").has("first_stage_passage"))
              .isTrue();
        });
  }
}
