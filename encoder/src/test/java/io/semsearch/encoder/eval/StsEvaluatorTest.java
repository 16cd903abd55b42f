package io.semsearch.encoder.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.VectorMath;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StsEvaluatorTest {

  private static final double EPS = 1e-12;

  // Four pairs of 2-d vectors and their similarities, worked by hand:
  //   pair  a       b        cosine   L1   L2    dot   gold
  //   0     (1,0)   (1,0)     1       0    0      1    3
  //   1     (1,0)   (0,1)     0       2    √2     0    1
  //   2     (1,0)   (-1,0)   -1       2    2     -1    0
  //   3     (2,0)   (1,1)     1/√2    2    √2     2    2
  private static final float[][] A = {{1, 0}, {1, 0}, {1, 0}, {2, 0}};
  private static final float[][] B = {{1, 0}, {0, 1}, {-1, 0}, {1, 1}};
  private static final double[] GOLD = {3, 1, 0, 2};

  @Test
  void similaritiesOfTheFixtureMatchTheTable() {
    assertThat(StsEvaluator.cosine(A[3], B[3])).isCloseTo(1 / Math.sqrt(2), within(EPS));
    assertThat(StsEvaluator.cosine(A[2], B[2])).isCloseTo(-1, within(EPS));
    assertThat(StsEvaluator.manhattan(A[3], B[3])).isEqualTo(2);
    assertThat(StsEvaluator.euclidean(A[1], B[1])).isCloseTo(Math.sqrt(2), within(EPS));
    assertThat(VectorMath.dot(A[3], B[3])).isEqualTo(2);
  }

  @Test
  void metricsOfTheFixtureMatchHandWorkedValues() {
    StsMetrics m = StsEvaluator.evaluate(A, B, GOLD);

    // gold ranks [4,2,1,3], centred dx = [1.5,-.5,-1.5,.5], sxx = 5 (gold is its ranks minus 1).
    // cosine [1,0,-1,1/√2]: mean (1/√2)/4; sxy = 1.5 + 1.5 + .5/√2 = 3 + .5/√2;
    //   syy = 2.5 - 4 * ((1/√2)/4)^2 = 2.375 -> pearson = (3 + .5/√2) / sqrt(5 * 2.375) (scipy
    // 0.9731693353405293).
    //   Cosine ranks [4,2,1,3] equal gold's -> spearman 1.
    assertThat(m.pearsonCosine())
        .isCloseTo((3 + 0.5 / Math.sqrt(2)) / Math.sqrt(5 * 2.375), within(EPS));
    assertThat(m.spearmanCosine()).isCloseTo(1.0, within(EPS));
    // -L1 [0,-2,-2,-2] is its ranks [4,2,2,2] minus 4, so pearson = spearman:
    //   dy = [1.5,-.5,-.5,-.5], sxy = 2.25+.25+.75-.25 = 3, syy = 3 -> 3/sqrt(15) (scipy
    // 0.7745966692414834)
    assertThat(m.pearsonManhattan()).isCloseTo(3 / Math.sqrt(15), within(EPS));
    assertThat(m.spearmanManhattan()).isCloseTo(3 / Math.sqrt(15), within(EPS));
    // -L2 [0,-√2,-2,-√2]: sxy = .5√2 + 3 - .5√2 = 3; syy = 8 - (2+2√2)^2/4 = 5 - 2√2
    //   -> pearson = 3 / sqrt(5 (5 - 2√2)) (scipy 0.9104352166940026);
    //   ranks [4,2.5,1,2.5]: dy = [1.5,0,-1.5,0], sxy = 4.5, syy = 4.5 -> 4.5/sqrt(22.5) = sqrt(.9)
    assertThat(m.pearsonEuclidean())
        .isCloseTo(3 / Math.sqrt(5 * (5 - 2 * Math.sqrt(2))), within(EPS));
    assertThat(m.spearmanEuclidean()).isCloseTo(Math.sqrt(0.9), within(EPS));
    // dot [1,0,-1,2]: mean .5, sxy = 1.5 + 1.5 + 1 = 4, syy = 6 - 4*.25 = 5 -> 4/5;
    //   ranks [3,2,1,4]: dy = [.5,-.5,-1.5,1.5], sxy = .75+.25+2.25+.75 = 4, syy = 5 -> 4/5
    assertThat(m.pearsonDot()).isCloseTo(0.8, within(EPS));
    assertThat(m.spearmanDot()).isCloseTo(0.8, within(EPS));
    // the best of each: cosine both times
    assertThat(m.pearsonMax()).isEqualTo(m.pearsonCosine());
    assertThat(m.spearmanMax()).isEqualTo(m.spearmanCosine());
  }

  @Test
  void asMapUsesTheModelCardKeysInOrder() {
    StsMetrics m = new StsMetrics(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    Map<String, Double> map = m.asMap();
    assertThat(map.keySet())
        .containsExactly(
            "pearson_cosine",
            "spearman_cosine",
            "pearson_manhattan",
            "spearman_manhattan",
            "pearson_euclidean",
            "spearman_euclidean",
            "pearson_dot",
            "spearman_dot",
            "pearson_max",
            "spearman_max");
    assertThat(map.values()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
  }

  @Test
  void constantGoldScoresGiveNaNEverywhere() {
    // Documented: correlations are undefined for constant input; scipy returns nan, and so do we.
    StsMetrics m = StsEvaluator.evaluate(A, B, new double[] {2, 2, 2, 2});
    assertThat(m.asMap().values()).allSatisfy(v -> assertThat(v).isNaN());
  }

  @Test
  void maxIgnoresAnUndefinedSimilarity() {
    // All dot products are 0 (constant) -> the dot correlations are NaN; the max comes from the
    // others.
    float[][] a = {{1, 0}, {1, 0}, {1, 0}};
    float[][] b = {{0, 1}, {0, 2}, {0, 3}};
    StsMetrics m = StsEvaluator.evaluate(a, b, new double[] {3, 2, 1});
    assertThat(m.pearsonDot()).isNaN();
    assertThat(m.spearmanDot()).isNaN();
    assertThat(m.spearmanManhattan()).isCloseTo(1.0, within(EPS));
    assertThat(m.spearmanMax()).isCloseTo(1.0, within(EPS));
  }

  @Test
  void zeroVectorsFollowScikitLearnCosine() {
    assertThat(StsEvaluator.cosine(new float[] {0, 0}, new float[] {1, 0})).isEqualTo(0.5);
    assertThat(StsEvaluator.cosine(new float[] {0, 0}, new float[] {0, 0})).isEqualTo(1.0);
  }

  @Test
  void refusesMismatchedInputs() {
    assertThatThrownBy(() -> StsEvaluator.evaluate(A, B, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4, 4 and 3");
    assertThatThrownBy(
            () ->
                StsEvaluator.evaluate(
                    new float[][] {{1, 0}, {1}},
                    new float[][] {{1, 0}, {1, 0}},
                    new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pair 1")
        .hasMessageContaining("1 and 2");
    assertThatThrownBy(
            () -> StsEvaluator.evaluate(new float[][] {{1}}, new float[][] {{1}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 pairs, got: 1");
  }
}
