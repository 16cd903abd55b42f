package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} and {@code serve --verify} on a clean index and on a copy with flipped bytes. */
class CheckCommandTest {

  @TempDir Path dir;
  private Path model;
  private Path index;

  @BeforeEach
  void buildIndex() throws Exception {
    model = RandomModelFolder.builder().optLayers(1).writeTo(dir.resolve("model"));
    Path text = dir.resolve("lines.txt");
    Files.writeString(text, "one line\nanother line\na third line of text\n");
    index = dir.resolve("index");
    CliRun built =
        CliRun.of(
            "index",
            "--index",
            index.toString(),
            "--input",
            text.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu");
    assertThat(built.code()).as(built.err()).isZero();
  }

  /** Flips 64 bytes in the middle of the index's largest file, as a bad disk or copy would. */
  private void flipBytesOfTheLargestFile() throws IOException {
    Path largest;
    try (Stream<Path> files = Files.list(index)) {
      largest = files.max(Comparator.comparingLong(CheckCommandTest::size)).orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(largest);
    int from = bytes.length / 2 - 32;
    for (int i = from; i < from + 64; i++) {
      bytes[i] = (byte) ~bytes[i];
    }
    Files.write(largest, bytes);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aCleanIndexPassesInOneLine() throws Exception {
    CliRun r = CliRun.of("check", "--index", index.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(index + ": ok, 1 segment(s), 6 Lucene documents")
        .hasLineCount(1);

    CliRun json = CliRun.of("check", "--index", index.toString(), "--json");
    JsonNode node = new ObjectMapper().readTree(json.out());
    assertThat(node.get("clean").asBoolean()).isTrue();
    assertThat(node.has("problem")).isFalse();
  }

  @Test
  void flippedBytesAreReportedAsCorruptionWithANonZeroExit() throws Exception {
    flipBytesOfTheLargestFile();
    CliRun r = CliRun.of("check", "--index", index.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("index corrupted: " + index + ": ").hasLineCount(1);

    CliRun json = CliRun.of("check", "--index", index.toString(), "--json");
    assertThat(json.code()).isEqualTo(1);
    JsonNode node = new ObjectMapper().readTree(json.out());
    assertThat(node.get("clean").asBoolean()).isFalse();
    assertThat(node.get("problem").asText()).isNotBlank();
  }

  @Test
  void serveWithVerifyRefusesACorruptedIndexBeforeServing() throws Exception {
    flipBytesOfTheLargestFile();
    CliRun r =
        CliRun.of(
            "serve",
            "--index",
            index.toString(),
            "--verify",
            "--port",
            "0",
            "--model",
            model.toString(),
            "--device",
            "cpu");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("semsearch serve: index corrupted: " + index)
        .contains("not serving it");
  }

  @Test
  void aMissingIndexIsAOneLineError() {
    CliRun r = CliRun.of("check", "--index", dir.resolve("nowhere").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("nowhere: no semsearch index here").hasLineCount(1);
  }
}
