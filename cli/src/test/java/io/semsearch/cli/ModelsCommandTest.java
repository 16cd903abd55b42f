package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.index.IndexDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {

  @Test
  void listsTheDefaultTinyAndBgeSmallModelsWithTheirShapesFoldersAndFingerprints()
      throws Exception {
    CliRun run = CliRun.of("models", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode models = new ObjectMapper().readTree(run.out());
    assertThat(models).hasSize(3);
    assertThat(models.get(0).get("id").asText())
        .isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
    assertThat(models.get(0).get("dimension").asInt()).isEqualTo(384);
    assertThat(models.get(0).get("max_seq_length").asInt()).isEqualTo(256);
    assertThat(models.get(1).get("id").asText()).isEqualTo("tiny");
    assertThat(models.get(1).get("dimension").asInt()).isEqualTo(256);
    assertThat(models.get(1).get("max_seq_length").asInt()).isEqualTo(384);
    assertThat(models.get(2).get("id").asText()).isEqualTo("bge-small");
    assertThat(models.get(2).get("dimension").asInt()).isEqualTo(384);
    assertThat(models.get(2).get("max_seq_length").asInt()).isEqualTo(512);
    for (JsonNode m : models) {
      assertThat(Path.of(m.get("folder").asText()).resolve("modules.json"))
          .satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
      assertThat(m.get("fingerprint").asText()).isNotBlank();
    }
    assertThat(models.get(0).get("fingerprint")).isNotEqualTo(models.get(1).get("fingerprint"));
    assertThat(models.get(0).get("fingerprint")).isNotEqualTo(models.get(2).get("fingerprint"));
  }

  @Test
  void anIndexBuiltWithTheTinyModelReopensWithItWhenNoModelIsGiven(@TempDir Path dir)
      throws Exception {
    assertReopensWithItsModel(dir, "tiny");
  }

  @Test
  void anIndexBuiltWithBgeSmallReopensWithItWhenNoModelIsGiven(@TempDir Path dir) throws Exception {
    assertReopensWithItsModel(dir, "bge-small");
  }

  private static void assertReopensWithItsModel(Path dir, String model) throws Exception {
    Path corpus = dir.resolve("docs.jsonl");
    Files.writeString(
        corpus,
        "{\"id\":\"a\",\"text\":\"How do I reset my password?\"}\n"
            + "{\"id\":\"b\",\"text\":\"Boil the pasta in salted water.\"}\n");
    String index = dir.resolve("index").toString();
    CliRun built =
        CliRun.of("index", "--index", index, "--input", corpus.toString(), "--model", model);
    assertThat(built.code()).as(built.err()).isZero();
    CliRun search =
        CliRun.of("search", "--index", index, "--query", "forgot my password", "--json");
    assertThat(search.code()).as(search.err()).isZero();
    JsonNode hits = new ObjectMapper().readTree(search.out()).get("hits");
    assertThat(hits.get(0).get("id").asText()).isEqualTo("a");
    // the index records its model's fingerprint and refuses another, so the search above ran on it
    assertThat(IndexDirectory.readMetadata(Path.of(index)).modelId()).isEqualTo(model);
  }
}
