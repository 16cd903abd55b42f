package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.web.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s serving loop: starts on the index, answers, prints its URL, stops cleanly. */
class ServingTest {

  @TempDir Path dir;

  /** An index of two documents, "a" about passwords and "b" about soup, built by the CLI. */
  private Path twoDocumentIndex() throws Exception {
    Path corpus = dir.resolve("docs.jsonl");
    Files.writeString(
        corpus,
        "{\"id\":\"a\",\"text\":\"How do I reset my password?\"}\n"
            + "{\"id\":\"b\",\"text\":\"Tomato soup with basil.\"}\n");
    Path index = dir.resolve("index");
    CliRun built =
        CliRun.of(
            "index",
            "--index",
            index.toString(),
            "--input",
            corpus.toString(),
            "--model",
            TestModels.defaultModelFolder().toString(),
            "--device",
            "cpu");
    assertThat(built.code()).as(built.err()).isZero();
    return index;
  }

  @Test
  void servesAnIndexUntilToldToStop() throws Exception {
    Path index = twoDocumentIndex();

    SentenceEncoder encoder = TestModels.defaultEncoder();
    ServingInBackground serving =
        new ServingInBackground(
            (out, stop) ->
                Serving.serve(ServerConfig.defaults().withPort(0), encoder, index, out, stop));
    String base = serving.baseUrl();
    assertThat(serving.printed()).contains("serving 2 documents (2 passages)");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "api/search?q=forgot%20my%20password&k=1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.get("hits").get(0).get("id").asText()).isEqualTo("a");

    assertThat(serving.stop()).isZero();
  }

  @Test
  void servesWithACrossEncoderRerankingSearchesAndAnsweringRerank() throws Exception {
    Path index = twoDocumentIndex();
    Path model =
        RandomCrossEncoderFolder.write(
            RandomModelFolder.builder(),
            RandomCrossEncoderFolder.Head.standard(),
            dir.resolve("reranker"));
    SentenceEncoder encoder = TestModels.defaultEncoder();
    try (CrossEncoder crossEncoder =
        SentenceEncoders.openCrossEncoder(
            model.toString(), EncoderOptions.defaults().withDevice(DeviceSpec.CPU))) {
      ServingInBackground serving =
          new ServingInBackground(
              (out, stop) ->
                  Serving.serve(
                      ServerConfig.defaults().withPort(0),
                      encoder,
                      crossEncoder,
                      () -> LuceneSearchBackend.openReadOnly(index, encoder),
                      index.toString(),
                      out,
                      stop));
      String base = serving.baseUrl();
      HttpClient http = HttpClient.newHttpClient();
      JsonNode search =
          new ObjectMapper()
              .readTree(
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + "api/search?q=password&k=2"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body());
      assertThat(search.get("hits"))
          .hasSize(2)
          .allSatisfy(h -> assertThat(h.has("rerank_score")).isTrue());
      HttpResponse<String> rerank =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "api/rerank"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"query\":\"q\",\"texts\":[\"a\",\"b\"]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(rerank.statusCode()).as(rerank.body()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(rerank.body())).hasSize(2);
      assertThat(serving.stop()).isZero();
    }
  }

  @Test
  void aNegativeQueryCacheIsRefusedBeforeTheModelLoads() {
    CliRun run =
        CliRun.of("serve", "--index", dir.resolve("no-index").toString(), "--query-cache", "-1");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo("semsearch serve: --query-cache must be at least 0, got: -1");
  }

  @Test
  void badHostNamesAndOriginsAreRefusedBeforeTheModelLoads() {
    String index = dir.resolve("no-index").toString();
    CliRun host = CliRun.of("serve", "--index", index, "--allowed-host", "example.com:80");
    assertThat(host.code()).isEqualTo(1);
    assertThat(host.err().strip())
        .startsWith("semsearch serve: --allowed-host: an allowed host must be a host name")
        .endsWith("got: 'example.com:80'");
    CliRun origin = CliRun.of("serve", "--index", index, "--cors-origin", "*");
    assertThat(origin.code()).isEqualTo(1);
    assertThat(origin.err().strip())
        .startsWith("semsearch serve: --cors-origin: a CORS origin must be")
        .endsWith("got: '*'");
  }

  @Test
  void repeatedHostAndOriginOptionsAllReachTheServer() {
    ServerArgs args = new ServerArgs();
    new picocli.CommandLine(args)
        .parseArgs(
            "--allowed-host",
            "a.example",
            "--allowed-host",
            "B.example",
            "--cors-origin",
            "https://app.example");
    assertThat(args.config().crossSite().allowedHosts()).containsExactly("a.example", "b.example");
    assertThat(args.config().crossSite().corsOrigins()).containsExactly("https://app.example");
  }

  @Test
  void badAdmissionOptionsAreRefusedBeforeTheModelLoads() {
    String index = dir.resolve("no-index").toString();
    CliRun bulk = CliRun.of("serve", "--index", index, "--max-bulk-requests", "0");
    assertThat(bulk.code()).isEqualTo(1);
    assertThat(bulk.err().strip())
        .isEqualTo("semsearch serve: --max-bulk-requests must be at least 1, got: 0");
    CliRun writes = CliRun.of("serve", "--index", index, "--max-write-requests", "0");
    assertThat(writes.code()).isEqualTo(1);
    assertThat(writes.err().strip())
        .isEqualTo("semsearch serve: --max-write-requests must be at least 1, got: 0");
    CliRun timeout = CliRun.of("serve", "--index", index, "--request-timeout", "0");
    assertThat(timeout.code()).isEqualTo(1);
    assertThat(timeout.err().strip())
        .isEqualTo("semsearch serve: --request-timeout must be in 0.001..86400 seconds, got: 0.0");
  }
}
