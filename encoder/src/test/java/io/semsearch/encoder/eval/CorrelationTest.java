package io.semsearch.encoder.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrelationTest {

  private static final double EPS = 1e-12;

  @Test
  void pearsonOfSmallArraysMatchesHandWorkedValue() {
    // x = [1,2,3], y = [1,3,2]; means 2 and 2; dx = [-1,0,1], dy = [-1,1,0]
    // sxy = 1 + 0 + 0 = 1, sxx = 2, syy = 2  ->  r = 1 / sqrt(4) = 0.5
    assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2}))
        .isCloseTo(0.5, within(EPS));

    // x = [1,2,3,4], y = [1,2,2,3]; means 2.5 and 2; dx = [-1.5,-.5,.5,1.5], dy = [-1,0,0,1]
    // sxy = 1.5 + 1.5 = 3, sxx = 5, syy = 2  ->  r = 3 / sqrt(10) (scipy: 0.9486832980505138)
    assertThat(Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {1, 2, 2, 3}))
        .isCloseTo(3 / Math.sqrt(10), within(EPS));
  }

  @Test
  void ranksGiveTiesTheirAverageRank() {
    assertThat(Correlation.ranks(new double[] {1, 2, 2, 3})).containsExactly(1, 2.5, 2.5, 4);
    // 0.5 is smallest (rank 1); the three 7s span ranks 3..5 -> 4; 3 is rank 2
    assertThat(Correlation.ranks(new double[] {7, 0.5, 7, 3, 7})).containsExactly(4, 1, 4, 2, 4);
    assertThat(Correlation.ranks(new double[] {5, 5})).containsExactly(1.5, 1.5);
  }

  @Test
  void spearmanWithTiesOnBothSidesMatchesHandWorkedValue() {
    // ranks x = [1.5,1.5,3,4], ranks y = [1,2.5,2.5,4]; both means 2.5
    // dx = [-1,-1,.5,1.5], dy = [-1.5,0,0,1.5]
    // sxy = 1.5 + 2.25 = 3.75, sxx = 1+1+.25+2.25 = 4.5, syy = 2.25+2.25 = 4.5  ->  r = 3.75/4.5 =
    // 5/6
    // (scipy.stats.spearmanr gives 0.8333333333333335)
    assertThat(Correlation.spearman(new double[] {1, 1, 2, 3}, new double[] {1, 2, 2, 3}))
        .isCloseTo(5.0 / 6, within(EPS));
  }

  @Test
  void spearmanOfAMonotoneTransformIsOne() {
    double[] x = {0.3, -2, 5, 1, 8, 2.5};
    double[] cubed = new double[x.length];
    double[] exp = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      cubed[i] = x[i] * x[i] * x[i];
      exp[i] = Math.exp(x[i]);
    }
    assertThat(Correlation.spearman(x, cubed)).isCloseTo(1.0, within(EPS));
    assertThat(Correlation.spearman(x, exp)).isCloseTo(1.0, within(EPS));
    assertThat(Correlation.pearson(x, exp)).isLessThan(0.99);
  }

  @Test
  void negatingOneSideGivesMinusOne() {
    double[] x = {0.3, -2, 5, 1, 8, 2.5};
    double[] negated = new double[x.length];
    double[] affine = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      negated[i] = -x[i];
      affine[i] = 3 * x[i] + 7;
    }
    assertThat(Correlation.pearson(x, negated)).isCloseTo(-1.0, within(EPS));
    assertThat(Correlation.spearman(x, negated)).isCloseTo(-1.0, within(EPS));
    assertThat(Correlation.pearson(x, affine)).isCloseTo(1.0, within(EPS));
    assertThat(Correlation.pearson(x, x)).isCloseTo(1.0, within(EPS));
  }

  @Test
  void constantInputGivesNaNLikeScipy() {
    // scipy.stats.pearsonr([1,1,1],[1,2,3]) -> nan with ConstantInputWarning; spearmanr likewise
    assertThat(Correlation.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    assertThat(Correlation.spearman(new double[] {1, 2, 3}, new double[] {4, 4, 4})).isNaN();
  }

  @Test
  void nanInputPropagates() {
    assertThat(Correlation.pearson(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}))
        .isNaN();
    assertThat(Correlation.spearman(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}))
        .isNaN();
  }

  @Test
  void refusesMismatchedOrTooShortInputs() {
    assertThatThrownBy(() -> Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 and 2");
    assertThatThrownBy(() -> Correlation.spearman(new double[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got: 1");
  }
}
