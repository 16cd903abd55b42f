package io.semsearch.searcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrelsTsvTest {

  @TempDir Path dir;

  @Test
  void readsThreeColumnsInFileOrder() throws Exception {
    Path file =
        EvalFiles.write(dir, "qrels.tsv", "q2\td9\t1\nq1\td3\t2\n\nq1\td1\t0\nq2\td4\t-1\n");

    Map<String, Map<String, Integer>> qrels = QrelsTsv.read(file);

    assertThat(qrels.keySet()).containsExactly("q2", "q1");
    assertThat(qrels.get("q1")).containsExactly(Map.entry("d3", 2), Map.entry("d1", 0));
    assertThat(qrels.get("q2")).containsExactly(Map.entry("d9", 1), Map.entry("d4", -1));
  }

  @Test
  void skipsBeirsHeader() throws Exception {
    Path file =
        EvalFiles.write(
            dir,
            "test.tsv",
            "query-id\tcorpus-id\tscore\r\nPLAIN-2\tMED-2427\t2\r\nPLAIN-2\tMED-10\t1\r\n");

    assertThat(QrelsTsv.read(file))
        .containsExactly(Map.entry("PLAIN-2", Map.of("MED-2427", 2, "MED-10", 1)));
  }

  @Test
  void readsTrecLinesSeparatedBySpacesOrTabs() throws Exception {
    Path spaces =
        EvalFiles.write(
            dir,
            "qrels.trec",
            "301 0 FBIS3-10082 1\n301  0   FBIS3-10169 0\n  302 0 LA010189-0001 1  \n");
    Path tabs =
        EvalFiles.write(dir, "qrels.dev.tsv", "1102432\t0\t2026790\t1\n1102431\tQ0\t7066866\t1\n");

    assertThat(QrelsTsv.read(spaces))
        .containsExactly(
            Map.entry("301", Map.of("FBIS3-10082", 1, "FBIS3-10169", 0)),
            Map.entry("302", Map.of("LA010189-0001", 1)));
    assertThat(QrelsTsv.read(tabs))
        .containsExactly(
            Map.entry("1102432", Map.of("2026790", 1)), Map.entry("1102431", Map.of("7066866", 1)));
  }

  @Test
  void skipsATrecHeader() throws Exception {
    Path file = EvalFiles.write(dir, "qrels.txt", "qid iter docid rel\n1 0 d1 1\n");

    assertThat(QrelsTsv.read(file)).containsExactly(Map.entry("1", Map.of("d1", 1)));
  }

  @Test
  void feedsTheMetrics() throws Exception {
    Path file =
        EvalFiles.write(
            dir, "qrels.tsv", "query-id\tcorpus-id\tscore\nq1\ta\t1\nq1\tc\t1\nq2\tz\t0\n");

    IrReport report =
        IrMetrics.evaluate(
            Map.of("q1", List.of("b", "a")), QrelsTsv.read(file), IrCutoffs.defaults());

    assertThat(report.queries()).isEqualTo(1); // q2 has nothing relevant
    assertThat(report.get("mrr@10")).isEqualTo(0.5);
  }

  @Test
  void rejectsARelevanceThatIsNotAnInteger() {
    Path file = EvalFiles.write(dir, "qrels.tsv", "q1\td1\t1\nq1\td2\t0.5\n");

    assertThatThrownBy(() -> QrelsTsv.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":2: relevance must be an integer, got '0.5'");
  }

  @Test
  void saysWhenAFirstLineIsNeitherDataNorAKnownHeader() {
    Path file = EvalFiles.write(dir, "qrels.tsv", "query\tpassage\tjudgement\nq1\td1\t1\n");

    assertThatThrownBy(() -> QrelsTsv.read(file))
        .hasMessageStartingWith(
            file + ":1: relevance must be an integer, got 'judgement' (nor is this line a header");
  }

  @Test
  void rejectsAWrongColumnCountNamingFileAndLine() {
    Path file = EvalFiles.write(dir, "qrels.trec", "1 0 d1 1\n\n1 0 d2 1 extra\n");

    assertThatThrownBy(() -> QrelsTsv.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            file
                + ":3: expected 3 columns (query id, document id, relevance) or 4"
                + " (query id, iteration, document id, relevance), got 5");
  }

  @Test
  void rejectsAnEmptyDocumentId() {
    Path file = EvalFiles.write(dir, "qrels.tsv", "q1\t\t1\n");

    assertThatThrownBy(() -> QrelsTsv.read(file))
        .hasMessage(file + ":1: empty document id for query 'q1'");
  }

  @Test
  void rejectsAPairJudgedTwiceNamingBothLines() {
    Path file = EvalFiles.write(dir, "qrels.tsv", "q1\td1\t1\nq1\td2\t1\nq1\td1\t0\n");

    assertThatThrownBy(() -> QrelsTsv.read(file))
        .hasMessage(
            file + ":3: query 'q1' and document 'd1' were judged before, at " + file + ":1");
  }

  @Test
  void rejectsInvalidUtf8NamingFileAndLine() {
    Path file =
        EvalFiles.write(dir, "qrels.tsv", EvalFiles.withInvalidByte("q1\td1\t1\nq2\td", "\t1\n"));

    assertThatThrownBy(() -> QrelsTsv.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":2: not valid UTF-8");
  }

  @Test
  void theResultCannotBeChanged() throws Exception {
    Map<String, Map<String, Integer>> qrels =
        QrelsTsv.read(EvalFiles.write(dir, "qrels.tsv", "q1\td1\t1\n"));

    assertThatThrownBy(() -> qrels.get("q1").put("d2", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
