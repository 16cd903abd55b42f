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

class TrainCommandTest {

  @TempDir Path dir;

  @Test
  void trainsATinyModelPrintsTheLossesAndWritesAFolderThatLoads() throws Exception {
    Path base =
        RandomModelFolder.builder()
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .writeTo(dir.resolve("base"));
    Path pairs =
        Files.writeString(
            dir.resolve("pairs.tsv"),
            "anchor\tpositive\n"
                + "a red apple\tthe apple is red\n"
                + "a fast car\tthe car is fast\n"
                + "bad row without a tab\n"
                + "a cold winter\tthe winter is cold\n"
                + "a tall tower\tthe tower is tall\n");
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of(
            "train",
            "--model",
            base.toString(),
            "--train",
            pairs.toString(),
            "--output",
            out.toString(),
            "--batch-size",
            "2",
            "--lr",
            "1e-3",
            "--max-steps",
            "3",
            "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("steps").asInt()).isEqualTo(3);
    assertThat(summary.get("examples").asInt()).isEqualTo(4);
    assertThat(summary.get("skipped").asInt()).isEqualTo(1);
    assertThat(summary.get("first_loss").asDouble()).isPositive();
    assertThat(summary.has("last_loss")).isTrue();
    assertThat(run.err())
        .contains("skipped " + pairs + ":4: expected 2 tab-separated columns, got 1")
        .contains("step 3/3");
    assertThat(ModelFolder.read(out, "out").dimension()).isEqualTo(256);
  }

  @Test
  void badOptionsAndFilesFailInOneLineNamingThem() throws Exception {
    Path pairs = Files.writeString(dir.resolve("p.tsv"), "anchor\tnegative\nx\ty\n");
    CliRun badLr =
        CliRun.of(
            "train",
            "--model",
            "m",
            "--train",
            pairs.toString(),
            "--output",
            dir.resolve("o").toString(),
            "--lr",
            "-1");
    assertThat(badLr.code()).isEqualTo(2);
    assertThat(badLr.err()).contains("learning rate must be positive, got: -1.0");

    Path base = RandomModelFolder.builder().optHidden(16).optHeads(2).writeTo(dir.resolve("b"));
    CliRun noColumn =
        CliRun.of(
            "train",
            "--model",
            base.toString(),
            "--train",
            pairs.toString(),
            "--output",
            dir.resolve("o").toString());
    assertThat(noColumn.code()).isEqualTo(1);
    assertThat(noColumn.err().strip())
        .isEqualTo(
            "semsearch train: "
                + pairs
                + ":1: the header has no 'positive' column (columns: anchor, negative)");
  }
}
