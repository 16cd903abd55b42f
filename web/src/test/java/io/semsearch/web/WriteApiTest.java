package io.semsearch.web;

import static io.semsearch.web.WebFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes need the API key; they are visible to the next search. Each test gets a fresh index. */
class WriteApiTest {

  static final String NEW_DOCS =
      "[{\"id\":\"volcano\",\"title\":\"Volcanoes\",\"text\":\"Lava erupted from the volcano and"
          + " ash covered the village.\","
          + "\"metadata\":{\"section\":\"geology\",\"year\":2022,\"verified\":true,\"rating\":4.5}},{\"id\":\"cat\",\"title\":\"Cats,"
          + " revised\",\"text\":\"Cats sleep for most of the day in sunny"
          + " spots.\",\"metadata\":{\"section\":\"animals\"}}]";

  @TempDir Path dir;
  WebFixtures.TestIndex index;

  @BeforeEach
  void buildIndex() {
    index = new WebFixtures.TestIndex(dir.resolve("index"));
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  private static Response write(
      HttpClient client, String method, String path, String body, String auth) {
    return WebFixtures.write(client, method, path, body, auth);
  }

  private static String topId(HttpClient client, String query) {
    JsonNode hits =
        json(client.get("/api/search?k=1&q=" + WebFixtures.urlEncode(query))).get("hits");
    return hits.isEmpty() ? null : hits.get(0).get("id").asText();
  }

  @Test
  void withoutAConfiguredKeyWritesAnswer403AndChangeNothing() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            for (String auth : new String[] {null, "Bearer anything"}) {
              Response add = write(client, "POST", "/api/documents", NEW_DOCS, auth);
              assertThat(add.code()).isEqualTo(403);
              assertThat(json(add).get("error").asText()).contains("writes are disabled");
              Response delete = write(client, "DELETE", "/api/documents/cat", "", auth);
              assertThat(delete.code()).isEqualTo(403);
            }
            assertThat(json(client.get("/api/health")).get("documents").asInt()).isEqualTo(8);
            assertThat(json(client.get("/api/documents/cat")).get("title").asText())
                .isEqualTo("Cats");
            assertThat(client.get("/api/documents/volcano").code()).isEqualTo(404);
          });
    }
  }

  @Test
  void aReadOnlyBackendAnswers403EvenWithTheKey() throws IOException {
    try (SearchBackend readOnly =
            LuceneSearchBackend.openReadOnly(index.dir, WebFixtures.encoder());
        SearchServer server =
            SearchServer.create(
                ServerConfig.defaults().withPort(0).withApiKey("s3cret"),
                readOnly,
                WebFixtures.encoder(),
                WebFixtures.kernel())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            Response add = write(client, "POST", "/api/documents", NEW_DOCS, "Bearer s3cret");
            assertThat(add.code()).isEqualTo(403);
            assertThat(json(add).get("error").asText())
                .contains("writes are disabled")
                .contains("read-only");
            assertThat(write(client, "DELETE", "/api/documents/cat", "", "Bearer s3cret").code())
                .isEqualTo(403);
            assertThat(client.get("/api/documents/cat").code()).isEqualTo(200);
          });
    }
  }

  @Test
  void aMissingOrWrongKeyAnswers401AndChangesNothing() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults().withApiKey("s3cret"))) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            for (String auth :
                new String[] {
                  null, "Bearer wrong", "Bearer s3cret-not", "Basic czNjcmV0", "s3cret", "Bearer "
                }) {
              Response add = write(client, "POST", "/api/documents", NEW_DOCS, auth);
              assertThat(add.code()).as(String.valueOf(auth)).isEqualTo(401);
              assertThat(json(add).get("status").asInt()).isEqualTo(401);
              assertThat(add.headers().get("WWW-Authenticate")).isNotEmpty();
              assertThat(write(client, "DELETE", "/api/documents/cat", "", auth).code())
                  .isEqualTo(401);
            }
            assertThat(json(client.get("/api/health")).get("documents").asInt()).isEqualTo(8);
            assertThat(client.get("/api/documents/volcano").code()).isEqualTo(404);
          });
    }
  }

  @Test
  void writesWithTheKeyAreVisibleToTheNextSearch() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults().withApiKey("s3cret"))) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            assertThat(topId(client, "lava from an eruption")).isNotEqualTo("volcano");

            Response add = write(client, "POST", "/api/documents", NEW_DOCS, "Bearer s3cret");
            assertThat(add.code()).as(add.body().string()).isEqualTo(200);
            assertThat(json(add).get("indexed").asInt()).isEqualTo(2);
            assertThat(topId(client, "lava from an eruption")).isEqualTo("volcano");
            JsonNode volcano = json(client.get("/api/documents/volcano"));
            assertThat(volcano.get("metadata").get("year").asInt()).isEqualTo(2022);
            assertThat(volcano.get("metadata").get("verified").asBoolean()).isTrue();
            assertThat(volcano.get("metadata").get("rating").asDouble()).isEqualTo(4.5);
            assertThat(json(client.get("/api/documents/cat")).get("title").asText())
                .isEqualTo("Cats, revised");
            assertThat(json(client.get("/api/health")).get("documents").asInt()).isEqualTo(9);
            assertThat(topId(client, "lava&filter=section:geology")).isEqualTo("volcano");

            // the same batch again: nothing changed, nothing embedded
            JsonNode again =
                json(
                    write(
                        client,
                        "POST",
                        "/api/documents",
                        "{\"documents\":" + NEW_DOCS + "}",
                        "bearer s3cret"));
            assertThat(again.get("indexed").asInt()).isZero();
            assertThat(again.get("unchanged").asInt()).isEqualTo(2);

            Response delete =
                write(client, "DELETE", "/api/documents/volcano", "", "Bearer s3cret");
            assertThat(delete.code()).isEqualTo(200);
            assertThat(json(delete).get("deleted").asBoolean()).isTrue();
            assertThat(client.get("/api/documents/volcano").code()).isEqualTo(404);
            assertThat(topId(client, "lava from an eruption")).isNotEqualTo("volcano");
            assertThat(
                    write(client, "DELETE", "/api/documents/volcano", "", "Bearer s3cret").code())
                .isEqualTo(404);
            assertThat(json(client.get("/api/health")).get("documents").asInt()).isEqualTo(8);
          });
    }
  }

  @Test
  void badDocumentsAreRefusedBeforeAnythingIsWritten() throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults().withApiKey("k"))) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            String[][] cases = {
              {
                "[{\"id\":\"ok\",\"text\":\"fine\"},{\"id\":\"\",\"text\":\"x\"}]",
                "documents[1].id is missing or blank"
              },
              {"[{\"id\":\"a\"}]", "documents[0].text is missing or blank"},
              {
                "[{\"id\":\"a\",\"text\":\"x\",\"metadata\":{\"tags\":[1]}}]",
                "documents[0].metadata.tags must be a string, number or boolean"
              },
              {
                "[{\"id\":\"a\",\"text\":\"x\",\"metadata\":[]}]",
                "documents[0].metadata must be an object"
              },
              {
                "[{\"id\":\"a\",\"text\":\"x\",\"body\":\"y\"}]",
                "documents[0]: unknown field 'body'"
              },
              {"[{\"id\":7,\"text\":\"x\"}]", "documents[0].id must be a string"},
              {
                "[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"a\",\"text\":\"y\"}]",
                "id 'a' appears twice"
              },
              {"[]", "the list of documents is empty"},
              {"{\"docs\":[]}", "unknown field 'docs'"},
              {"\"text\"", "the body must be a list of documents"},
              {"[\"text\"]", "documents[0] must be an object"},
            };
            for (String[] c : cases) {
              Response response = write(client, "POST", "/api/documents", c[0], "Bearer k");
              assertThat(response.code()).as(c[0]).isEqualTo(400);
              assertThat(json(response).get("error").asText()).as(c[0]).contains(c[1]);
            }
            assertThat(client.get("/api/documents/ok").code()).isEqualTo(404);
            assertThat(json(client.get("/api/health")).get("documents").asInt()).isEqualTo(8);
          });
    }
  }
}
