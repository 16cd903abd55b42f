package io.semsearch.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VectorMathTest {

  @Test
  void cosineOfVectorsWorkedOutByHand() {
    // (1, 2, 2) . (2, 0, 1) = 4; norms 3 and sqrt(5): 4 / (3 sqrt 5) = 0.596285...
    float[] a = {1, 2, 2};
    float[] b = {2, 0, 1};
    assertThat(VectorMath.dot(a, b)).isEqualTo(4.0);
    assertThat(VectorMath.norm(a)).isEqualTo(3.0);
    assertThat(VectorMath.cosine(a, b)).isCloseTo(4 / (3 * Math.sqrt(5)), within(1e-15));
  }

  @Test
  void cosineIgnoresLengthAndKeepsSign() {
    float[] a = {3, -4};
    assertThat(VectorMath.cosine(a, new float[] {6, -8})).isCloseTo(1.0, within(1e-15));
    assertThat(VectorMath.cosine(a, new float[] {-3, 4})).isCloseTo(-1.0, within(1e-15));
    assertThat(VectorMath.cosine(a, new float[] {4, 3})).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void aZeroVectorIsSimilarToNothing() {
    assertThat(VectorMath.cosine(new float[] {0, 0}, new float[] {1, 0})).isZero();
    assertThat(VectorMath.cosine(new float[] {0, 0}, new float[] {0, 0})).isZero();
  }

  @Test
  void vectorsOfDifferentDimensionsAreRefusedNamingBoth() {
    assertThatThrownBy(() -> VectorMath.dot(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vectors must have the same dimension, got: 2 and 3");
  }
}
