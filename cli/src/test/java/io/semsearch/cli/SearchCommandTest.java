package io.semsearch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.web.SearchServer;
import io.semsearch.web.ServerConfig;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search}, {@code eval ir} and {@code eval ann} end to end with the real all-MiniLM-L6-v2 on
 * a small gzipped JSON Lines corpus.
 */
class SearchCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path index;
  private static String model;

  @BeforeAll
  static void buildIndex() throws Exception {
    model = TestModels.defaultModelFolder().toString();
    Path corpus = dir.resolve("docs.jsonl.gz");
    List<String> lines =
        List.of(
            "{\"id\":\"p1\",\"title\":\"Password reset\",\"text\":\"How do I reset my"
                + " password?\",\"section\":\"help\",\"year\":2019}",
            "{\"id\":\"p2\",\"text\":\"Steps to recover a forgotten"
                + " login.\",\"section\":\"help\",\"year\":2021}",
            "{\"id\":\"c1\",\"text\":\"A simple recipe for tomato soup with"
                + " basil.\",\"section\":\"cooking\",\"year\":2015}",
            "{\"id\":\"c2\",\"text\":\"Bake the bread at 220 degrees for forty"
                + " minutes.\",\"section\":\"cooking\",\"year\":2020}",
            "{\"id\":\"h1\",\"text\":\"The Western Roman Empire fell in the fifth"
                + " century.\",\"section\":\"history\",\"year\":2001}",
            "{\"id\":\"s1\",\"text\":\"Photosynthesis converts sunlight into chemical energy in"
                + " plants.\",\"section\":\"science\",\"year\":2010}");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(corpus))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    index = dir.resolve("index");
    CliRun r =
        CliRun.of(
            "index",
            "--index",
            index.toString(),
            "--input",
            corpus.toString(),
            "--model",
            model,
            "--device",
            "cpu");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("indexed 6 documents");
  }

  private static JsonNode searchJson(String... extra) throws Exception {
    String[] base = {
      "search", "--index", index.toString(), "--model", model, "--device", "cpu", "--json"
    };
    String[] args = Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new);
    CliRun r = CliRun.of(args);
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void denseSearchFindsParaphrasesFirstAndPrintsTheJsonShape() throws Exception {
    JsonNode result = searchJson("-q", "I forgot my password", "-k", "3");
    JsonNode hits = result.get("hits");
    assertThat(hits).hasSize(3);
    assertThat(List.of(hits.get(0).get("id").asText(), hits.get(1).get("id").asText()))
        .containsExactlyInAnyOrder("p1", "p2");
    JsonNode first = hits.get(0);
    assertThat(first.get("score").asDouble())
        .isBetween(-1.0, 1.0)
        .isGreaterThan(hits.get(2).get("score").asDouble());
    JsonNode p1 = hits.get(0).get("id").asText().equals("p1") ? hits.get(0) : hits.get(1);
    JsonNode p2 = hits.get(0).get("id").asText().equals("p1") ? hits.get(1) : hits.get(0);
    assertThat(p1.get("title").asText()).isEqualTo("Password reset");
    assertThat(p2.has("title")).as("a missing title is left out, as the web API does").isFalse();
    assertThat(first.get("snippet").asText()).isNotBlank();
    assertThat(result.get("took_ms").asDouble()).isPositive();
    assertThat(result.get("mode").asText()).isEqualTo("dense");
  }

  @Test
  void rerankReordersByTheCrossEncoderAndKeepsBothScores() throws Exception {
    Path reranker =
        RandomCrossEncoderFolder.write(
            RandomModelFolder.builder().optSeed(8),
            RandomCrossEncoderFolder.Head.standard(),
            dir.resolve("reranker"));
    JsonNode plain = searchJson("-q", "I forgot my password", "-k", "6");
    JsonNode reranked =
        searchJson(
            "-q",
            "I forgot my password",
            "-k",
            "6",
            "--rerank",
            reranker.toString(),
            "--rerank-depth",
            "6");
    JsonNode hits = reranked.get("hits");
    assertThat(hits).hasSize(6);
    double previous = Double.POSITIVE_INFINITY;
    for (JsonNode hit : hits) {
      double rerank = hit.get("rerank_score").asDouble();
      assertThat(rerank).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
      assertThat(hit.get("score").asDouble()).isEqualTo(rerank);
      previous = rerank;
      JsonNode before = null;
      for (JsonNode p : plain.get("hits")) {
        if (p.get("id").asText().equals(hit.get("id").asText())) {
          before = p;
        }
      }
      assertThat(before).as(hit.get("id").asText()).isNotNull();
      assertThat(hit.get("first_stage_score").asDouble()).isEqualTo(before.get("score").asDouble());
    }
    assertThat(plain.get("hits").get(0).has("rerank_score")).isFalse();
  }

  @Test
  void badRerankOptionsFailInOneLine() {
    String[] base = {
      "search", "--index", index.toString(), "--model", model, "--device", "cpu", "-q", "x"
    };
    CliRun depth = CliRun.of(concat(base, "--rerank", "some/model", "--rerank-depth", "0"));
    assertThat(depth.code()).isNotZero();
    assertThat(depth.err()).contains("rerank depth").doesNotContain("\tat ");
    CliRun missing = CliRun.of(concat(base, "--rerank", dir.resolve("nothing").toString()));
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("nothing");
    String[] onGpu = base.clone();
    onGpu[Arrays.asList(base).indexOf("cpu")] = "gpu";
    CliRun int8 = CliRun.of(concat(onGpu, "--rerank", "some/model", "--precision", "int8"));
    assertThat(int8.code()).isNotZero();
    assertThat(int8.err()).contains("int8");
  }

  private static String[] concat(String[] base, String... extra) {
    return Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new);
  }

  @Test
  void filtersAndModesAreApplied() throws Exception {
    JsonNode cooking =
        searchJson("-q", "password", "--mode", "hybrid", "--filter", "section:cooking");
    assertThat(cooking.get("hits"))
        .isNotEmpty()
        .allSatisfy(
            h -> assertThat(h.get("metadata").get("section").asText()).isEqualTo("cooking"));
    JsonNode recent = searchJson("-q", "anything", "--filter", "year:>=2020");
    assertThat(recent.get("hits"))
        .extracting(h -> h.get("id").asText())
        .containsExactlyInAnyOrder("p2", "c2");
    JsonNode facets = searchJson("-q", "help", "--mode", "exact", "-k", "1", "--facets", "2");
    JsonNode sections = facets.get("facets").get("section");
    assertThat(sections).hasSize(2);
    // most frequent first, ties by value: cooking and help both have 2 documents
    assertThat(sections)
        .extracting(b -> b.get("value").asText() + "=" + b.get("count").asInt())
        .containsExactly("cooking=2", "help=2");
    JsonNode lexical = searchJson("-q", "tomato", "--mode", "lexical");
    assertThat(lexical.get("hits")).extracting(h -> h.get("id").asText()).containsExactly("c1");
  }

  @Test
  void theJsonIsWhatTheWebApiAnswersForTheSameSearch() throws Exception {
    String[][] searches = {
      {
        "q=" + URLEncoder.encode("forgot my password", UTF_8) + "&k=3&offset=1&facets=3",
        "-q",
        "forgot my password",
        "-k",
        "3",
        "--offset",
        "1",
        "--facets",
        "3"
      },
      {
        "q=soup&mode=hybrid&filter=" + URLEncoder.encode("year:>=2015", UTF_8),
        "-q",
        "soup",
        "--mode",
        "hybrid",
        "--filter",
        "year:>=2015"
      },
    };
    try (SearchBackend backend =
            LuceneSearchBackend.openReadOnly(index, TestModels.defaultEncoder());
        SearchServer server =
            SearchServer.start(
                ServerConfig.defaults().withPort(0),
                backend,
                TestModels.defaultEncoder(),
                SentenceEncoders.similarityKernel(DeviceSpec.CPU))) {
      HttpClient http = HttpClient.newHttpClient();
      for (String[] search : searches) {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/search?" + search[0]);
        HttpResponse<String> web =
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(web.statusCode()).as(web.body()).isEqualTo(200);
        ObjectNode fromWeb = (ObjectNode) JSON.readTree(web.body());
        ObjectNode fromCli = (ObjectNode) searchJson(Arrays.copyOfRange(search, 1, search.length));
        // the time taken is the only part that may differ
        assertThat(fromCli.remove("took_ms").isNumber()).isTrue();
        assertThat(fromWeb.remove("took_ms").isNumber()).isTrue();
        assertThat(fromCli).as(search[0]).isEqualTo(fromWeb);
      }
    }
  }

  @Test
  void badSearchInputFailsWithOneLine() {
    CliRun badFilter =
        CliRun.of(
            "search",
            "--index",
            index.toString(),
            "--model",
            model,
            "-q",
            "x",
            "--filter",
            "year:[a TO b]");
    assertThat(badFilter.code()).isEqualTo(1);
    assertThat(badFilter.err().strip())
        .startsWith("semsearch search: bad filter")
        .doesNotContain("\n");
    CliRun badMode =
        CliRun.of(
            "search", "--index", index.toString(), "--model", model, "-q", "x", "--mode", "fuzzy");
    assertThat(badMode.err()).contains("unknown mode 'fuzzy'");
    CliRun noIndex =
        CliRun.of("search", "--index", dir.resolve("nope").toString(), "--model", model, "-q", "x");
    assertThat(noIndex.code()).isEqualTo(1);
    assertThat(noIndex.err()).contains("nope").contains("no semsearch index");
  }

  @Test
  void evalIrReportsSentenceTransformersMetricsAndWritesARunFile() throws Exception {
    Path queries = dir.resolve("queries.tsv");
    Path qrels = dir.resolve("qrels.tsv");
    Path run = dir.resolve("run.txt");
    Files.writeString(queries, "qid\ttext\nq1\tforgot my password\nq2\thow to make soup\n");
    Files.writeString(qrels, "q1\tp1\t1\nq1\tp2\t1\nq2\tc1\t2\n");
    CliRun r =
        CliRun.of(
            "eval",
            "ir",
            "--index",
            index.toString(),
            "--queries",
            queries.toString(),
            "--qrels",
            qrels.toString(),
            "--model",
            model,
            "--device",
            "cpu",
            "--json",
            "--run",
            run.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode metrics = JSON.readTree(r.out());
    assertThat(metrics.get("queries").asInt()).isEqualTo(2);
    // Both queries' relevant documents are ranked first (q1: p1 and p2 in the first two places).
    assertThat(metrics.get("mrr@10").asDouble()).isEqualTo(1.0);
    assertThat(metrics.get("ndcg@10").asDouble()).isEqualTo(1.0);
    // recall@1: q1 finds one of its two, q2 its one: (0.5 + 1) / 2
    assertThat(metrics.get("recall@1").asDouble()).isEqualTo(0.75);
    assertThat(Files.readAllLines(run))
        .hasSize(12)
        .allMatch(l -> l.matches("q[12] Q0 \\S+ \\d+ \\S+ semsearch-dense"));
  }

  @Test
  void evalAnnComparesHnswWithExactSearch() throws Exception {
    CliRun r =
        CliRun.of(
            "eval",
            "ann",
            "--index",
            index.toString(),
            "--sample",
            "6",
            "-k",
            "3",
            "--query-threads",
            "1,2",
            "--model",
            model,
            "--device",
            "cpu",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode report = JSON.readTree(line);
      assertThat(report.get("queries").asInt()).isEqualTo(6);
      // six documents: the graph search visits them all, so it finds what exact search finds
      assertThat(report.get("recall@3").asDouble()).isEqualTo(1.0);
      assertThat(report.get("hnsw_qps").asDouble()).isPositive();
    }
  }
}
