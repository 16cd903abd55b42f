package io.semsearch.encoder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PcaTest {

  @Test
  void jacobiFindsTheEigenpairsOfASmallSymmetricMatrix() {
    // [[2, 1], [1, 2]] has eigenvalues 3 (vector (1, 1)/sqrt 2) and 1 (vector (1, -1)/sqrt 2)
    double[][] a = {{2, 1}, {1, 2}};
    double[][] v = Pca.jacobi(a);
    int big = a[0][0] > a[1][1] ? 0 : 1;
    assertThat(a[big][big]).isCloseTo(3, Offset.offset(1e-12));
    assertThat(a[1 - big][1 - big]).isCloseTo(1, Offset.offset(1e-12));
    assertThat(Math.abs(v[0][big])).isCloseTo(Math.sqrt(0.5), Offset.offset(1e-12));
    assertThat(v[0][big] * v[1][big]).isCloseTo(0.5, Offset.offset(1e-12));
  }

  @Test
  void pointsOnAKnownPlaneGiveThePlanesDirectionsByVariance() {
    // the 4 corners x = c + a u + b w, a in {-3, 3}, b in {-1, 1}: the centred points have
    // covariance (4 * 9 / 3) u u^T + (4 * 1 / 3) w w^T, so variances 12 and 4/3, none elsewhere
    double s = 1 / Math.sqrt(2);
    double[] u = {s, s, 0, 0};
    double[] w = {0, 0, 0.6, 0.8};
    double[] c = {5, -1, 2, 0.5};
    float[][] rows = new float[4][4];
    int i = 0;
    for (int a : new int[] {-3, 3}) {
      for (int b : new int[] {-1, 1}) {
        for (int j = 0; j < 4; j++) {
          rows[i][j] = (float) (c[j] + a * u[j] + b * w[j]);
        }
        i++;
      }
    }
    Pca pca = Pca.fit(rows, 2);
    // signs: the largest-magnitude entry is positive: +u (its two equal entries are positive), +w
    for (int j = 0; j < 4; j++) {
      assertThat(pca.components()[0][j]).isCloseTo(u[j], Offset.offset(1e-5));
      assertThat(pca.components()[1][j]).isCloseTo(w[j], Offset.offset(1e-5));
      assertThat(pca.mean()[j]).isCloseTo(c[j], Offset.offset(1e-5));
    }
    assertThat(pca.variances()[0]).isCloseTo(12, Offset.offset(1e-4));
    assertThat(pca.variances()[1]).isCloseTo(4 / 3.0, Offset.offset(1e-4));
    assertThat(pca.explainedVarianceRatio()).isCloseTo(1, Offset.offset(1e-6));
    // the projection is uncentred: components · x
    float[] p = pca.project(new float[] {1, 1, 0, 0});
    assertThat(p[0]).isCloseTo((float) (2 * s), Offset.offset(1e-3f));
    assertThat(p[1]).isCloseTo(0f, Offset.offset(1e-3f));
    Pca one = Pca.fit(rows, 1);
    assertThat(one.explainedVarianceRatio()).isCloseTo(0.9, Offset.offset(1e-5)); // 12 / 13.33
  }

  @Test
  void badInputsAreRefusedNamingTheValue() {
    float[][] rows = {{1, 2}, {3, 4}};
    assertThatThrownBy(() -> Pca.fit(rows, 3)).hasMessage("PCA components must be in 1..2, got: 3");
    assertThatThrownBy(() -> Pca.fit(new float[][] {{1}}, 1))
        .hasMessage("PCA needs at least 2 rows, got: 1");
  }
}
