package io.semsearch.encoder.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsTsvTest {

  @TempDir Path dir;

  @Test
  void readsPairsWithAHeader() throws IOException {
    Path file =
        write(
            "sentence1\tsentence2\tscore\n"
                + "A man plays.\tA man is playing.\t4.8\n\n"
                + "Café au lait.\tA dog runs.\t0\n");
    assertThat(StsTsv.read(file))
        .containsExactly(
            new StsPair("A man plays.", "A man is playing.", 4.8),
            new StsPair("Café au lait.", "A dog runs.", 0));
  }

  @Test
  void readsPairsWithoutAHeader() throws IOException {
    Path file = write("\nA cat.\tA kitten.\t3.5\r\nA car.\tA plane.\t 1.25 \n  \n");
    assertThat(StsTsv.read(file))
        .containsExactly(
            new StsPair("A cat.", "A kitten.", 3.5), new StsPair("A car.", "A plane.", 1.25));
  }

  @Test
  void ignoresAByteOrderMark() throws IOException {
    Path file = write("\uFEFFs1\ts2\tscore\nA.\tB.\t1\n");
    assertThat(StsTsv.read(file)).containsExactly(new StsPair("A.", "B.", 1));
  }

  @Test
  void emptyFileHasNoPairs() throws IOException {
    assertThat(StsTsv.read(write(""))).isEmpty();
  }

  @Test
  void aBadScoreNamesTheFileAndLine() throws IOException {
    Path file = write("s1\ts2\tscore\nA.\tB.\t1\n\nC.\tD.\thigh\n");
    assertThatThrownBy(() -> StsTsv.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ":4: score 'high' is not a number")
        .hasCauseInstanceOf(NumberFormatException.class);
  }

  @Test
  void aLineWithTheWrongColumnCountNamesTheFileAndLine() throws IOException {
    Path file = write("A.\tB.\t1\nC. D. 2\n");
    assertThatThrownBy(() -> StsTsv.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage(
            file + ":2: expected 3 tab-separated columns (sentence1, sentence2, score), got 1");
  }

  @Test
  void aBlankSentenceOrNonFiniteScoreIsABadLine() throws IOException {
    Path blank = write("A.\t \t1\n");
    assertThatThrownBy(() -> StsTsv.read(blank))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(blank + ":1: sentence2 must not be blank");
    Path nan = write("A.\tB.\t1\nC.\tD.\tNaN\n");
    assertThatThrownBy(() -> StsTsv.read(nan))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(nan + ":2: score must be finite");
  }

  @Test
  void invalidUtf8NamesTheFileAndLine() throws IOException {
    Path file = dir.resolve("latin1.tsv");
    Files.write(file, "A.\tB.\t1\nCaf\u00e9.\tD.\t2\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> StsTsv.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid UTF-8");
  }

  private Path write(String content) throws IOException {
    Path file = Files.createTempFile(dir, "sts", ".tsv");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
