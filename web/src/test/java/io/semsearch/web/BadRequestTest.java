package io.semsearch.web;

import static io.semsearch.web.WebFixtures.json;
import static io.semsearch.web.WebFixtures.post;
import static io.semsearch.web.WebFixtures.send;
import static io.semsearch.web.WebFixtures.urlEncode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.semsearch.encoder.testing.TestSeeds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of bad request answers 4xx with a JSON error saying what was wrong; never 5xx. */
@ExtendWith(TestSeeds.class)
class BadRequestTest extends SharedIndexTest {

  private static ServerConfig config() {
    return ServerConfig.defaults()
        .withApiKey("secret")
        .withLimits(
            ServerConfig.Limits.defaults()
                .withMaxTexts(8)
                .withMaxTextChars(200)
                .withMaxBodyBytes(64 * 1024));
  }

  /** Asserts a JSON error of {@code status} whose message contains {@code message}. */
  private static void assertError(Response response, int status, String message) {
    String body = response.body().string();
    assertThat(response.code()).as(body).isEqualTo(status);
    JsonNode json = json(response);
    assertThat(json.get("status").asInt()).isEqualTo(status);
    assertThat(json.get("error").asText()).as(body).contains(message);
    assertThat(body).doesNotContain("at io.").doesNotContain("Exception:");
  }

