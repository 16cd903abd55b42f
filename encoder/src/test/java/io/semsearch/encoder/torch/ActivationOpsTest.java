package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.semsearch.encoder.model.Activation;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationOpsTest {

  private static final float[] X = {-3f, -0.5f, 0f, 0.25f, 2f, 25f};
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /**
   * Expected values from each function's textbook definition, evaluated in double precision by hand
   * (a calculator / Python's math module, not torch), e.g. GELU(x) = x/2 (1 + erf(x / sqrt 2)) with
   * GELU(-0.5) = -0.154269; SELU(-3) = 1.0507 * 1.6733 * (e^-3 - 1) = -1.670569; Softplus(25) = 25
   * (torch's threshold 20).
   */
  private static final Map<Activation, double[]> EXPECTED = new EnumMap<>(Activation.class);

  static {
    EXPECTED.put(Activation.IDENTITY, new double[] {-3, -0.5, 0, 0.25, 2, 25});
    EXPECTED.put(Activation.TANH, new double[] {-0.995055, -0.462117, 0, 0.244919, 0.964028, 1});
    EXPECTED.put(Activation.RELU, new double[] {0, 0, 0, 0.25, 2, 25});
    EXPECTED.put(Activation.RELU6, new double[] {0, 0, 0, 0.25, 2, 6});
    EXPECTED.put(Activation.GELU, new double[] {-0.004050, -0.154269, 0, 0.149677, 1.954500, 25});
    EXPECTED.put(
        Activation.GELU_TANH, new double[] {-0.003637, -0.154286, 0, 0.149675, 1.954598, 25});
    EXPECTED.put(
        Activation.QUICK_GELU, new double[] {-0.018071, -0.149612, 0, 0.1512, 1.935659, 25});
    EXPECTED.put(Activation.SIGMOID, new double[] {0.047426, 0.377541, 0.5, 0.562177, 0.880797, 1});
    EXPECTED.put(Activation.SILU, new double[] {-0.142278, -0.188770, 0, 0.140544, 1.761594, 25});
    EXPECTED.put(Activation.MISH, new double[] {-0.145647, -0.220744, 0, 0.169572, 1.943959, 25});
    EXPECTED.put(Activation.LEAKY_RELU, new double[] {-0.03, -0.005, 0, 0.25, 2, 25});
    EXPECTED.put(Activation.ELU, new double[] {-0.950213, -0.393469, 0, 0.25, 2, 25});
    EXPECTED.put(Activation.CELU, new double[] {-0.950213, -0.393469, 0, 0.25, 2, 25});
    EXPECTED.put(
        Activation.SELU, new double[] {-1.670569, -0.691758, 0, 0.262675, 2.101402, 26.267525});
    EXPECTED.put(
        Activation.SOFTPLUS, new double[] {0.048587, 0.474077, 0.693147, 0.825939, 2.126928, 25});
    EXPECTED.put(Activation.SOFTSIGN, new double[] {-0.75, -0.333333, 0, 0.2, 0.666667, 0.961538});
    EXPECTED.put(
        Activation.TANHSHRINK, new double[] {-2.004945, -0.037883, 0, 0.005081, 1.035972, 24});
    EXPECTED.put(
        Activation.LOG_SIGMOID,
        new double[] {-3.048587, -0.974077, -0.693147, -0.575939, -0.126928, 0});
    EXPECTED.put(Activation.HARDTANH, new double[] {-1, -0.5, 0, 0.25, 1, 1});
    EXPECTED.put(Activation.HARDSIGMOID, new double[] {0, 0.416667, 0.5, 0.541667, 0.833333, 1});
    EXPECTED.put(Activation.HARDSWISH, new double[] {0, -0.208333, 0, 0.135417, 1.666667, 25});
    EXPECTED.put(Activation.SOFTSHRINK, new double[] {-2.5, 0, 0, 0, 1.5, 24.5});
    EXPECTED.put(Activation.HARDSHRINK, new double[] {-3, 0, 0, 0, 2, 25});
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void matchesHandWorkedValues(Activation activation) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(X);
      float[] actual = ActivationOps.apply(activation, x).toFloatArray();
      double[] expected = EXPECTED.get(activation);
      assertThat(expected).as("expected values for " + activation).isNotNull();
      for (int i = 0; i < X.length; i++) {
        assertThat((double) actual[i])
            .as(activation + "(" + X[i] + ")")
            .isCloseTo(expected[i], within(2e-5 * Math.max(1, Math.abs(expected[i]))));
      }
    }
  }

  @Test
  void resultBelongsToTheInputsManager() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(X);
      for (Activation a : Activation.values()) {
        assertThat(ActivationOps.apply(a, x).getManager()).as(a.name()).isSameAs(scope);
      }
    }
  }
}
