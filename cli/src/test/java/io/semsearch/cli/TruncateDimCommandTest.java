package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.index.IndexDirectory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --truncate-dim} end to end on a small random model (256 dimensions, normalized): the cut
 * vectors, the index's record of the width, reopening without the option and refusing another
 * width.
 */
class TruncateDimCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static String model;
  private static Path corpus;
  private static Path index;

  @BeforeAll
  static void buildIndexAt64() throws Exception {
    model = RandomModelFolder.builder().optSeed(11).writeTo(dir.resolve("random")).toString();
    corpus = dir.resolve("docs.jsonl");
    Files.writeString(
        corpus,
        "{\"id\":\"a\",\"text\":\"a dog barks at the mailman\"}\n"
            + "{\"id\":\"b\",\"text\":\"stock markets fell sharply\"}\n");
    index = dir.resolve("index");
    CliRun r = index("--truncate-dim", "64");
    assertThat(r.code()).as(r.err()).isZero();
  }

  private static CliRun index(String... extra) {
    String[] args = {
      "index",
      "--index",
      index.toString(),
      "--input",
      corpus.toString(),
      "--model",
      model,
      "--device",
      "cpu"
    };
    return CliRun.of(concat(args, extra));
  }

  private static CliRun search(String... extra) {
    String[] args = {
      "search", "--index", index.toString(), "-q", "dog", "--model", model, "--device", "cpu"
    };
    return CliRun.of(concat(args, extra));
  }

  private static CliRun encode(String... options) {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("a dog barks\n".getBytes(StandardCharsets.UTF_8)));
      return CliRun.of(concat(new String[] {"encode"}, options));
    } finally {
      System.setIn(saved);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void theIndexRecordsTheCutWidth() throws Exception {
    assertThat(IndexDirectory.readMetadata(index).dimension()).isEqualTo(64);
  }

  @Test
  void encodeCutsAndNormalizesAgain() throws Exception {
    CliRun full = encode("--model", model, "--device", "cpu");
    CliRun cut = encode("--model", model, "--device", "cpu", "--truncate-dim", "16");
    assertThat(full.code()).as(full.err()).isZero();
    assertThat(cut.code()).as(cut.err()).isZero();
    JsonNode f = JSON.readTree(full.out().lines().findFirst().orElseThrow()).get("embedding");
    JsonNode c = JSON.readTree(cut.out().lines().findFirst().orElseThrow()).get("embedding");
    assertThat(f.size()).isEqualTo(256);
    assertThat(c.size()).isEqualTo(16);
    double norm = 0;
    for (int i = 0; i < 16; i++) {
      norm += f.get(i).asDouble() * f.get(i).asDouble();
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < 16; i++) {
      assertThat(c.get(i).asDouble())
          .isCloseTo(f.get(i).asDouble() / norm, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void searchingWithoutTheOptionUsesTheIndexsWidth() {
    CliRun r = search();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 hit(s)");
    CliRun same = search("--truncate-dim", "64");
    assertThat(same.code()).as(same.err()).isZero();
  }

  @Test
  void anotherWidthIsRefused() {
    CliRun r = search("--truncate-dim", "128");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("dimension 64").contains("dimension 128");
    CliRun full = search("--truncate-dim", "256");
    assertThat(full.code()).isNotZero();
    assertThat(full.err()).contains("dimension 64").contains("dimension 256");
    CliRun append = index("--truncate-dim", "32");
    assertThat(append.code()).isNotZero();
    assertThat(append.err()).contains("dimension 64").contains("dimension 32");
  }

  @Test
  void aWidthOutOfRangeIsOneLineNamingItAndTheModelsDimension() {
    CliRun r = search("--truncate-dim", "300");
    assertThat(r.code()).isNotZero();
    assertThat(r.err().strip())
        .isEqualTo(
            "semsearch search: --truncate-dim 300 is out of range: model random has dimension 256"
                + " (1..256)");
    assertThat(search("--truncate-dim", "0").err()).contains("--truncate-dim 0 is out of range");
  }
}
