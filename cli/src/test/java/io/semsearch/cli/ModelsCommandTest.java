package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {

  @Test
  void listsTheDefaultAndTheTinyModelWithTheirShapesFoldersAndFingerprints() throws Exception {
    CliRun run = CliRun.of("models", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode models = new ObjectMapper().readTree(run.out());
    assertThat(models).hasSize(2);
    assertThat(models.get(0).get("id").asText())
        .isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
    assertThat(models.get(0).get("dimension").asInt()).isEqualTo(384);
    assertThat(models.get(0).get("max_seq_length").asInt()).isEqualTo(256);
    assertThat(models.get(1).get("id").asText()).isEqualTo("tiny");
    assertThat(models.get(1).get("dimension").asInt()).isEqualTo(256);
    assertThat(models.get(1).get("max_seq_length").asInt()).isEqualTo(384);
    for (JsonNode m : models) {
      assertThat(Path.of(m.get("folder").asText()).resolve("modules.json"))
          .satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
      assertThat(m.get("fingerprint").asText()).isNotBlank();
    }
    assertThat(models.get(0).get("fingerprint")).isNotEqualTo(models.get(1).get("fingerprint"));
  }

  @Test
  void anIndexBuiltWithTheTinyModelReopensWithItWhenNoModelIsGiven(@TempDir Path dir)
      throws Exception {
    Path corpus = dir.resolve("docs.jsonl");
    Files.writeString(
        corpus,
        "{\"id\":\"a\",\"text\":\"How do I reset my password?\"}\n"
            + "{\"id\":\"b\",\"text\":\"Boil the pasta in salted water.\"}\n");
    String index = dir.resolve("index").toString();
    CliRun built =
        CliRun.of("index", "--index", index, "--input", corpus.toString(), "--model", "tiny");
    assertThat(built.code()).as(built.err()).isZero();
    CliRun search =
        CliRun.of("search", "--index", index, "--query", "forgot my password", "--json");
    assertThat(search.code()).as(search.err()).isZero();
    assertThat(new ObjectMapper().readTree(search.out()).get("hits").get(0).get("id").asText())
        .isEqualTo("a");
  }
}
