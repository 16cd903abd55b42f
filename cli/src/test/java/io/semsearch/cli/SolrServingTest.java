package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.solr.SolrServerProcess;
import io.semsearch.web.ServerConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the web API over a two-node SolrCloud: {@code index --solr} feeds the sample
 * corpus, {@code search --solr} answers as {@code search --index} does on the same corpus, and
 * {@code serve}'s server takes filters, facets and key-protected writes against the cluster.
 */
class SolrServingTest {

  private static final Path ROOT =
      Path.of(System.getProperty("semsearch.jvm.flags.file")).toAbsolutePath().getParent();
  private static final Path CORPUS = ROOT.resolve("samples/corpus/docs.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static SolrServerProcess cluster;
  private static String model;

  @BeforeAll
  static void start() throws Exception {
    cluster = SolrServerProcess.start(ROOT, 2, dir.resolve("solr"), System.out, 180);
    model = TestModels.defaultModelFolder().toString();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void searchOverTheClusterAnswersAsOverTheLocalIndex() throws Exception {
    Path index = localIndex();
    assertThat(feed("cli").out()).containsPattern("indexed 300 documents|; 300 unchanged");
    for (String query : new String[] {"symptoms of a heart attack", "automobile upkeep"}) {
      JsonNode expected = search("--index", index.toString(), "-q", query);
      JsonNode actual = search("--solr", cluster.url(), "--collection", "cli", "-q", query);
      assertThat(ids(actual)).isEqualTo(ids(expected)).hasSize(10);
    }
  }

  @Test
  void mineOverTheClusterGivesTheLocalIndexsPairs() throws Exception {
    Path index = localIndex();
    feed("cli");
    Map<List<String>, Double> expected = minedPairs("--index", index.toString());
    Map<List<String>, Double> actual = minedPairs("--solr", cluster.url(), "--collection", "cli");
    assertThat(expected).hasSizeGreaterThan(300);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((pair, score) -> assertThat(actual.get(pair)).isCloseTo(score, within(1e-5)));
    CliRun missing =
        CliRun.of("mine", "--solr", cluster.url(), "--collection", "no-such-collection");
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("no-such-collection: no such collection");
  }

  /** {@code mine --exact} with {@code source}: each pair (ids in order) with its score. */
  private static Map<List<String>, Double> minedPairs(String... source) {
    List<String> args = new ArrayList<>(List.of("mine", "--top-k", "3", "--device", "cpu"));
    args.addAll(List.of(source));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    Map<List<String>, Double> pairs = new HashMap<>();
    for (String row : run.out().split("\n")) {
      String[] cols = row.split("\t");
      List<String> pair = new ArrayList<>(List.of(cols[1], cols[2]));
      Collections.sort(pair);
      pairs.put(pair, Double.parseDouble(cols[0]));
    }
    return pairs;
  }

  /** The sample corpus indexed locally, once for the tests that compare against it. */
  private static synchronized Path localIndex() {
    Path index = dir.resolve("index");
    if (!Files.isDirectory(index)) {
      CliRun local =
          CliRun.of(
              "index", "--index", index.toString(), "--input", CORPUS.toString(), "--model", model);
      assertThat(local.code()).as(local.err()).isZero();
    }
    return index;
  }

  /** {@code index --solr} of the sample corpus into {@code collection}. */
  private static CliRun feed(String collection) {
    CliRun fed =
        CliRun.of(
            "index",
            "--solr",
            cluster.url(),
            "--collection",
            collection,
            "--input",
            CORPUS.toString(),
            "--model",
            model);
    assertThat(fed.code()).as(fed.err()).isZero();
    return fed;
  }

  private static JsonNode search(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("search"));
    all.addAll(List.of(args));
    all.addAll(List.of("--mode", "exact", "--json", "--model", model));
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  private static List<String> ids(JsonNode response) {
    List<String> ids = new ArrayList<>();
    response.get("hits").forEach(h -> ids.add(h.get("id").asText()));
    return ids;
  }

  @Test
  void theWebApiFiltersFacetsAndWritesAgainstTheCluster() throws Exception {
    feed("web");
    IndexTarget target = new IndexTarget();
    target.solr = cluster.url();
    target.collection = "web";
    SentenceEncoder encoder = TestModels.defaultEncoder();
    ServingInBackground serving =
        new ServingInBackground(
            (out, stop) ->
                Serving.serve(
                    ServerConfig.defaults().withPort(0).withApiKey("secret-key"),
                    encoder,
                    () -> target.openWritable(encoder),
                    target.location(),
                    out,
                    stop));
    String base = serving.baseUrl();
    assertThat(serving.printed()).contains("serving 300 documents").contains("collection web");
    HttpClient http = HttpClient.newHttpClient();

    JsonNode filtered =
        get(
            http,
            base
                + "api/search?k=5&facets=3&filter="
                + encode("section:health")
                + "&q="
                + encode("car repair"));
    assertThat(filtered.get("hits")).hasSize(5);
    filtered
        .get("hits")
        .forEach(h -> assertThat(h.get("metadata").get("section").asText()).isEqualTo("health"));
    assertThat(filtered.get("facets").get("section").get(0).get("value").asText())
        .isEqualTo("health");

    String doc =
        "{\"documents\":[{\"id\":\"llama-1\",\"title\":\"Llamas\",\"text\":\"Llamas are pack"
            + " animals of the Andes.\",\"metadata\":{\"section\":\"animals\"}}]}";
    HttpResponse<String> refused =
        http.send(post(base, doc, "wrong-key"), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    HttpResponse<String> written =
        http.send(post(base, doc, "secret-key"), HttpResponse.BodyHandlers.ofString());
    assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
    JsonNode found = get(http, base + "api/search?k=1&q=" + encode("andean pack animal"));
    assertThat(found.get("hits").get(0).get("id").asText()).isEqualTo("llama-1");
    HttpResponse<String> deleted =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "api/documents/llama-1"))
                .header("Authorization", "Bearer secret-key")
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    HttpResponse<String> gone =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "api/documents/llama-1")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(gone.statusCode()).isEqualTo(404);

    assertThat(serving.stop()).isZero();
  }

  private static HttpRequest post(String base, String body, String key) {
    return HttpRequest.newBuilder(URI.create(base + "api/documents"))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static JsonNode get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
