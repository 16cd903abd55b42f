package io.semsearch.encoder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTiesTest {

  // a and b are a near tie; c, d and e are clearly apart from them and from each other
  private static final Map<String, Double> SCORES =
      Map.of("a", 0.900001, "b", 0.900000, "c", 0.8, "d", 0.7, "e", 0.6);

  @Test
  void aSwapInsideANearTiePasses() {
    assertThatCode(() -> ScoreTies.assertRankedLike(List.of("b", "a", "c", "d", "e"), SCORES))
        .doesNotThrowAnyException();
    assertThatCode(() -> ScoreTies.assertRankedLike(List.of("a", "b", "c", "d", "e"), SCORES))
        .doesNotThrowAnyException();
  }

  @Test
  void aWrongOrderAcrossAClearGapFails() {
    assertThatThrownBy(() -> ScoreTies.assertRankedLike(List.of("a", "b", "d", "c", "e"), SCORES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ranks 3..3");
    assertThatThrownBy(() -> ScoreTies.assertRankedLike(List.of("c", "a", "b", "d", "e"), SCORES))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aTopKCutThroughANearTieMayHoldEitherMemberButNothingElse() {
    assertThatCode(() -> ScoreTies.assertRankedLike(List.of("a"), SCORES, 1))
        .doesNotThrowAnyException();
    assertThatCode(() -> ScoreTies.assertRankedLike(List.of("b"), SCORES, 1))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ScoreTies.assertRankedLike(List.of("c"), SCORES, 1))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ScoreTies.assertRankedLike(List.of("a", "b", "d"), SCORES, 3))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void missingExtraOrRepeatedItemsFail() {
    assertThatThrownBy(() -> ScoreTies.assertRankedLike(List.of("a", "b", "c", "d"), SCORES))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ScoreTies.assertRankedLike(List.of("a", "a", "c"), SCORES, 3))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ScoreTies.assertRankedLike(List.of("a", "b", "x"), SCORES, 3))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aThresholdGoesHalfwayBetweenClearlyDistinctScoresAndRefusesANearTie() {
    assertThat(ScoreTies.thresholdBetween(0.8, 0.7)).isEqualTo(0.75, within(1e-12));
    assertThatThrownBy(() -> ScoreTies.thresholdBetween(0.900001, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cut elsewhere");
    assertThatThrownBy(() -> ScoreTies.thresholdBetween(0.7, 0.8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClearCutMovesOffANearTieToTheNearestClearGap() {
    double[] scores = {0.6, 0.900001, 0.8, 0.9, 0.7};
    // one above would cut between the tied 0.900001 and 0.9: two above is the nearest clear cut
    assertThat(ScoreTies.clearCut(scores, 1))
        .isEqualTo(new ScoreTies.Cut(2, ScoreTies.thresholdBetween(0.9, 0.8)));
    assertThat(ScoreTies.clearCut(scores, 3).above()).isEqualTo(3);
    assertThatThrownBy(() -> ScoreTies.clearCut(new double[] {0.5, 0.5000001}, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nearTiesAreTheNeighbouringScoresAtMostANearTieApart() {
    assertThat(ScoreTies.nearTies(new double[] {0.5, 0.9, 0.5000001, 0.7, 0.8999995}))
        .containsExactly(new int[] {0, 2}, new int[] {4, 1});
    assertThat(ScoreTies.nearTies(new double[] {0.1, 0.2, 0.3})).isEmpty();
  }

  @Test
  void metricsAgreeWithinTheToleranceAndNotBeyond() {
    Map<String, Double> expected = Map.of("ndcg@10", 0.92, "mrr@10", 0.93);
    assertThatCode(
            () ->
                ScoreTies.assertMetricsClose(
                    Map.of("ndcg@10", 0.9200001, "mrr@10", 0.93), expected, 1e-6))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ScoreTies.assertMetricsClose(
                    Map.of("ndcg@10", 0.921, "mrr@10", 0.93), expected, 1e-6))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ndcg@10");
    assertThatThrownBy(() -> ScoreTies.assertMetricsClose(Map.of("ndcg@10", 0.92), expected, 1e-6))
        .isInstanceOf(AssertionError.class);
  }
}
