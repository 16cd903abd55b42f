package io.semsearch.web;

import static io.semsearch.web.WebFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.semsearch.encoder.testing.TestSeeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST and DELETE /api/documents from several threads while others search: every answer is 2xx
 * except a DELETE of an id that is not there (404, and only then), and the final index holds
 * exactly the ids whose last operation was an upsert, each in its last version.
 *
 * <p>Each writer owns its ids (so "last operation" is that writer's own order) and follows a seeded
 * script; the run is bounded by its counts, the timeout on the futures is only a safety.
 */
@ExtendWith(TestSeeds.class)
class ConcurrentWritesTest {

  private static final String KEY = "Bearer s3cret";
  private static final int WRITERS = 4;
  private static final int WRITES_PER_WRITER = 10;
  private static final int IDS_PER_WRITER = 3;
  private static final int SEARCHERS = 4;
  private static final int SEARCHES_PER_SEARCHER = 50;
  private static final long SEED = TestSeeds.seed(ConcurrentWritesTest.class, 20261205L);
  private static final String[] QUERIES = {
    "a cat on a mat", "playing the guitar", "boiling pasta", "distant galaxies", "a note on rivers"
  };

  @TempDir Path dir;

  /** The last version written of an id, or null once deleted. */
  private record Version(String title, String text) {}

  @Test
  void writesDuringSearchesAnswer2xxAndLeaveTheLastOperationOfEachId() throws IOException {
    try (WebFixtures.TestIndex index = new WebFixtures.TestIndex(dir.resolve("index"));
        // every writer may wait for the write lock at once: this test is about consistency, the
        // write gate's 429s are AdmissionTest's and WriteAdmissionTest's
        SearchServer server =
            index.server(
                ServerConfig.defaults()
                    .withApiKey("s3cret")
                    .withAdmission(
                        ServerConfig.Admission.defaults().withMaxWriteRequests(WRITERS)))) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            List<Map<String, Version>> finals = new ArrayList<>();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
              Map<String, Version> model = new HashMap<>();
              finals.add(model);
              int writer = w;
              tasks.add(() -> writeScript(client, writer, model, unexpected));
            }
            for (int r = 0; r < SEARCHERS; r++) {
              int searcher = r;
              tasks.add(() -> searchScript(client, searcher, unexpected));
            }
            ExecutorService pool =
                Executors.newFixedThreadPool(
                    tasks.size(), Thread.ofPlatform().name("concurrent-writes-", 0).factory());
            try {
              List<Future<Void>> futures = new ArrayList<>();
              for (Callable<Void> task : tasks) {
                futures.add(pool.submit(task));
              }
              for (Future<Void> future : futures) {
                future.get(5, TimeUnit.MINUTES); // a safety bound, not a timing assertion
              }
            } finally {
              pool.shutdownNow();
            }
            assertThat(unexpected).as("unexpected answers").isEmpty();

            int present = 0;
            for (Map<String, Version> model : finals) {
              for (Map.Entry<String, Version> entry : model.entrySet()) {
                String id = entry.getKey();
                Response got = client.get("/api/documents/" + id);
                if (entry.getValue() == null) {
                  assertThat(got.code()).as("%s: last operation a delete", id).isEqualTo(404);
                  assertThat(slotHits(client, id)).as("search hits of deleted %s", id).isEmpty();
                } else {
                  present++;
                  assertThat(got.code()).as("%s: last operation an upsert", id).isEqualTo(200);
                  JsonNode doc = json(got);
                  assertThat(doc.get("title").asText()).as(id).isEqualTo(entry.getValue().title());
                  assertThat(doc.get("text").asText()).as(id).isEqualTo(entry.getValue().text());
                  assertThat(slotHits(client, id)).as("search hits of %s", id).containsExactly(id);
                }
              }
            }
            assertThat(json(client.get("/api/health")).get("documents").asInt())
                .isEqualTo(8 + present);
          });
    }
  }

  /**
   * Writer {@code writer}'s seeded script over its own ids: upserts (a new version each time) and
   * deletes; a delete answers 200 iff the id is there by this writer's own record, else 404.
   */
  private static Void writeScript(
      HttpClient client,
      int writer,
      Map<String, Version> model,
      ConcurrentLinkedQueue<String> bad) {
    Random random = new Random(SEED + writer);
    for (int j = 0; j < WRITES_PER_WRITER; j++) {
      String id = "w" + writer + "-" + random.nextInt(IDS_PER_WRITER);
      boolean there = model.get(id) != null;
      if (random.nextInt(3) == 0) {
        Response delete = WebFixtures.write(client, "DELETE", "/api/documents/" + id, "", KEY);
        int expected = there ? 200 : 404;
        if (delete.code() != expected) {
          bad.add("DELETE " + id + ": " + delete.code() + " (expected " + expected + ")");
        }
        model.put(id, null);
      } else {
        Version version =
            new Version(
                "Note " + id + " v" + j,
                "Writer " + writer + " wrote note " + j + " about rivers and bridges.");
        String body =
            "[{\"id\":\""
                + id
                + "\",\"title\":\""
                + version.title()
                + "\",\"text\":\""
                + version.text()
                + "\",\"metadata\":{\"slot\":\""
                + id
                + "\"}}]";
        Response upsert = WebFixtures.write(client, "POST", "/api/documents", body, KEY);
        if (upsert.code() != 200) {
          bad.add("POST " + id + ": " + upsert.code() + " " + upsert.body().string());
        }
        model.put(id, version);
      }
    }
    return null;
  }

  private static Void searchScript(
      HttpClient client, int searcher, ConcurrentLinkedQueue<String> bad) {
    for (int j = 0; j < SEARCHES_PER_SEARCHER; j++) {
      String q = QUERIES[(searcher + j) % QUERIES.length];
      Response response = client.get("/api/search?k=5&q=" + WebFixtures.urlEncode(q));
      if (response.code() != 200) {
        bad.add("search " + q + ": " + response.code() + " " + response.body().string());
      } else if (!json(response).get("hits").isArray()) {
        bad.add("search " + q + ": no hits array");
      }
    }
    return null;
  }

  /** The ids of the hits of a search filtered to metadata slot {@code id}. */
  private static List<String> slotHits(HttpClient client, String id) {
    JsonNode hits =
        json(WebFixtures.post(
                client,
                "/api/search",
                "{\"q\":\"rivers and bridges\",\"k\":10,\"filter\":{\"slot\":\"" + id + "\"}}"))
            .get("hits");
    List<String> ids = new ArrayList<>();
    hits.forEach(hit -> ids.add(hit.get("id").asText()));
    return ids;
  }
}
