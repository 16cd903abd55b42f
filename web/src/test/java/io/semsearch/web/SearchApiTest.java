package io.semsearch.web;

import static io.semsearch.web.WebFixtures.json;
import static io.semsearch.web.WebFixtures.post;
import static io.semsearch.web.WebFixtures.urlEncode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.semsearch.encoder.VectorMath;
import io.semsearch.encoder.testing.ScoreTies;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.SearchResults;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The read API on a small index of the real default model. */
class SearchApiTest extends SharedIndexTest {

  private static List<String> ids(JsonNode response) {
    List<String> ids = new ArrayList<>();
    response.get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @Test
  void searchGetFindsTheDocumentClosestInMeaningWithScoresTheSearcherComputes() throws IOException {
    SearchResults expected =
        index.backend.search(SearchRequest.of("a kitten resting on a rug").withK(3));
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            Response response =
                client.get("/api/search?q=" + urlEncode("a kitten resting on a rug") + "&k=3");
            assertThat(response.code()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(ids(body))
                .containsExactlyElementsOf(expected.hits().stream().map(h -> h.id()).toList());
            assertThat(ids(body).get(0)).isEqualTo("cat");
            JsonNode top = body.get("hits").get(0);
            assertThat(top.get("score").asDouble())
                .isCloseTo(expected.hits().get(0).score(), within(1e-6));
            assertThat(top.get("title").asText()).isEqualTo("Cats");
            assertThat(top.get("snippet").asText()).contains("The cat sat on the mat");
            assertThat(top.get("passage").asInt()).isZero();
            assertThat(top.get("metadata").get("section").asText()).isEqualTo("animals");
            assertThat(top.get("metadata").get("year").asInt()).isEqualTo(2001);
            assertThat(top.has("highlight")).isFalse();
            assertThat(body.get("mode").asText()).isEqualTo("dense");
            assertThat(body.get("took_ms").asDouble()).isPositive();
            assertThat(body.get("k").asInt()).isEqualTo(3);
          });
    }
  }

  @Test
  void aRepeatedQueryComesFromTheQueryCacheWithTheSameHits() throws IOException {
    for (int cacheSize : new int[] {ServerConfig.DEFAULT_QUERY_CACHE_SIZE, 0}) {
      try (SearchServer server =
          index.server(ServerConfig.defaults().withQueryCacheSize(cacheSize))) {
        JavalinTest.test(
            server.app(),
            (s, client) -> {
              String q = "/api/search?k=3&q=" + urlEncode("instruments on a stage");
              JsonNode first = json(client.get(q));
              JsonNode second = json(client.get(q + "&offset=3"));
              JsonNode again = json(client.get(q));
              assertThat(again.get("hits")).isEqualTo(first.get("hits"));
              assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
              String metrics = client.get("/metrics").body().string();
              int hits = cacheSize == 0 ? 0 : 2;
              assertThat(metrics)
                  .as("cache size %d", cacheSize)
                  .contains(
                      "# TYPE semsearch_query_cache_hits_total counter\n"
                          + "semsearch_query_cache_hits_total "
                          + hits
                          + "\n")
                  .contains("semsearch_query_cache_misses_total " + (3 - hits) + "\n");
            });
      }
    }
  }

  @Test
  void searchPostTakesTheSameFieldsWithAJsonFilterAndPaging() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode all =
                json(post(client, "/api/search", "{\"q\":\"music and instruments\",\"k\":4}"));
            JsonNode filtered =
                json(
                    post(
                        client,
                        "/api/search",
                        "{\"q\":\"music and"
                            + " instruments\",\"k\":10,\"filter\":{\"section\":\"music\"}}"));
            assertThat(ids(filtered)).containsExactlyInAnyOrder("guitar", "piano");
            JsonNode stringFilter =
                json(
                    client.get(
                        "/api/search?q=music&filter="
                            + urlEncode("section:(music OR food) year:>=2016")));
            assertThat(ids(stringFilter)).containsExactlyInAnyOrder("pasta", "bread");
            JsonNode range =
                json(
                    post(
                        client,
                        "/api/search",
                        "{\"q\":\"anything\",\"filter\":{\"year\":{\"gte\":2018,\"lt\":2021}}}"));
            assertThat(ids(range)).containsExactlyInAnyOrder("pasta", "bread");
            JsonNode page2 =
                json(
                    post(
                        client,
                        "/api/search",
                        "{\"q\":\"music and instruments\",\"k\":2,\"offset\":2}"));
            assertThat(ids(page2)).containsExactlyElementsOf(ids(all).subList(2, 4));
            assertThat(page2.get("offset").asInt()).isEqualTo(2);
          });
    }
  }

  @Test
  void everyModeAnswersAndMinScoreDropsWeakHits() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            for (String mode :
                List.of("semantic", "dense", "exact", "keyword", "lexical", "hybrid")) {
              JsonNode body =
                  json(
                      client.get(
                          "/api/search?q=" + urlEncode("pasta with garlic") + "&mode=" + mode));
              assertThat(ids(body)).as(mode).isNotEmpty();
              assertThat(ids(body).get(0)).as(mode).isEqualTo("pasta");
            }
            JsonNode weighted =
                json(
                    client.get("/api/search?q=pasta&mode=hybrid&fusion=weighted&dense_weight=0.3"));
            assertThat(ids(weighted).get(0)).isEqualTo("pasta");
            assertThat(json(client.get("/api/search?q=pasta&mode=keyword")).get("mode").asText())
                .isEqualTo("lexical");
            JsonNode strict =
                json(
                    client.get(
                        "/api/search?q="
                            + urlEncode("pasta with garlic")
                            + "&min_score=0.4&num_candidates=50"));
            assertThat(ids(strict)).contains("pasta");
            strict
                .get("hits")
                .forEach(h -> assertThat(h.get("score").asDouble()).isGreaterThanOrEqualTo(0.4));
            assertThat(ids(strict).size()).isLessThan(8);
          });
    }
  }

  @Test
  void highlightPointsAtTheSentenceClosestToTheQuery() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode body =
                json(
                    client.get(
                        "/api/search?q="
                            + urlEncode("a crowd singing at a loud concert")
                            + "&k=1&highlight=true"));
            JsonNode hit = body.get("hits").get(0);
            assertThat(hit.get("id").asText()).isEqualTo("guitar");
            String snippet = hit.get("snippet").asText();
            JsonNode h = hit.get("highlight");
            assertThat(snippet.substring(h.get("start").asInt(), h.get("end").asInt()))
                .isEqualTo("The concert was loud and the crowd sang along.");
            assertThat(h.get("score").asDouble()).isBetween(0.3, 1.0);
          });
    }
  }

  @Test
  void longDocumentsAreFoundByTheirBestPassageAndReturnedWhole() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode doc = json(client.get("/api/documents/history-long"));
            assertThat(doc.get("text").asText()).isEqualTo(WebFixtures.LONG_TEXT);
            assertThat(doc.get("passages").size()).isGreaterThan(1);
            assertThat(doc.get("metadata").get("section").asText()).isEqualTo("history");
            JsonNode hits =
                json(
                    client.get(
                        "/api/search?q=" + urlEncode("steam engines in factories") + "&k=1"));
            assertThat(ids(hits)).containsExactly("history-long");
            assertThat(hits.get("hits").get(0).get("snippet").asText()).contains("steam engines");
          });
    }
  }

  @Test
  void documentsAndSimilarDocumentsAnswer404JsonWhenMissing() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode cat = json(client.get("/api/documents/cat"));
            assertThat(cat.get("id").asText()).isEqualTo("cat");
            assertThat(cat.get("title").asText()).isEqualTo("Cats");
            assertThat(cat.get("passages").size()).isEqualTo(1);
            JsonNode bread = json(client.get("/api/documents/bread"));
            assertThat(bread.get("title").isNull()).isTrue();

            JsonNode similar = json(client.get("/api/documents/cat/similar?k=2"));
            // reference: every other document's best passage against cat's text, embedded here
            float[] catVector =
                WebFixtures.encoder()
                    .encodeDocuments(List.of(cat.path("passages").get(0).asText()))[0];
            Map<String, Double> reference = new HashMap<>();
            for (CorpusDocument d : WebFixtures.documents()) {
              if (d.id().equals("cat")) {
                continue;
              }
              List<String> passages = new ArrayList<>();
              json(client.get("/api/documents/" + d.id()))
                  .path("passages")
                  .forEach(passage -> passages.add(passage.asText()));
              double best = Double.NEGATIVE_INFINITY;
              for (float[] v : WebFixtures.encoder().encodeDocuments(passages)) {
                best = Math.max(best, VectorMath.cosine(catVector, v));
              }
              reference.put(d.id(), best);
            }
            assertThat(ids(similar)).hasSize(2).doesNotContain("cat").startsWith("dog");
            ScoreTies.assertRankedLike(ids(similar), reference, 2);
            assertThat(similar.get("mode").asText()).isEqualTo("similar");
            JsonNode filtered =
                json(client.get("/api/documents/cat/similar?k=5&filter=section:food"));
            assertThat(ids(filtered)).containsExactlyInAnyOrder("pasta", "bread");

            for (String path : List.of("/api/documents/nope", "/api/documents/nope/similar")) {
              Response missing = client.get(path);
              assertThat(missing.code()).as(path).isEqualTo(404);
              assertThat(json(missing).get("error").asText())
                  .contains("no document with id 'nope'");
              assertThat(json(missing).get("status").asInt()).isEqualTo(404);
            }
          });
    }
  }

  @Test
  void facetsCountMetadataValuesOverTheRankedDocuments() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode all = json(client.get("/api/search?q=anything&k=1&facets=10"));
            JsonNode sections = all.get("facets").get("section");
            assertThat(sections.size()).isEqualTo(5);
            assertThat(sections.get(0).get("count").asInt()).isEqualTo(2);
            assertThat(all.get("facets").has("year")).isTrue();
            JsonNode music =
                json(
                    post(
                        client,
                        "/api/search",
                        "{\"q\":\"anything\",\"filter\":\"section:music\",\"facets\":1}"));
            JsonNode years = music.get("facets").get("year");
            assertThat(years.size()).isEqualTo(1);
            assertThat(years.get(0).get("value").asText()).isIn("2010", "2015");
            assertThat(years.get(0).get("count").asInt()).isEqualTo(1);
            assertThat(music.get("facets").get("section").get(0).get("count").asInt()).isEqualTo(2);
            assertThat(json(client.get("/api/search?q=anything")).has("facets")).isFalse();
          });
    }
  }

  @Test
  void healthInfoOpenApiAndMetricsDescribeTheServer() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            JsonNode health = json(client.get("/api/health"));
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("documents").asInt()).isEqualTo(8);

            JsonNode info = json(client.get("/api/info"));
            assertThat(info.at("/model/id").asText())
                .isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
            assertThat(info.at("/model/dimension").asInt()).isEqualTo(384);
            assertThat(info.at("/index/documents").asInt()).isEqualTo(8);
            assertThat(info.at("/index/passages").asInt()).isGreaterThan(8);
            assertThat(info.at("/index/size_bytes").asLong()).isPositive();
            assertThat(info.at("/index/hnsw/m").asInt()).isEqualTo(16);
            assertThat(info.at("/index/hnsw/beam_width").asInt()).isEqualTo(100);
            assertThat(info.at("/index/quantization").asText()).isEqualTo("none");
            assertThat(info.at("/writes_enabled").asBoolean()).isFalse();
            assertThat(info.at("/limits/max_texts").asInt()).isEqualTo(256);

            Response openApi = client.get("/openapi.json");
            assertThat(openApi.headers().get("Content-Type").get(0)).startsWith("application/json");
            JsonNode spec = json(openApi);
            assertThat(spec.get("openapi").asText()).startsWith("3.");
            for (String path :
                List.of(
                    "/api/search",
                    "/api/embed",
                    "/api/similarity",
                    "/api/paraphrases",
                    "/api/documents",
                    "/api/documents/{id}",
                    "/api/documents/{id}/similar",
                    "/v1/embeddings",
                    "/api/health",
                    "/api/info",
                    "/metrics")) {
              assertThat(spec.get("paths").has(path)).as(path).isTrue();
            }

            client.get("/api/search?q=cats");
            client.get("/api/search?k=0");
            String metrics = client.get("/metrics").body().string();
            assertThat(metrics)
                .contains("# TYPE semsearch_http_requests_total counter")
                .contains(
                    "semsearch_http_requests_total{method=\"GET\",route=\"/api/search\",status=\"200\"}"
                        + " 1")
                .contains(
                    "semsearch_http_requests_total{method=\"GET\",route=\"/api/search\",status=\"400\"}"
                        + " 1")
                .contains(
                    "semsearch_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/search\",le=\"+Inf\"}"
                        + " 2")
                .contains("semsearch_encode_seconds_count{purpose=\"query\"} 1")
                .contains("semsearch_search_seconds_count{mode=\"dense\"} 1")
                .contains("semsearch_index_documents 8");
          });
    }
  }

  @Test
  void theSearchPageIsServedFromTheJar() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            Response page = client.get("/");
            assertThat(page.code()).isEqualTo(200);
            assertThat(page.headers().get("Content-Type").get(0)).startsWith("text/html");
            assertThat(page.body().string()).contains("semsearch");
            assertThat(client.get("/app.js").code()).isEqualTo(200);
            assertThat(client.get("/style.css").code()).isEqualTo(200);
          });
    }
  }

  @Test
  void startListensOnTheConfiguredPortAndCloseStopsIt() throws Exception {
    SearchServer server =
        SearchServer.start(
            ServerConfig.defaults().withPort(0),
            index.backend,
            WebFixtures.encoder(),
            WebFixtures.kernel());
    int port;
    try (server) {
      port = server.port();
      assertThat(port).isPositive();
      var http = HttpClient.newHttpClient();
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }
    try (var socket = new Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1000))
          .isInstanceOf(IOException.class);
    }
  }
}
