package io.semsearch.encoder.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Int8WeightsTest {

  @Test
  void eachRowIsQuantizedOnItsOwnScaleSoAnOutlierRowCostsTheOthersNothing() {
    int out = 6;
    int in = 50;
    float[] w = new float[out * in];
    Random random = new Random(3);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian() * 0.02f;
    }
    for (int i = 0; i < in; i++) {
      w[2 * in + i] *= 500; // an outlier channel, as LayerNorm-fed projections have
    }
    Int8Weights q = Int8Weights.perChannel(w, out, in, 127);
    float[] back = q.dequantized();
    for (int o = 0; o < out; o++) {
      float max = 0;
      for (int i = 0; i < in; i++) {
        max = Math.max(max, Math.abs(w[o * in + i]));
      }
      // hand calculation: scale = max / 127, rounding errs by half a step at most
      assertThat(q.scales()[o]).as("scale of row %d", o).isCloseTo(max / 127, within(max));
      for (int i = 0; i < in; i++) {
        assertThat(Math.abs(back[o * in + i] - w[o * in + i]))
            .as("row %d, column %d", o, i)
            .isLessThanOrEqualTo(max / 127 / 2 * 1.0001f);
      }
    }
  }

  @Test
  void valuesAreStoredTransposedAndWithinTheLimit() {
    float[] w = {1f, -0.5f, 0.25f, 0f, 0f, 0f};
    Int8Weights q = Int8Weights.perChannel(w, 2, 3, 63);
    // row 0: scale 1/63, so 63, round(-31.5) = -31 (Math.round rounds half up), 16; row 1: all 0
    assertThat(q.transposed()).containsExactly(63, 0, -31, 0, 16, 0);
    assertThat(q.scales()).containsExactly(1f / 63, 1f);
  }

  @Test
  void aWeightOfTheWrongSizeIsRefused() {
    assertThatThrownBy(() -> Int8Weights.perChannel(new float[5], 2, 3, 127))
        .hasMessage("weight has 5 values, expected 2 x 3");
  }

  private static org.assertj.core.data.Offset<Float> within(float max) {
    return org.assertj.core.data.Offset.offset(max * 1e-6f);
  }
}
