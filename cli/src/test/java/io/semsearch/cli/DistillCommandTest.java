package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillCommandTest {

  @TempDir Path dir;

  @Test
  void distillsIntoAFreshBertTinyDenseAndARerunReusesTheTeachersVectors() throws Exception {
    Path teacher = RandomModelFolder.builder().optSeed(5).writeTo(dir.resolve("teacher"));
    Path sentences =
        Files.writeString(
            dir.resolve("s.txt"),
            "a red apple\nthe car is fast\na cold winter\ndogs bark\nthe tower is tall\n");
    JsonNode first = distill(teacher, sentences, dir.resolve("out1"));
    assertThat(first.get("student").asText()).isEqualTo("init:bert-tiny-dense");
    assertThat(first.get("sentences").asInt()).isEqualTo(5);
    assertThat(first.get("teacher_dimension").asInt()).isEqualTo(256);
    assertThat(first.get("student_dimension").asInt()).isEqualTo(256);
    assertThat(first.get("cache_reused").asBoolean()).isFalse();
    assertThat(first.get("steps").asInt()).isEqualTo(2);
    assertThat(ModelFolder.read(dir.resolve("out1"), "out1").dimension()).isEqualTo(256);
    JsonNode second = distill(teacher, sentences, dir.resolve("out1b"));
    assertThat(second.get("cache_reused").asBoolean()).isFalse(); // another output, another cache
    Files.move(dir.resolve("out1"), dir.resolve("moved"));
    JsonNode again = distill(teacher, sentences, dir.resolve("out1"));
    assertThat(again.get("cache_reused").asBoolean()).isTrue();
    assertThat(again.get("cache").asText()).isEqualTo(first.get("cache").asText());
  }

  @Test
  void trainStartsFromAFreshModelWithInit() throws Exception {
    Path pairs =
        Files.writeString(
            dir.resolve("p.tsv"), "anchor\tpositive\na red apple\tthe apple is red\nx y\tz w\n");
    CliRun run =
        CliRun.of(
            "train",
            "--init",
            "bert-tiny-dense",
            "--train",
            pairs.toString(),
            "--output",
            dir.resolve("t").toString(),
            "--max-steps",
            "1",
            "--json");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("model").asText())
        .isEqualTo("init:bert-tiny-dense");
    assertThat(ModelFolder.read(dir.resolve("t"), "t").dimension()).isEqualTo(256);
  }

  @Test
  void badChoicesFailInOneLineNamingTheOption() throws Exception {
    Path sentences = Files.writeString(dir.resolve("s.txt"), "a\n");
    CliRun both =
        CliRun.of(
            "distill",
            "--student",
            "x",
            "--init",
            "bert-tiny-dense",
            "--input",
            sentences.toString(),
            "--output",
            dir.resolve("o").toString());
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("give one of --student or --init");
    CliRun unknown =
        CliRun.of(
            "distill",
            "--init",
            "bert-huge",
            "--input",
            sentences.toString(),
            "--output",
            dir.resolve("o").toString());
    assertThat(unknown.err())
        .contains("--init bert-huge: unknown (known: bert-tiny-dense, bert-tiny-dense-pca)");
    CliRun missing =
        CliRun.of(
            "distill",
            "--init",
            "bert-tiny-dense",
            "--input",
            dir.resolve("nope.txt").toString(),
            "--output",
            dir.resolve("o").toString());
    assertThat(missing.err()).contains("--input " + dir.resolve("nope.txt") + ": no such file");
  }

  private JsonNode distill(Path teacher, Path sentences, Path out) throws Exception {
    CliRun run =
        CliRun.of(
            "distill",
            "--teacher",
            teacher.toString(),
            "--init",
            "bert-tiny-dense",
            "--input",
            sentences.toString(),
            "--output",
            out.toString(),
            "--batch-size",
            "3",
            "--max-steps",
            "2",
            "--json");
    assertThat(run.code()).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out());
  }
}
