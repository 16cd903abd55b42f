package io.semsearch.web;

import static io.semsearch.web.WebFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.javalin.testtools.TestCase;
import io.semsearch.indexer.UpsertSession;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web writes are durable: what POST and DELETE /api/documents answered 200 for is still there after
 * the server and its backend are closed and new ones are opened on the same folder.
 */
class WriteRestartTest {

  private static final String KEY = "s3cret";

  private static final String NEW_DOCS =
      "[{\"id\":\"volcano\",\"title\":\"Volcanoes\",\"text\":\"Lava erupted from the volcano and"
          + " ash covered the village.\",\"metadata\":{\"section\":\"geology\",\"year\":2022}},"
          + "{\"id\":\"glacier\",\"title\":\"Glaciers\",\"text\":\"The glacier carved a deep"
          + " valley as the ice slowly moved downhill.\",\"metadata\":{\"section\":\"geology\"}}]";

  @TempDir Path dir;

  /** Runs {@code phase} against a new backend and server on {@code index}, then closes both. */
  private static void session(Path index, TestCase phase) throws IOException {
    try (SearchBackend backend =
            LuceneSearchBackend.open(
                index, WebFixtures.encoder(), new UpsertSession(index, WebFixtures.encoder()));
        SearchServer server =
            SearchServer.create(
                ServerConfig.defaults().withPort(0).withApiKey(KEY),
                backend,
                WebFixtures.encoder(),
                WebFixtures.kernel())) {
      JavalinTest.test(server.app(), phase);
    }
  }

  private static Response write(HttpClient client, String method, String path, String body) {
    return WebFixtures.write(client, method, path, body, "Bearer " + KEY);
  }

  private static String topId(HttpClient client, String query) {
    JsonNode hits =
        json(client.get("/api/search?k=1&q=" + WebFixtures.urlEncode(query))).get("hits");
    return hits.isEmpty() ? null : hits.get(0).get("id").asText();
  }

  private static int documents(HttpClient client) {
    return json(client.get("/api/health")).get("documents").asInt();
  }

  @Test
  void writesAndDeletesSurviveARestartOfServerAndBackend() throws IOException {
    Path index = WebFixtures.buildIndex(dir.resolve("index"));

    session(
        index,
        (s, client) -> {
          Response add = write(client, "POST", "/api/documents", NEW_DOCS);
          assertThat(add.code()).as(add.body().string()).isEqualTo(200);
          assertThat(json(add).get("indexed").asInt()).isEqualTo(2);
          assertThat(documents(client)).isEqualTo(10);
        });

    session(
        index,
        (s, client) -> {
          assertThat(documents(client)).as("documents after the first restart").isEqualTo(10);
          JsonNode volcano = json(client.get("/api/documents/volcano"));
          assertThat(volcano.get("title").asText()).isEqualTo("Volcanoes");
          assertThat(volcano.get("metadata").get("year").asInt()).isEqualTo(2022);
          assertThat(client.get("/api/documents/glacier").code()).isEqualTo(200);
          assertThat(topId(client, "lava from an eruption")).isEqualTo("volcano");
          assertThat(topId(client, "ice moving down a valley")).isEqualTo("glacier");

          Response delete = write(client, "DELETE", "/api/documents/volcano", "");
          assertThat(delete.code()).as(delete.body().string()).isEqualTo(200);
          assertThat(json(delete).get("deleted").asBoolean()).isTrue();
          Response deleteCat = write(client, "DELETE", "/api/documents/cat", "");
          assertThat(deleteCat.code()).as(deleteCat.body().string()).isEqualTo(200);
        });

    session(
        index,
        (s, client) -> {
          assertThat(documents(client)).as("documents after the second restart").isEqualTo(8);
          assertThat(client.get("/api/documents/volcano").code()).isEqualTo(404);
          assertThat(client.get("/api/documents/cat").code()).isEqualTo(404);
          assertThat(topId(client, "lava from an eruption")).isNotEqualTo("volcano");
          assertThat(topId(client, "a cat sat on the mat")).isNotEqualTo("cat");
          assertThat(client.get("/api/documents/glacier").code()).isEqualTo(200);
          assertThat(topId(client, "ice moving down a valley")).isEqualTo("glacier");
          assertThat(client.get("/api/documents/dog").code()).isEqualTo(200);
        });
  }
}
