package io.semsearch.encoder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void tsvRowsAreReadByHeaderAndBadRowsSkippedWithFileAndLine() throws IOException {
    Path file =
        write(
            "pairs.tsv",
            "id\tanchor\tpositive\tnegative\n"
                + "1\tA man plays.\tSomeone plays.\tNobody plays.\n"
                + "\n"
                + "2\tonly three\tcolumns\n"
                + "3\t \tempty anchor\tx\n"
                + "4\tA dog runs.\tAn animal runs.\tA cat sleeps.\n");
    TrainingData data = TrainingData.read(file, LossKind.MNRL);
    assertThat(data.examples())
        .extracting(TrainingExample::anchor)
        .containsExactly("A man plays.", "A dog runs.");
    assertThat(data.examples().get(1).negative()).isEqualTo("A cat sleeps.");
    assertThat(data.hasNegatives()).isTrue();
    assertThat(data.skipped()).isEqualTo(2);
    assertThat(data.skipReasons())
        .containsExactly(
            file + ":4: expected 4 tab-separated columns, got 3",
            file + ":5: 'anchor' is missing or empty");
  }

  @Test
  void jsonlTargetsAreVectorsOfOneLength() throws IOException {
    Path file =
        write(
            "targets.jsonl",
            "{\"anchor\": \"a\", \"target\": [1, 2.5, -3]}\n"
                + "{\"anchor\": \"b\", \"target\": [1, 2]}\n"
                + "{\"anchor\": \"c\", \"target\": \"1 2 3\"}\n"
                + "not json\n"
                + "{\"anchor\": \"d\", \"target\": [0, 0, 1e-3]}\n");
    TrainingData data = TrainingData.read(file, LossKind.MSE);
    assertThat(data.examples()).extracting(TrainingExample::anchor).containsExactly("a", "d");
    assertThat(data.examples().get(0).target()).containsExactly(1f, 2.5f, -3f);
    assertThat(data.skipReasons())
        .containsExactly(
            file + ":2: 'target' has 2 values, the first row's has 3",
            file + ":3: 'target' is not an array of numbers",
            file + ":4: not valid JSON");
  }

  @Test
  void jsonlRowsWithoutTheNegativeTheFirstRowHadAreSkipped() throws IOException {
    Path file =
        write(
            "triplets.jsonl",
            "{\"anchor\": \"a\", \"positive\": \"b\", \"negative\": \"c\"}\n"
                + "{\"anchor\": \"d\", \"positive\": \"e\"}\n");
    TrainingData data = TrainingData.read(file, LossKind.MNRL);
    assertThat(data.examples()).hasSize(1);
    assertThat(data.skipReasons())
        .containsExactly(file + ":2: 'negative' is missing (other rows have one)");
  }

  @Test
  void tsvTargetsParseWithCommasSpacesAndBrackets() {
    assertThat(TrainingData.parseVector("[0.5, -1 2e-1]")).containsExactly(0.5f, -1f, 0.2f);
  }

  @Test
  void aMissingColumnAnUnknownFormatAndNoUsableRowsFailTheRead() throws IOException {
    Path noPositive = write("a.tsv", "anchor\tnegative\nx\ty\n");
    assertThatThrownBy(() -> TrainingData.read(noPositive, LossKind.MNRL))
        .hasMessage(
            noPositive + ":1: the header has no 'positive' column (columns: anchor, negative)");
    Path csv = write("a.csv", "anchor,positive\n");
    assertThatThrownBy(() -> TrainingData.read(csv, LossKind.MNRL))
        .hasMessageContaining("unknown training file format");
    Path empty = write("b.tsv", "anchor\tpositive\n\tx\n");
    assertThatThrownBy(() -> TrainingData.read(empty, LossKind.MNRL))
        .hasMessage(
            empty
                + ": no usable training rows (first problem: "
                + empty
                + ":2: 'anchor' is missing or empty)");
  }
}