  /** Asserts OpenAI's error shape, of {@code status}, whose message contains {@code message}. */
  private static void assertOpenAiError(Response response, int status, String message) {
    String body = response.body().string();
    assertThat(response.code()).as(body).isEqualTo(status);
    JsonNode error = json(response).get("error");
    assertThat(error.get("message").asText()).as(body).contains(message);
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.has("param")).as(body).isTrue();
    assertThat(error.has("code")).as(body).isTrue();
  }

  @Test
  void badSearchParametersNameWhatWasWrong() throws IOException {
    try (SearchServer server = index.server(config())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            assertError(client.get("/api/search"), 400, "q is missing");
            assertError(client.get("/api/search?q=%20%20"), 400, "q is missing");
            assertError(client.get("/api/search?q=x&k=0"), 400, "k must be in 1..1000, got: 0");
            assertError(
                client.get("/api/search?q=x&k=1001"), 400, "k must be in 1..1000, got: 1001");
            assertError(
                client.get("/api/search?q=x&k=ten"), 400, "k must be an integer, got: 'ten'");
            assertError(
                client.get("/api/search?q=x&k=99999999999999"), 400, "k must be an integer");
            // Integer.valueOf would read the Arabic-Indic six as 6: only ASCII digits are an
            // integer
            assertError(
                client.get("/api/search?q=x&k=%D9%A6"), 400, "k must be an integer, got: '\u0666'");
            assertError(client.get("/api/search?q=x&offset=-1"), 400, "offset must be in");
            assertError(
                client.get("/api/search?q=x&offset=9995&k=10"), 400, "offset must be in 0..9990");
            assertError(
                client.get("/api/search?q=x&num_candidates=20000"),
                400,
                "num_candidates must be in 0..10000");
            assertError(
                client.get("/api/search?q=x&min_score=high"), 400, "min_score must be a number");
            assertError(
                client.get("/api/search?q=x&min_score=NaN"),
                400,
                "min_score must be a finite number");
            assertError(client.get("/api/search?q=x&mode=fuzzy"), 400, "unknown mode 'fuzzy'");
            assertError(
                client.get("/api/search?q=x&filter=" + urlEncode("section:(a OR")),
                400,
                "bad filter");
            assertError(
                client.get("/api/search?q=x&filter=" + urlEncode("year:[2000 TO")),
                400,
                "bad filter");
            assertError(client.get("/api/search?q=x&fusion=max"), 400, "unknown fusion 'max'");
            assertError(
                client.get("/api/search?q=x&dense_weight=2"),
                400,
                "dense_weight must be in [0, 1]");
            assertError(
                client.get("/api/search?q=x&highlight=maybe"),
                400,
                "highlight must be true or false");
            assertError(client.get("/api/search?q=x&size=3"), 400, "unknown parameter 'size'");
            assertError(client.get("/api/search?q=x&k=1&k=2"), 400, "k is given 2 times");
            assertError(
                client.get("/api/search?q=" + "x".repeat(201)),
                400,
                "q has 201 characters; at most 200");
            assertError(client.get("/api/documents/cat/similar?k=0"), 400, "k must be in 1..1000");
            assertError(client.get("/api/search?q=x&facets=101"), 400, "facets must be in 0..100");
          });
    }
  }

  @Test
  void badJsonBodiesNameWhatWasWrong() throws IOException {
    try (SearchServer server = index.server(config())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            assertError(post(client, "/api/search", "{\"q\": \"x\""), 400, "malformed JSON");
            assertError(post(client, "/api/search", "{q: x}"), 400, "malformed JSON");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\"} trailing"), 400, "malformed JSON");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"q\":\"y\"}"),
                400,
                "Duplicate field 'q'");
            assertError(post(client, "/api/search", ""), 400, "the body is empty");
            assertError(
                post(client, "/api/search", "[1,2]"),
                400,
                "the body must be a JSON object, got: an array");
            assertError(
                post(client, "/api/search", "{\"q\":5}"),
                400,
                "q must be a string, got: a number 5");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"k\":\"5\"}"),
                400,
                "k must be an integer, got: a string \"5\"");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"k\":2.5}"),
                400,
                "k must be an integer, got: a number 2.5");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"k\":1e30}"),
                400,
                "k must be an integer");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"k\":5000}"),
                400,
                "k must be in 1..1000, got: 5000");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"filter\":[1]}"),
                400,
                "filter must be a string or an object");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"filter\":{\"year\":{\"about\":3}}}"),
                400,
                "unknown range operator 'about'");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"mode\":\"nope\"}"),
                400,
                "unknown mode 'nope'");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"highlight\":\"yes\"}"),
                400,
                "highlight must be true or false");
            assertError(
                post(client, "/api/search", "{\"q\":\"x\",\"limit\":3}"),
                400,
                "unknown field 'limit'");
            assertError(
                send(
                    client,
                    "POST",
                    "/api/search",
                    new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'},
                    b -> b.header("Content-Type", "application/json")),
                400,
                "malformed JSON");

            assertError(post(client, "/api/embed", "{}"), 400, "texts is missing");
            assertError(
                post(client, "/api/embed", "{\"texts\":\"one\"}"),
                400,
                "texts must be a list of strings");
            assertError(post(client, "/api/embed", "{\"texts\":[]}"), 400, "texts is empty");
            assertError(
                post(client, "/api/embed", "{\"texts\":[\"a\", 3]}"),
                400,
                "texts[1] must be a string, got: a number 3");
            assertError(
                post(client, "/api/embed", "{\"texts\":[" + "\"a\",".repeat(8) + "\"a\"]}"),
                400,
                "texts has 9 texts; at most 8");
            assertError(
                post(client, "/api/embed", "{\"texts\":[\"" + "a".repeat(201) + "\"]}"),
                400,
                "texts[0] has 201 characters; at most 200");
            assertError(
                post(client, "/api/similarity", "{\"sentences1\":[\"a\"]}"),
                400,
                "sentences2 is missing");
            assertError(
                post(client, "/api/similarity", "{\"sentences1\":[\"a\"],\"sentences2\":{}}"),
                400,
                "sentences2 must be a list of strings, got: an object");

            assertOpenAiError(
                post(client, "/v1/embeddings", "{\"input\":\"a\"}"), 400, "model is missing");
            assertOpenAiError(
                post(
                    client,
                    "/v1/embeddings",
                    "{\"model\":\"text-embedding-3-small\",\"input\":\"a\"}"),
                404,
                "model 'text-embedding-3-small' not found");
            assertThat(
                    json(post(client, "/v1/embeddings", "{\"model\":\"gpt\",\"input\":\"a\"}"))
                        .get("error"))
                .hasToString(
                    "{\"message\":\"model 'gpt' not found: this server serves"
                        + " 'sentence-transformers/all-MiniLM-L6-v2' (also accepted:"
                        + " 'all-MiniLM-L6-v2' and 'default')\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"model\",\"code\":\"model_not_found\"}");
            assertOpenAiError(
                post(
                    client, "/v1/embeddings", "{\"model\":\"all-MiniLM-L6-v2\",\"input\":[[1,2]]}"),
                400,
                "input[0] must be a string");
            assertOpenAiError(
                post(client, "/v1/embeddings", "{\"model\":\"all-MiniLM-L6-v2\",\"input\":[1,2]}"),
                400,
                "token ids is not supported");
            assertOpenAiError(
                post(
                    client,
                    "/v1/embeddings",
                    "{\"model\":\"all-MiniLM-L6-v2\",\"input\":\"a\",\"encoding_format\":\"hex\"}"),
                400,
                "encoding_format must be float or base64");
            assertOpenAiError(
                post(
                    client,
                    "/v1/embeddings",
                    "{\"model\":\"all-MiniLM-L6-v2\",\"input\":\"a\",\"dimensions\":385}"),
                400,
                "dimensions must be in 1..384 for sentence-transformers/all-MiniLM-L6-v2, got:"
                    + " 385");
            assertOpenAiError(
                post(
                    client,
                    "/v1/embeddings",
                    "{\"model\":\"all-MiniLM-L6-v2\",\"input\":\"a\",\"dimensions\":0}"),
                400,
                "dimensions must be in 1..384");
          });
    }
  }

  @Test
  void tooLargeBodiesAnswer413WithOrWithoutContentLength() throws IOException {
    try (SearchServer server = index.server(config())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            String big = "{\"texts\":[\"" + "a".repeat(70 * 1024) + "\"]}";
            assertError(post(client, "/api/embed", big), 413, "larger than 65536 bytes");
            // a streamed body of unknown length (chunked transfer encoding)
            Response chunked =
                client.request(
                    "/api/embed",
                    b ->
                        b.header("Content-Type", "application/json")
                            .post(
                                HttpRequest.BodyPublishers.ofInputStream(
                                    () ->
                                        new ByteArrayInputStream(
                                            big.getBytes(StandardCharsets.UTF_8)))));
            assertError(chunked, 413, "larger than 65536 bytes");
            assertThat(client.get("/api/health").code()).isEqualTo(200);
          });
    }
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() throws IOException {
    try (SearchServer server = index.server(config())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            assertError(client.get("/api/nothing"), 404, "no route GET /api/nothing");
            assertError(client.get("/nothing.html"), 404, "no route GET /nothing.html");
            assertError(
                send(client, "PUT", "/api/search", "{}".getBytes(StandardCharsets.UTF_8), b -> {}),
                405,
                "not allowed");
          });
    }
  }

  /**
   * A few hundred malformed requests derived from the API's shapes (each field replaced by every
   * wrong type, fields dropped, huge and negative numbers, broken and random bytes) all answer 4xx
   * with a JSON error, and the server stays healthy. Seeded: a failure replays.
   */
  @Test
  void generatedMalformedRequestsAllAnswer4xxWithAJsonError() throws IOException {
    long seed = TestSeeds.seed(BadRequestTest.class, 20261201L);
    Random random = new Random(seed);
    List<Malformed> requests = Malformed.generate(random);
    assertThat(requests.size()).isGreaterThan(300);
    try (SearchServer server = index.server(config())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            for (Malformed m : requests) {
              Response response = m.send(client);
              String body = response.body().string();
              String what = "seed " + seed + ": " + m + " -> " + response.code() + " " + body;
              assertThat(response.code()).as(what).isBetween(400, 499);
              JsonNode json = json(response);
              if (m.path().startsWith("/v1/")) {
                assertThat(json.at("/error/message").asText()).as(what).isNotBlank();
                assertThat(json.at("/error/type").asText()).isEqualTo("invalid_request_error");
              } else {
                assertThat(json.get("error").asText()).as(what).isNotBlank();
                assertThat(json.get("status").asInt()).as(what).isEqualTo(response.code());
              }
            }
            assertThat(json(client.get("/api/health")).get("status").asText()).isEqualTo("ok");
            assertThat(
                    json(client.get("/api/search?q=cat&k=1")).get("hits").get(0).get("id").asText())
                .isEqualTo("cat");
          });
    }
  }

  /** One malformed request. */
  record Malformed(String method, String path, byte[] body, String auth) {

    Response send(HttpClient client) {
      return WebFixtures.send(
          client,
          method,
          path,
          body,
          b -> {
            b.header("Content-Type", "application/json");
            if (auth != null) {
              b.header("Authorization", auth);
            }
          });
    }

    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return method
          + " "
          + path
          + " "
          + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    /** A valid body of each JSON endpoint, with the values to corrupt. */
    private static final List<String[]> SHAPES =
        List.of(
            new String[] {
              "/api/search",
              "{\"q\":\"cats\",\"k\":3,\"mode\":\"hybrid\",\"offset\":0,\"num_candidates\":50,\"min_score\":0.1,\"filter\":{\"section\":\"animals\"},\"highlight\":false,\"facets\":5}"
            },
            new String[] {"/api/embed", "{\"texts\":[\"one\",\"two\"]}"},
            new String[] {
              "/api/similarity", "{\"sentences1\":[\"a\"],\"sentences2\":[\"b\",\"c\"]}"
            },
            new String[] {
              "/api/paraphrases",
              "{\"sentences\":[\"a\",\"b\",\"c\"],\"top_k\":2,\"threshold\":0.5,\"max_pairs\":10}"
            },
            new String[] {
              "/v1/embeddings",
              "{\"model\":\"all-MiniLM-L6-v2\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"float\"}"
            },
            new String[] {
              "/api/documents",
              "[{\"id\":\"x\",\"title\":\"t\",\"text\":\"some"
                  + " text\",\"metadata\":{\"section\":\"s\",\"year\":2000}}]"
            });

    /** Values of every JSON type, plus extremes, that no field of the API accepts all of. */
    private static final List<String> WRONG =
        List.of(
            "null",
            "true",
            "-1",
            "0",
            "1e309",
            "-9223372036854775809",
            "99999999999",
            "2.5",
            "\"\"",
            "\"x\"",
            "[]",
            "[null]",
            "[1,2]",
            "{}",
            "{\"a\":{}}",
            "\"" + "z".repeat(300) + "\"");

    static List<Malformed> generate(Random random) {
      // big decimals keep 1e309 a number (a double would be written back as the string "Infinity")
      ObjectMapper mapper =
          new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
      List<Malformed> out = new ArrayList<>();
      String auth = "Bearer secret";
      try {
        for (String[] shape : SHAPES) {
          String path = shape[0];
          JsonNode valid = mapper.readTree(shape[1]);
          ObjectNode object = valid.isArray() ? (ObjectNode) valid.get(0) : (ObjectNode) valid;
          List<String> names = new ArrayList<>();
          object.fieldNames().forEachRemaining(names::add);
          for (String name : names) {
            for (String wrong : WRONG) {
              ObjectNode copy = object.deepCopy();
              copy.set(name, mapper.readTree(wrong));
              if (acceptable(path, name, wrong)) {
                continue;
              }
              out.add(
                  new Malformed(
                      "POST",
                      path,
                      bytes(valid.isArray() ? mapper.createArrayNode().add(copy) : copy),
                      auth));
            }
            ObjectNode missing = object.deepCopy();
            missing.remove(name);
            if (required(path, name)) {
              out.add(
                  new Malformed(
                      "POST",
                      path,
                      bytes(valid.isArray() ? mapper.createArrayNode().add(missing) : missing),
                      auth));
            }
          }
          String text = shape[1];
          for (int i = 0; i < 6; i++) {
            // cut anywhere: almost always broken JSON (a cut exactly at the end is skipped)
            int cut = 1 + random.nextInt(text.length() - 1);
            out.add(
                new Malformed(
                    "POST", path, text.substring(0, cut).getBytes(StandardCharsets.UTF_8), auth));
          }
          for (int i = 0; i < 4; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            noise[0] = (byte) "#%&)*;<>?@\\^`|~".charAt(random.nextInt(15));
            out.add(new Malformed("POST", path, noise, auth));
          }
          out.add(
              new Malformed(
                  "POST", path, "\"just a string\"".getBytes(StandardCharsets.UTF_8), auth));
          out.add(
              new Malformed(
                  "POST",
                  path,
                  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".repeat(40).getBytes(StandardCharsets.UTF_8),
                  auth));
          out.add(
              new Malformed(
                  "POST",
                  path,
                  ("{\"unknown_field\":1," + text.substring(1)).getBytes(StandardCharsets.UTF_8),
                  auth));
        }
        String[] params = {
          "q=",
          "k=-5",
          "k=abc",
          "k=1e3",
          "k=100000",
          "offset=-3",
          "offset=abc",
          "num_candidates=-1",
          "min_score=abc",
          "min_score=Infinity",
          "mode=",
          "mode=%00",
          "filter=%3A%3A",
          "filter=a%3A(b",
          "filter=a%3A%5B1%20TO",
          "filter=AND",
          "highlight=2",
          "fusion=x",
          "rrf_k=-1",
          "dense_weight=-0.1",
          "unknown=1"
        };
        for (String param : params) {
          out.add(
              new Malformed(
                  "GET",
                  "/api/search?" + (param.startsWith("q=") ? param : "q=cat&" + param),
                  new byte[0],
                  null));
        }
        for (int i = 0; i < 20; i++) {
          StringBuilder garbage = new StringBuilder("/api/search?q=cat&k=");
          for (int j = 0; j < 1 + random.nextInt(20); j++) {
            int b = random.nextInt(256);
            // the first byte never starts a number ("%36" is k=6, a valid request), nor is it space
            while (j == 0 && (b <= ' ' || "0123456789+-.".indexOf(b) >= 0)) {
              b = random.nextInt(256);
            }
            garbage.append("%").append(String.format("%02X", b));
          }
          out.add(new Malformed("GET", garbage.toString(), new byte[0], null));
        }
        out.add(new Malformed("GET", "/api/documents/x/similar?k=abc", new byte[0], null));
        out.add(new Malformed("GET", "/api/documents/x/similar?filter=a%3A(", new byte[0], null));
        out.add(new Malformed("GET", "/api/search?q=cat&facets=-1", new byte[0], null));
        out.add(new Malformed("DELETE", "/api/documents/nothing-here", new byte[0], auth));
        out.add(new Malformed("DELETE", "/api/documents/cat", new byte[0], "Bearer wrong"));
        out.add(
            new Malformed("POST", "/api/documents", "[]".getBytes(StandardCharsets.UTF_8), null));
        out.add(new Malformed("GET", "/api/" + "x".repeat(2000), new byte[0], null));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }

    private static byte[] bytes(JsonNode node) throws IOException {
      return new ObjectMapper().writeValueAsBytes(node);
    }

    /** Replacements that are valid after all (they are not sent). */
    private static boolean acceptable(String path, String name, String wrong) {
      if (wrong.equals("null") && !required(path, name)) {
        return true;
      }
      boolean anyNumberInRange = wrong.matches("-?[0-9.]+");
      boolean someString = wrong.startsWith("\"");
      return switch (path + "#" + name) {
        case "/api/search#offset", "/api/search#num_candidates", "/api/search#facets" ->
            wrong.equals("0");
        case "/api/search#min_score" -> anyNumberInRange;
        case "/api/search#filter" -> wrong.equals("{}") || wrong.equals("\"\"");
        case "/api/search#q" -> wrong.equals("\"x\"");
        case "/api/search#highlight" -> wrong.equals("true");
        case "/api/paraphrases#threshold" -> wrong.equals("-1") || wrong.equals("0");
        case "/v1/embeddings#input" -> wrong.equals("\"x\"") || wrong.equals("\"\"");
        case "/api/documents#title" -> someString;
        case "/api/documents#metadata" -> wrong.equals("{}");
        case "/api/documents#id", "/api/documents#text" ->
            wrong.equals("\"x\"") || wrong.startsWith("\"zzz");
        default -> false;
      };
    }

    private static boolean required(String path, String name) {
      return switch (path) {
        case "/api/search" -> name.equals("q");
        case "/api/paraphrases" -> name.equals("sentences");
        case "/api/documents" -> name.equals("id") || name.equals("text");
        case "/v1/embeddings" -> name.equals("model") || name.equals("input");
        default -> true;
      };
    }
  }
}
