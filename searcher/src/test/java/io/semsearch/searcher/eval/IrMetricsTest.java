package io.semsearch.searcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrMetricsTest {

  private static final double EPS = 1e-12;
  private static final IrCutoffs AT_1_AND_3 =
      new IrCutoffs(List.of(1, 3), List.of(1, 3), List.of(3), List.of(3), List.of(3));

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void worksOutTheMeansOfThreeQueriesByHand() {
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    qrels.put("q1", Map.of("a", 1, "c", 1));
    qrels.put(
        "q2", Map.of("z", 2, "y", 0)); // grade 2 counts as relevant (binary); 0 is not relevant
    qrels.put("q3", Map.of("m", 1)); // no ranking: scores 0 everywhere, still counted
    qrels.put("q4", Map.of("a", 0, "b", -1)); // nothing relevant: skipped, not counted
    Map<String, List<String>> rankings =
        Map.of(
            "q1", List.of("a", "b", "c", "d"),
            "q2", List.of("x", "y", "z"),
            "q4", List.of("a", "b"),
            "q5", List.of("a")); // not in the qrels: ignored

    IrReport report = IrMetrics.evaluate(rankings, qrels, AT_1_AND_3);

    // q1: R = {a, c}, hits at ranks 1 and 3.
    //   acc@1 = 1, acc@3 = 1; P@1 = 1, P@3 = 2/3; R@1 = 1/2, R@3 = 1; MRR@3 = 1
    //   nDCG@3 = (1/log2(2) + 1/log2(4)) / (1/log2(2) + 1/log2(3)) = 1.5 / (1 + 1/log2(3))
    //   MAP@3 = (1/1 + 2/3) / min(3, 2) = 5/6
    // q2: R = {z}, hit at rank 3 (y is judged 0).
    //   acc@1 = 0, acc@3 = 1; P@1 = 0, P@3 = 1/3; R@1 = 0, R@3 = 1; MRR@3 = 1/3
    //   nDCG@3 = (1/log2(4)) / (1/log2(2)) = 1/2; MAP@3 = (1/3) / min(3, 1) = 1/3
    // q3: all 0. Means over 3 queries:
    double ndcgQ1 = (1 + 1 / log2(4)) / (1 + 1 / log2(3));
    assertThat(report.queries()).isEqualTo(3);
    assertThat(report.metrics().keySet())
        .containsExactly(
            "accuracy@1",
            "accuracy@3",
            "precision@1",
            "precision@3",
            "recall@1",
            "recall@3",
            "mrr@3",
            "ndcg@3",
            "map@3");
    assertThat(report.get("accuracy@1")).isCloseTo(1.0 / 3, within(EPS));
    assertThat(report.get("accuracy@3")).isCloseTo(2.0 / 3, within(EPS));
    assertThat(report.get("precision@1")).isCloseTo(1.0 / 3, within(EPS));
    assertThat(report.get("precision@3")).isCloseTo((2.0 / 3 + 1.0 / 3) / 3, within(EPS));
    assertThat(report.get("recall@1")).isCloseTo(0.5 / 3, within(EPS));
    assertThat(report.get("recall@3")).isCloseTo(2.0 / 3, within(EPS));
    assertThat(report.get("mrr@3")).isCloseTo((1 + 1.0 / 3) / 3, within(EPS));
    assertThat(report.get("ndcg@3")).isCloseTo((ndcgQ1 + 0.5) / 3, within(EPS));
    assertThat(report.get("map@3")).isCloseTo((5.0 / 6 + 1.0 / 3) / 3, within(EPS));
  }

  @Test
  void aRelevantDocumentAtRankElevenCountsOnlyForTheCutoffsAtOrPastIt() {
    List<String> ranking = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      ranking.add("n" + i);
    }
    ranking.add("hit");

    IrReport report =
        IrMetrics.evaluate(
            Map.of("q", ranking), Map.of("q", Map.of("hit", 1)), IrCutoffs.defaults());

    assertThat(report.get("accuracy@10")).isZero();
    assertThat(report.get("precision@10")).isZero();
    assertThat(report.get("recall@10")).isZero();
    assertThat(report.get("mrr@10")).isZero();
    assertThat(report.get("ndcg@10")).isZero();
    // @100: the one relevant document is found at rank 11.
    assertThat(report.get("recall@100")).isEqualTo(1.0);
    assertThat(report.get("precision@100")).isCloseTo(1.0 / 100, within(EPS));
    assertThat(report.get("map@100"))
        .isCloseTo(1.0 / 11, within(EPS)); // precision at rank 11 / min(100, 1)
  }

  @Test
  void moreRelevantDocumentsThanTheCutoffCapTheIdealAndTheMapDenominator() {
    Map<String, Integer> five = Map.of("a", 1, "b", 1, "c", 1, "d", 1, "e", 1);

    IrReport report =
        IrMetrics.evaluate(Map.of("q", List.of("a", "b", "c", "x")), Map.of("q", five), AT_1_AND_3);

    // Ranks 1-3 all relevant: DCG equals the ideal DCG of min(5, 3) documents.
    assertThat(report.get("ndcg@3")).isCloseTo(1.0, within(EPS));
    // (1/1 + 2/2 + 3/3) / min(3, 5) = 1
    assertThat(report.get("map@3")).isCloseTo(1.0, within(EPS));
    assertThat(report.get("recall@3")).isCloseTo(3.0 / 5, within(EPS));
    assertThat(report.get("precision@3")).isCloseTo(1.0, within(EPS));
  }

  @Test
  void aShortRankingIsDividedByTheCutoffForPrecision() {
    IrReport report =
        IrMetrics.evaluate(Map.of("q", List.of("a")), Map.of("q", Map.of("a", 1)), AT_1_AND_3);

    assertThat(report.get("precision@3")).isCloseTo(1.0 / 3, within(EPS));
    assertThat(report.get("precision@1")).isEqualTo(1.0);
    assertThat(report.get("ndcg@3")).isEqualTo(1.0);
  }

  @Test
  void aQueryWithoutARankingScoresZeroAndStillCounts() {
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    qrels.put("found", Map.of("a", 1));
    qrels.put("missing", Map.of("a", 1));

    IrReport report = IrMetrics.evaluate(Map.of("found", List.of("a")), qrels, AT_1_AND_3);

    assertThat(report.queries()).isEqualTo(2);
    assertThat(report.metrics())
        .allSatisfy((name, value) -> assertThat(value).as(name).isLessThanOrEqualTo(0.5));
    assertThat(report.get("mrr@3")).isEqualTo(0.5);
    assertThat(report.get("ndcg@3")).isEqualTo(0.5);
  }

  @Test
  void defaultKeysAreInTheSentenceTransformersOrder() {
    IrReport report =
        IrMetrics.evaluate(Map.of(), Map.of("q", Map.of("a", 1)), IrCutoffs.defaults());

    assertThat(report.metrics().keySet())
        .containsExactly(
            "accuracy@1",
            "accuracy@3",
            "accuracy@5",
            "accuracy@10",
            "precision@1",
            "precision@3",
            "precision@5",
            "precision@10",
            "precision@100",
            "recall@1",
            "recall@3",
            "recall@5",
            "recall@10",
            "recall@100",
            "mrr@10",
            "ndcg@10",
            "map@100");
    assertThat(report.metrics().values()).containsOnly(0.0);
  }

  @Test
  void rejectsQrelsWithNothingRelevant() {
    assertThatThrownBy(
            () ->
                IrMetrics.evaluate(
                    Map.of("q", List.of("a")), Map.of("q", Map.of("a", 0)), AT_1_AND_3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none of the 1 queries");
  }

  @Test
  void rejectsADocumentListedTwiceInARanking() {
    assertThatThrownBy(
            () ->
                IrMetrics.evaluate(
                    Map.of("q", List.of("a", "b", "a")), Map.of("q", Map.of("a", 1)), AT_1_AND_3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ranking for query 'q' lists document 'a' twice, at ranks 1 and 3");
  }

  @Test
  void reportGetNamesTheMetricsItHas() {
    IrReport report = new IrReport(1, Map.of("mrr@10", 0.5));

    assertThatThrownBy(() -> report.get("mrr@5"))
        .hasMessage("no metric 'mrr@5' in this report; it has [mrr@10]");
    assertThatThrownBy(() -> new IrReport(-1, Map.of()))
        .hasMessage("queries must be at least 0, got: -1");
  }

  @Test
  void cutoffsAreCheckedAndTheDeepestIsTheRetrievalDepth() {
    assertThat(IrCutoffs.defaults().maxDepth()).isEqualTo(100);
    assertThat(AT_1_AND_3.maxDepth()).isEqualTo(3);
    assertThat(new IrCutoffs(List.of(), List.of(), List.of(20), List.of(), List.of()).maxDepth())
        .isEqualTo(20);
    assertThatThrownBy(
            () -> new IrCutoffs(List.of(1), List.of(0), List.of(10), List.of(10), List.of(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("precisionRecallAt: cutoffs must be at least 1, got: 0 in [0]");
    assertThatThrownBy(
            () -> new IrCutoffs(List.of(1, 5, 1), List.of(), List.of(), List.of(), List.of()))
        .hasMessage("accuracyAt: cutoff 1 appears twice in [1, 5, 1]");
    assertThatThrownBy(() -> new IrCutoffs(List.of(), List.of(), List.of(), List.of(), List.of()))
        .hasMessage("at least one cutoff is needed, got none");
  }
}
