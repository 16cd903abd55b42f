package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.semsearch.encoder.model.PoolingConfig;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pooling on a hand-made batch of two sequences of three 2-d token embeddings; the second sequence
 * has its last token padded (mask 0), and that token holds a large value that must never leak.
 *
 * <pre>
 * sequence 0: [1, 2], [3, -4], [5, 6]    mask 1 1 1
 * sequence 1: [2, 0], [-4, 8], [99, 99]  mask 1 1 0
 * </pre>
 */
class PoolingOpsTest {

  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static float[] pool(PoolingConfig config) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray tokens =
          scope.create(new float[] {1, 2, 3, -4, 5, 6, 2, 0, -4, 8, 99, 99}, new Shape(2, 3, 2));
      NDArray mask = scope.create(new float[] {1, 1, 1, 1, 1, 0}, new Shape(2, 3));
      NDArray pooled = PoolingOps.pool(config, tokens, mask);
      assertThat(pooled.getShape()).isEqualTo(new Shape(2, config.outputDimension()));
      return pooled.toFloatArray();
    }
  }

  private static PoolingConfig only(
      boolean cls, boolean max, boolean mean, boolean sqrt, boolean weighted, boolean last) {
    return new PoolingConfig(2, cls, max, mean, sqrt, weighted, last, true);
  }

  @Test
  void clsTakesTheFirstToken() {
    assertThat(pool(only(true, false, false, false, false, false))).containsExactly(1, 2, 2, 0);
  }

  @Test
  void maxIgnoresPaddedTokens() {
    // seq 0: max(1,3,5)=5, max(2,-4,6)=6; seq 1: max(2,-4)=2, max(0,8)=8 (99 is padding)
    assertThat(pool(only(false, true, false, false, false, false))).containsExactly(5, 6, 2, 8);
  }

  @Test
  void meanAveragesAttendedTokens() {
    // seq 0: (1+3+5)/3=3, (2-4+6)/3=4/3; seq 1: (2-4)/2=-1, (0+8)/2=4
    assertThat(pool(only(false, false, true, false, false, false)))
        .containsExactly(new float[] {3, 4f / 3, -1, 4}, within(1e-6f));
  }

  @Test
  void meanSqrtLenDividesBySquareRootOfCount() {
    // seq 0: 9/sqrt3, 4/sqrt3; seq 1: -2/sqrt2, 8/sqrt2
    float r3 = (float) Math.sqrt(3);
    float r2 = (float) Math.sqrt(2);
    assertThat(pool(only(false, false, false, true, false, false)))
        .containsExactly(new float[] {9 / r3, 4 / r3, -2 / r2, 8 / r2}, within(1e-5f));
  }

  @Test
  void weightedMeanWeighsByPosition() {
    // weights 1,2,3. seq 0: (1*1+2*3+3*5)/6 = 22/6, (1*2-2*4+3*6)/6 = 12/6 = 2
    // seq 1 (weights 1,2; 3 masked): (1*2-2*4)/3 = -2, (0+2*8)/3 = 16/3
    assertThat(pool(only(false, false, false, false, true, false)))
        .containsExactly(new float[] {22f / 6, 2, -2, 16f / 3}, within(1e-5f));
  }

  @Test
  void lastTokenTakesTheLastAttendedToken() {
    assertThat(pool(only(false, false, false, false, false, true))).containsExactly(5, 6, -4, 8);
  }

  @Test
  void modesConcatenateInSentenceTransformersOrder() {
    // cls, max, mean, mean_sqrt_len, weightedmean, lasttoken
    float[] all = pool(only(true, true, true, true, true, true));
    float r3 = (float) Math.sqrt(3);
    assertThat(all).hasSize(24);
    assertThat(Arrays.copyOfRange(all, 0, 12))
        .containsExactly(
            new float[] {1, 2, 5, 6, 3, 4f / 3, 9 / r3, 4 / r3, 22f / 6, 2, 5, 6}, within(1e-5f));
  }
}
