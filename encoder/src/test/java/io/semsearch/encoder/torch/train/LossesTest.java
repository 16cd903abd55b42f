package io.semsearch.encoder.torch.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The losses against plain-Java double computations of their value, and their gradients against
 * central finite differences of those computations.
 */
class LossesTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager(Device.cpu());
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void mnrlOfTwoPairsByHand() {
    // a1 = (2, 0), a2 = (0, 3); positives c1 = (1, 0), c2 = (1, 1).
    // cos: a1 -> (1, 1/sqrt2), a2 -> (0, 1/sqrt2); scaled by 20: (20, 14.142), (0, 14.142).
    // Row 1 targets c1: log(1 + e^(20/sqrt2 - 20)); row 2 targets c2: log(1 + e^(-20/sqrt2)).
    NDArray a = manager.create(new float[] {2, 0, 0, 3}, new Shape(2, 2));
    NDArray c = manager.create(new float[] {1, 0, 1, 1}, new Shape(2, 2));
    double s = 20 / Math.sqrt(2);
    double expected = (Math.log1p(Math.exp(s - 20)) + Math.log1p(Math.exp(-s))) / 2;
    double loss = MultipleNegativesRankingLoss.compute(a, c, 20).getFloat();
    assertThat(loss).isCloseTo(expected, Offset.offset(1e-5 * expected));
  }

  @Test
  void mnrlValueAndGradientMatchAPlainJavaCrossEntropy() {
    Random random = new Random(3);
    int batch = 3;
    int candidates = 6; // 3 positives, then 3 negatives
    int dim = 5;
    double[][] a = gaussian(random, batch, dim);
    double[][] c = gaussian(random, candidates, dim);
    ToDoubleFunction<double[][][]> reference = x -> mnrl(x[0], x[1], 20);
    checkLossAndGradients(
        new double[][][] {a, c},
        reference,
        arrays -> MultipleNegativesRankingLoss.compute(arrays[0], arrays[1], 20));
  }

  @Test
  void mseValueAndGradientMatchPlainJava() {
    Random random = new Random(5);
    double[][] e = gaussian(random, 3, 4);
    double[][] t = gaussian(random, 3, 4);
    checkLossAndGradients(
        new double[][][] {e, t},
        x -> {
          double sum = 0;
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
              sum += (x[0][i][j] - x[1][i][j]) * (x[0][i][j] - x[1][i][j]);
            }
          }
          return sum / 12;
        },
        arrays -> MseLoss.compute(arrays[0], arrays[1]));
  }

  /** The MNRL definition in doubles: mean cross-entropy of scale * cos(a_i, c_j) with target i. */
  static double mnrl(double[][] a, double[][] c, double scale) {
    double total = 0;
    for (int i = 0; i < a.length; i++) {
      double[] scores = new double[c.length];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c.length; j++) {
        scores[j] = scale * cos(a[i], c[j]);
        max = Math.max(max, scores[j]);
      }
      double sum = 0;
      for (double s : scores) {
        sum += Math.exp(s - max);
      }
      total += max + Math.log(sum) - scores[i];
    }
    return total / a.length;
  }

  private static double cos(double[] x, double[] y) {
    double dot = 0;
    double nx = 0;
    double ny = 0;
    for (int k = 0; k < x.length; k++) {
      dot += x[k] * y[k];
      nx += x[k] * x[k];
      ny += y[k] * y[k];
    }
    return dot / (Math.sqrt(nx) * Math.sqrt(ny));
  }

  interface Loss {
    NDArray apply(NDArray[] inputs);
  }

  /**
   * The float32 loss must equal the double reference within 1e-5 relative, and each input's
   * gradient its central difference (step 1e-6 on the double reference, so truncation error is
   * about 1e-12) within 1e-4 + 1e-3 relative, which float32 rounding of a scale-20 softmax stays
   * well inside.
   */
  private void checkLossAndGradients(
      double[][][] inputs, ToDoubleFunction<double[][][]> reference, Loss loss) {
    NDArray[] arrays = new NDArray[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      arrays[i] =
          manager.create(toFloat(inputs[i]), new Shape(inputs[i].length, inputs[i][0].length));
      arrays[i].setRequiresGradient(true);
    }
    double value;
    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
      NDArray l = loss.apply(arrays);
      value = l.getFloat();
      collector.backward(l);
    }
    double expected = reference.applyAsDouble(inputs);
    assertThat(value).isCloseTo(expected, Offset.offset(1e-5 * Math.abs(expected) + 1e-7));
    double h = 1e-6;
    for (int i = 0; i < inputs.length; i++) {
      float[] gradient = arrays[i].getGradient().toFloatArray();
      int cols = inputs[i][0].length;
      for (int r = 0; r < inputs[i].length; r++) {
        for (int k = 0; k < cols; k++) {
          double saved = inputs[i][r][k];
          inputs[i][r][k] = saved + h;
          double up = reference.applyAsDouble(inputs);
          inputs[i][r][k] = saved - h;
          double down = reference.applyAsDouble(inputs);
          inputs[i][r][k] = saved;
          double numeric = (up - down) / (2 * h);
          assertThat((double) gradient[r * cols + k])
              .as("d loss / d input %d [%d][%d]", i, r, k)
              .isCloseTo(numeric, Offset.offset(1e-4 + 1e-3 * Math.abs(numeric)));
        }
      }
    }
  }

  static double[][] gaussian(Random random, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int k = 0; k < cols; k++) {
        row[k] = (float) random.nextGaussian(); // representable in float32 exactly
      }
    }
    return out;
  }

  static float[] toFloat(double[][] x) {
    float[] out = new float[x.length * x[0].length];
    for (int r = 0; r < x.length; r++) {
      for (int k = 0; k < x[r].length; k++) {
        out[r * x[r].length + k] = (float) x[r][k];
      }
    }
    return out;
  }
}
