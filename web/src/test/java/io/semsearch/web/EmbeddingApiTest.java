package io.semsearch.web;

import static io.semsearch.web.WebFixtures.json;
import static io.semsearch.web.WebFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.javalin.testtools.JavalinTest;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.ScoreTies;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The encoder over HTTP: /api/embed, /api/similarity and OpenAI's /v1/embeddings. */
class EmbeddingApiTest extends SharedIndexTest {

  static final List<String> TEXTS =
      List.of(
          "A man is playing a guitar.",
          "Someone plays an instrument.",
          "The stock market fell sharply today.",
          "Ünïcödé and emoji 🙂 are fine too.");

  private static void assertVectorsClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("component %d", i).isCloseTo(expected[i], within(1e-6));
    }
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  @Test
  void embedReturnsTheEncodersVectorsInOrder() throws IOException {
    SentenceEncoder encoder = WebFixtures.encoder();
    float[][] expected = encoder.encode(TEXTS);
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode body =
                json(
                    post(
                        client,
                        "/api/embed",
                        WebFixtures.JSON.writeValueAsString(Map.of("texts", TEXTS))));
            assertThat(body.get("model").asText())
                .isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
            assertThat(body.get("dimension").asInt()).isEqualTo(384);
            assertThat(body.get("embeddings").size()).isEqualTo(TEXTS.size());
            for (int i = 0; i < TEXTS.size(); i++) {
              assertVectorsClose(floats(body.get("embeddings").get(i)), expected[i]);
            }
          });
    }
  }

  @Test
  void embedTakesAPromptTextAndRefusesPromptNamesTheModelLacks() throws IOException {
    SentenceEncoder encoder = WebFixtures.encoder();
    float[][] prompted = encoder.encode(TEXTS.stream().map(t -> "query: " + t).toList());
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode body =
                json(
                    post(
                        client,
                        "/api/embed",
                        WebFixtures.JSON.writeValueAsString(
                            Map.of("texts", TEXTS, "prompt", "query: "))));
            for (int i = 0; i < TEXTS.size(); i++) {
              assertVectorsClose(floats(body.get("embeddings").get(i)), prompted[i]);
            }
            var noSuchName =
                post(client, "/api/embed", "{\"texts\":[\"a\"],\"prompt_name\":\"query\"}");
            assertThat(noSuchName.code()).isEqualTo(400);
            assertThat(json(noSuchName).get("error").asText())
                .isEqualTo("prompt_name 'query' is not a prompt of the model (it has none)");
            var both =
                post(
                    client,
                    "/api/embed",
                    "{\"texts\":[\"a\"],\"prompt_name\":\"query\",\"prompt\":\"q: \"}");
            assertThat(both.code()).isEqualTo(400);
            assertThat(json(both).get("error").asText())
                .isEqualTo("give prompt or prompt_name, not both");
            var wrongType = post(client, "/api/embed", "{\"texts\":[\"a\"],\"prompt\":3}");
            assertThat(wrongType.code()).isEqualTo(400);
            JsonNode info = json(client.get("/api/info"));
            assertThat(info.get("model").get("prompts").size()).isZero();
            assertThat(info.get("model").get("default_prompt_name").isNull()).isTrue();
          });
    }
  }

  @Test
  void similarityIsTheCosineMatrix() throws IOException {
    SentenceEncoder encoder = WebFixtures.encoder();
    float[][] a = encoder.encode(TEXTS.subList(0, 2));
    float[][] b = encoder.encode(TEXTS.subList(1, 4));
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode body =
                json(
                    post(
                        client,
                        "/api/similarity",
                        WebFixtures.JSON.writeValueAsString(
                            Map.of(
                                "sentences1",
                                TEXTS.subList(0, 2),
                                "sentences2",
                                TEXTS.subList(1, 4)))));
            JsonNode scores = body.get("scores");
            assertThat(scores.size()).isEqualTo(2);
            assertThat(scores.get(0).size()).isEqualTo(3);
            for (int i = 0; i < 2; i++) {
              for (int j = 0; j < 3; j++) {
                double dot = 0;
                for (int d = 0; d < a[i].length; d++) {
                  dot += a[i][d] * b[j][d];
                }
                assertThat(scores.get(i).get(j).asDouble()).isCloseTo(dot, within(1e-5));
              }
            }
            assertThat(scores.get(1).get(0).asDouble())
                .isCloseTo(1.0, within(1e-5)); // the same sentence
            assertThat(scores.get(0).get(0).asDouble())
                .isGreaterThan(scores.get(0).get(1).asDouble()); // guitar ~ instrument > stocks
          });
    }
  }

  @Test
  void paraphrasesAreThePairsOfPostedSentencesByCosine() throws IOException {
    SentenceEncoder encoder = WebFixtures.encoder();
    float[][] v = encoder.encode(TEXTS);
    // every pair by hand: 4 sentences, 6 pairs
    Map<List<Integer>, Double> expected = new HashMap<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      for (int j = i + 1; j < TEXTS.size(); j++) {
        double dot = 0;
        for (int d = 0; d < v[i].length; d++) {
          dot += v[i][d] * v[j][d];
        }
        expected.put(List.of(i, j), dot);
      }
    }
    // the server scores in float: a threshold between two clearly distinct pair scores, near the
    // top three
    ScoreTies.Cut cut =
        ScoreTies.clearCut(
            expected.values().stream().mapToDouble(Double::doubleValue).toArray(), 3);
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode all =
                json(
                    post(
                        client,
                        "/api/paraphrases",
                        WebFixtures.JSON.writeValueAsString(Map.of("sentences", TEXTS))));
            JsonNode pairs = all.get("pairs");
            List<List<Integer>> ranked = new ArrayList<>();
            for (JsonNode pair : pairs) {
              List<Integer> key = List.of(pair.get("first").asInt(), pair.get("second").asInt());
              ranked.add(key);
              assertThat(expected).containsKey(key);
              assertThat(pair.get("score").asDouble())
                  .as("score of %s", key)
                  .isCloseTo(expected.get(key), within(ScoreTies.SCORE_TOLERANCE));
              assertThat(pair.get("first_text").asText())
                  .isEqualTo(TEXTS.get(pair.get("first").asInt()));
            }
            ScoreTies.assertRankedLike(ranked, expected);
            // the guitar sentence and its paraphrase are the best pair
            assertThat(ranked.get(0)).containsExactly(0, 1);
            JsonNode above =
                json(
                    post(
                        client,
                        "/api/paraphrases",
                        WebFixtures.JSON.writeValueAsString(
                            Map.of("sentences", TEXTS, "threshold", cut.threshold()))));
            assertThat(above.get("pairs").size()).isEqualTo(cut.above());
          });
    }
  }

  @Test
  void openAiEmbeddingsAnswerFloatsOrLittleEndianBase64WithTokenUsage() throws IOException {
    SentenceEncoder encoder = WebFixtures.encoder();
    float[][] expected = encoder.encode(TEXTS);
    int tokens = TEXTS.stream().mapToInt(encoder::countTokens).sum();
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode floats =
                json(
                    post(
                        client,
                        "/v1/embeddings",
                        WebFixtures.JSON.writeValueAsString(
                            Map.of(
                                "model",
                                "sentence-transformers/all-MiniLM-L6-v2",
                                "input",
                                TEXTS))));
            assertThat(floats.get("object").asText()).isEqualTo("list");
            assertThat(floats.get("model").asText())
                .isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
            assertThat(floats.at("/usage/prompt_tokens").asInt()).isEqualTo(tokens);
            assertThat(floats.at("/usage/total_tokens").asInt()).isEqualTo(tokens);
            for (int i = 0; i < TEXTS.size(); i++) {
              JsonNode item = floats.get("data").get(i);
              assertThat(item.get("object").asText()).isEqualTo("embedding");
              assertThat(item.get("index").asInt()).isEqualTo(i);
              assertVectorsClose(floats(item.get("embedding")), expected[i]);
            }

            JsonNode base64 =
                json(
                    post(
                        client,
                        "/v1/embeddings",
                        "{\"model\":\"all-MiniLM-L6-v2\",\"input\":\""
                            + TEXTS.get(0)
                            + "\",\"encoding_format\":\"base64\"}"));
            byte[] bytes = Base64.getDecoder().decode(base64.at("/data/0/embedding").asText());
            assertThat(bytes).hasSize(384 * 4);
            float[] decoded = new float[384];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(decoded);
            assertVectorsClose(decoded, expected[0]);
            assertThat(base64.at("/usage/prompt_tokens").asInt())
                .isEqualTo(encoder.countTokens(TEXTS.get(0)));
          });
    }
  }

  @Test
  void openAiDimensionsGiveThePrefixesOfTheFullVectorsAtUnitLength() throws IOException {
    float[][] full = WebFixtures.encoder().encode(TEXTS);
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            for (int width : new int[] {64, 384}) {
              JsonNode body =
                  json(
                      post(
                          client,
                          "/v1/embeddings",
                          WebFixtures.JSON.writeValueAsString(
                              Map.of("model", "default", "input", TEXTS, "dimensions", width))));
              for (int i = 0; i < TEXTS.size(); i++) {
                // the reference: the full vector's prefix divided by its norm, in plain Java
                double norm = 0;
                for (int j = 0; j < width; j++) {
                  norm += (double) full[i][j] * full[i][j];
                }
                float[] expected = new float[width];
                for (int j = 0; j < width; j++) {
                  expected[j] = (float) (full[i][j] / Math.sqrt(norm));
                }
                assertVectorsClose(floats(body.get("data").get(i).get("embedding")), expected);
              }
            }
          });
    }
  }

  @Test
  void openAiEmbeddingsAcceptTheModelsIdItsShortNameAndDefault() throws IOException {
    float[] expected = WebFixtures.encoder().encode(List.of("a"))[0];
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            for (String model :
                List.of("sentence-transformers/all-MiniLM-L6-v2", "all-MiniLM-L6-v2", "default")) {
              var response =
                  post(client, "/v1/embeddings", "{\"model\":\"" + model + "\",\"input\":\"a\"}");
              String body = response.body().string();
              assertThat(response.code()).as(model + ": " + body).isEqualTo(200);
              JsonNode json = WebFixtures.JSON.readTree(body);
              assertThat(json.get("model").asText())
                  .isEqualTo(
                      model.equals("default") ? "sentence-transformers/all-MiniLM-L6-v2" : model);
              assertVectorsClose(floats(json.at("/data/0/embedding")), expected);
            }
            assertThat(
                    post(client, "/v1/embeddings", "{\"model\":\"Default\",\"input\":\"a\"}")
                        .code())
                .isEqualTo(404);
          });
    }
  }

  @Test
  void langchain4jsOpenAiClientGetsTheEncodersVectors() throws IOException {
    SentenceEncoder encoder = WebFixtures.encoder();
    float[][] expected = encoder.encode(TEXTS);
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            OpenAiEmbeddingModel model =
                OpenAiEmbeddingModel.builder()
                    .baseUrl("http://localhost:" + s.port() + "/v1")
                    .apiKey("not-needed")
                    .modelName("sentence-transformers/all-MiniLM-L6-v2")
                    .build();
            Response<List<Embedding>> response =
                model.embedAll(TEXTS.stream().map(TextSegment::from).toList());
            assertThat(response.content()).hasSize(TEXTS.size());
            for (int i = 0; i < TEXTS.size(); i++) {
              assertVectorsClose(response.content().get(i).vector(), expected[i]);
            }
            assertThat(response.tokenUsage().inputTokenCount())
                .isEqualTo(TEXTS.stream().mapToInt(encoder::countTokens).sum());
            assertVectorsClose(
                model.embed("A man is playing a guitar.").content().vector(), expected[0]);
          });
    }
  }
}
