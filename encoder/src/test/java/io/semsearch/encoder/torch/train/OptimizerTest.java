package io.semsearch.encoder.torch.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.semsearch.encoder.torch.TrainableSentenceModel.Parameter;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AdamW against a hand-written plain-Java AdamW, and clipping against hand calculation. */
class OptimizerTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager(Device.cpu());
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private Parameter parameter(String name, float[] values, boolean decays) {
    NDArray value = manager.create(values, new Shape(values.length));
    value.setRequiresGradient(true);
    return new Parameter(name, value, decays);
  }

  /** Sets each parameter's gradient to {@code gradients[i]}: backward of sum(p_i * g_i). */
  private void backward(List<Parameter> parameters, float[][] gradients) {
    try (NDManager scope = manager.newSubManager();
        GradientCollector collector = manager.getEngine().newGradientCollector()) {
      NDArray loss = null;
      for (int i = 0; i < parameters.size(); i++) {
        NDArray g = scope.create(gradients[i]);
        NDArray term = g.mul(parameters.get(i).value()).sum();
        loss = loss == null ? term : loss.add(term);
      }
      collector.backward(loss);
    }
  }

  private static void zero(List<Parameter> parameters) {
    try (NDManager scope = parameters.get(0).value().getManager().newSubManager()) {
      for (Parameter p : parameters) {
        p.gradient(scope).muli(0f);
      }
    }
  }

  @Test
  void twoAdamWStepsMatchAPlainJavaAdamW() {
    float[] w = {0.5f, -1.25f, 2f};
    float[] b = {0.1f, -0.3f};
    List<Parameter> parameters = List.of(parameter("w", w, true), parameter("b", b, false));
    float[][][] gradients = {
      {{0.2f, -0.4f, 1.5f}, {-0.05f, 0.3f}},
      {{-0.1f, 0.25f, 0.5f}, {0.02f, 0.6f}}
    };
    double[] lrs = {1e-2, 5e-3};
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double decay = 0.1;
    double[][] expected = {toDouble(w), toDouble(b)};
    double[][] m = {new double[3], new double[2]};
    double[][] v = {new double[3], new double[2]};
    try (AdamW adam = new AdamW(parameters, beta1, beta2, eps, decay)) {
      for (int t = 1; t <= 2; t++) {
        backward(parameters, gradients[t - 1]);
        adam.step(lrs[t - 1]);
        zero(parameters);
        for (int i = 0; i < 2; i++) {
          boolean decays = i == 0;
          for (int k = 0; k < expected[i].length; k++) {
            double g = gradients[t - 1][i][k];
            double lr = lrs[t - 1];
            if (decays) {
              expected[i][k] -= lr * decay * expected[i][k];
            }
            m[i][k] = beta1 * m[i][k] + (1 - beta1) * g;
            v[i][k] = beta2 * v[i][k] + (1 - beta2) * g * g;
            double mHat = m[i][k] / (1 - Math.pow(beta1, t));
            double denominator = Math.sqrt(v[i][k]) / Math.sqrt(1 - Math.pow(beta2, t)) + eps;
            expected[i][k] -= lr * mHat / denominator;
          }
        }
      }
      assertThat(adam.steps()).isEqualTo(2);
    }
    for (int i = 0; i < 2; i++) {
      float[] got = parameters.get(i).value().toFloatArray();
      for (int k = 0; k < got.length; k++) {
        assertThat((double) got[k])
            .as("%s[%d]", parameters.get(i).name(), k)
            .isCloseTo(expected[i][k], Offset.offset(1e-6));
      }
    }
  }

  @Test
  void clippingScalesAllGradientsByMaxNormOverTheGlobalNorm() {
    // gradients (3, 4) and (12): global norm sqrt(9 + 16 + 144) = 13; max 6.5 halves them
    List<Parameter> parameters =
        List.of(parameter("a", new float[] {0, 0}, true), parameter("b", new float[] {0}, true));
    backward(parameters, new float[][] {{3, 4}, {12}});
    double norm = GradientClipping.clip(parameters, 6.5);
    assertThat(norm).isCloseTo(13, Offset.offset(1e-5));
    double factor = 6.5 / (13 + 1e-6);
    assertThat(gradient(parameters.get(0)))
        .containsExactly(new float[] {(float) (3 * factor), (float) (4 * factor)}, within(1e-5f));
    assertThat(gradient(parameters.get(1)))
        .containsExactly(new float[] {(float) (12 * factor)}, within(1e-5f));

    // below the limit nothing changes
    double again = GradientClipping.clip(parameters, 100);
    assertThat(again).isCloseTo(6.5, Offset.offset(1e-4));
    assertThat(gradient(parameters.get(1))).containsExactly(new float[] {6f}, within(1e-4f));
  }

  private static org.assertj.core.data.Offset<Float> within(float tolerance) {
    return Offset.offset(tolerance);
  }

  private static float[] gradient(Parameter p) {
    try (NDManager scope = p.value().getManager().newSubManager()) {
      return p.gradient(scope).toFloatArray();
    }
  }

  private static double[] toDouble(float[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  }
}
