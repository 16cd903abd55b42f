package io.semsearch.web;

import static io.semsearch.web.WebFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API answers when the index is busy, gone or asked too much: a 4xx naming the cause for
 * what the client can fix or wait out, and a health check that says "degraded" while it lasts.
 */
class IndexTroubleApiTest {

  private static final String KEY = "Bearer s3cret";
  private static final String ONE_DOC = "[{\"id\":\"new\",\"text\":\"A new document.\"}]";

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

  private static Response write(HttpClient client, String method, String path, String body) {
    return WebFixtures.write(client, method, path, body, KEY);
  }

  @Test
  void writesWhileAnIndexRunHoldsTheLockAnswer409AndHealthIsDegradedUntilAWriteSucceeds()
      throws IOException {
    try (SearchServer server = index.server(ServerConfig.defaults().withApiKey("s3cret"))) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            assertThat(client.get("/api/health").code()).isEqualTo(200);
            // what './semsearch index' holds while it runs
            try (CorpusIndexer run =
                new CorpusIndexer(index.dir, WebFixtures.encoder(), IndexSettings.defaults())) {
              Response post = write(client, "POST", "/api/documents", ONE_DOC);
              assertThat(post.code()).isEqualTo(409);
              assertThat(json(post).get("error").asText())
                  .contains(index.dir.toString())
                  .contains("write.lock");
              Response delete = write(client, "DELETE", "/api/documents/cat", "");
              assertThat(delete.code()).isEqualTo(409);

              Response health = client.get("/api/health");
              assertThat(health.code()).isEqualTo(503);
              JsonNode body = json(health);
              assertThat(body.get("status").asText()).isEqualTo("degraded");
              assertThat(body.get("reason").asText()).contains("writes are failing", "locked");
              assertThat(body.get("documents").asInt()).isEqualTo(8);
            }
            assertThat(write(client, "POST", "/api/documents", ONE_DOC).code()).isEqualTo(200);
            Response health = client.get("/api/health");
            assertThat(health.code()).isEqualTo(200);
            assertThat(json(health).get("status").asText()).isEqualTo("ok");
            assertThat(json(health).has("reason")).isFalse();
            assertThat(json(health).get("documents").asInt()).isEqualTo(9);
          });
    }
  }

  @Test
  void healthIsDegradedWhileTheIndexFolderIsGone() throws IOException {
    Path moved = dir.resolve("moved");
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            Files.move(index.dir, moved);
            Response health = client.get("/api/health");
            assertThat(health.code()).isEqualTo(503);
            assertThat(json(health).get("status").asText()).isEqualTo("degraded");
            assertThat(json(health).get("reason").asText())
                .contains(index.dir.toString())
                .contains("gone");
            Files.move(moved, index.dir);
            assertThat(client.get("/api/health").code()).isEqualTo(200);
          });
    }
  }

  @Test
  void aFilterWithMoreFieldsThanLuceneTakesInOneSearchAnswers400() throws IOException {
    ObjectNode request = WebFixtures.JSON.createObjectNode().put("q", "cats");
    ObjectNode filter = request.putObject("filter");
    for (int i = 0; i < 1_100; i++) {
      filter.put("field" + i, "value");
    }
    try (SearchServer server = index.server(ServerConfig.defaults())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            for (String mode : new String[] {"dense", "lexical", "hybrid", "exact"}) {
              request.put("mode", mode);
              Response response = WebFixtures.post(client, "/api/search", request.toString());
              assertThat(response.code()).as(mode).isEqualTo(400);
              assertThat(json(response).get("error").asText()).contains("too many clauses");
            }
          });
    }
  }
}
