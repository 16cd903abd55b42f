package io.semsearch.searcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueriesTsvTest {

  @TempDir Path dir;

  @Test
  void readsIdsAndTextsInFileOrderSkippingBlankLines() throws Exception {
    Path file =
        EvalFiles.write(
            dir,
            "queries.tsv",
            "1048585\twhat is paula deen's brother\n\n"
                + "2\t  café au lait \n"
                + "   \n"
                + "10\tlast, no newline");

    assertThat(QueriesTsv.read(file))
        .containsExactly(
            entry("1048585", "what is paula deen's brother"),
            entry("2", "  café au lait "),
            entry("10", "last, no newline"));
  }

  @Test
  void skipsAHeaderOnTheFirstLineAndAByteOrderMarkAndCarriageReturns() throws Exception {
    Path file =
        EvalFiles.write(
            dir, "queries.tsv", "\uFEFF\r\nQuery_ID\ttext\r\nq1\tfirst\r\nq2\tsecond\r\n");

    assertThat(QueriesTsv.read(file)).containsOnlyKeys("q1", "q2").containsEntry("q2", "second");
  }

  @Test
  void aHeaderLikeLineAfterTheFirstIsData() throws Exception {
    Path file = EvalFiles.write(dir, "queries.tsv", "q1\tfirst\nqid\ttext\n");

    assertThat(QueriesTsv.read(file)).containsEntry("qid", "text").hasSize(2);
  }

  @Test
  void rejectsAWrongColumnCountNamingFileAndLine() {
    Path file = EvalFiles.write(dir, "queries.tsv", "q1\tone\n\nq2\ttwo\textra\n");

    assertThatThrownBy(() -> QueriesTsv.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":3: expected 2 tab-separated columns (query id, text), got 3");
  }

  @Test
  void rejectsAnEmptyTextOrId() {
    Path emptyText = EvalFiles.write(dir, "a.tsv", "q1\tone\nq2\t  \n");
    Path emptyId = EvalFiles.write(dir, "b.tsv", " \tone\n");

    assertThatThrownBy(() -> QueriesTsv.read(emptyText))
        .hasMessage(emptyText + ":2: empty text for query 'q2'");
    assertThatThrownBy(() -> QueriesTsv.read(emptyId)).hasMessage(emptyId + ":1: empty query id");
  }

  @Test
  void rejectsARepeatedIdNamingBothLines() {
    Path file = EvalFiles.write(dir, "queries.tsv", "q1\tone\nq2\ttwo\nq1\tagain\n");

    assertThatThrownBy(() -> QueriesTsv.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":3: query id 'q1' repeats, first seen at " + file + ":1");
  }

  @Test
  void rejectsInvalidUtf8NamingFileAndLine() {
    Path file =
        EvalFiles.write(dir, "queries.tsv", EvalFiles.withInvalidByte("q1\tone\nq2\tt", "wo\n"));

    assertThatThrownBy(() -> QueriesTsv.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":2: not valid UTF-8");
  }
}
