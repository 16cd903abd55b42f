package io.semsearch.encoder.ort;

import io.semsearch.encoder.model.Activation;
import io.semsearch.encoder.model.onnx.OnnxGraphBuilder;
import io.semsearch.encoder.model.onnx.OnnxGraphBuilder.Attribute;
import java.util.List;

/**
 * Every {@link Activation} as ONNX nodes, with torch's default parameters (as the libtorch engine's
 * activation ops use them). GELU and its tanh approximation, the usual hidden activations, are ONNX
 * Runtime's fused contrib ops {@code Gelu} and {@code FastGelu}.
 */
final class OnnxActivations {

  private OnnxActivations() {}

  /** Adds the nodes of {@code activation} applied to {@code x}; returns the result's name. */
  static String apply(OnnxGraphBuilder g, Activation activation, String x) {
    return switch (activation) {
      case IDENTITY -> x;
      case TANH -> g.node("Tanh", List.of(x));
      case RELU -> g.node("Relu", List.of(x));
      case RELU6 -> g.node("Clip", List.of(x, g.scalar(0f), g.scalar(6f)));
      // ONNX Runtime's fused contrib ops: one pass instead of five element-wise ops
      case GELU -> g.node(OnnxGraphBuilder.MICROSOFT, "Gelu", List.of(x));
      case GELU_TANH -> g.node(OnnxGraphBuilder.MICROSOFT, "FastGelu", List.of(x));
      case QUICK_GELU -> g.node("Mul", List.of(x, g.node("Sigmoid", List.of(mul(g, x, 1.702f)))));
      case SIGMOID -> g.node("Sigmoid", List.of(x));
      case SILU -> g.node("Mul", List.of(x, g.node("Sigmoid", List.of(x))));
      case MISH -> g.node("Mul", List.of(x, g.node("Tanh", List.of(softplus(g, x)))));
      case LEAKY_RELU -> g.node("LeakyRelu", List.of(x), Attribute.of("alpha", 0.01f));
      case ELU -> g.node("Elu", List.of(x), Attribute.of("alpha", 1f));
      case CELU -> g.node("Celu", List.of(x), Attribute.of("alpha", 1f));
      case SELU ->
          g.node(
              "Selu",
              List.of(x),
              Attribute.of("alpha", 1.6732632423543772f),
              Attribute.of("gamma", 1.0507009873554805f));
      case SOFTPLUS -> softplus(g, x);
      case SOFTSIGN -> g.node("Softsign", List.of(x));
      case TANHSHRINK -> g.node("Sub", List.of(x, g.node("Tanh", List.of(x))));
      case LOG_SIGMOID -> g.node("Neg", List.of(softplus(g, g.node("Neg", List.of(x)))));
      case HARDTANH -> g.node("Clip", List.of(x, g.scalar(-1f), g.scalar(1f)));
      case HARDSIGMOID ->
          g.node(
              "HardSigmoid", List.of(x), Attribute.of("alpha", 1f / 6), Attribute.of("beta", 0.5f));
      case HARDSWISH -> g.node("HardSwish", List.of(x));
      case SOFTSHRINK ->
          g.node("Shrink", List.of(x), Attribute.of("lambd", 0.5f), Attribute.of("bias", 0.5f));
      case HARDSHRINK ->
          g.node("Shrink", List.of(x), Attribute.of("lambd", 0.5f), Attribute.of("bias", 0f));
    };
  }

  /** {@code log(1 + exp(x))} computed stably as {@code max(x, 0) + log(1 + exp(-|x|))}. */
  private static String softplus(OnnxGraphBuilder g, String x) {
    String negAbs = g.node("Neg", List.of(g.node("Abs", List.of(x))));
    String log = g.node("Log", List.of(add(g, g.node("Exp", List.of(negAbs)), 1f)));
    return g.node("Add", List.of(g.node("Relu", List.of(x)), log));
  }

  private static String mul(OnnxGraphBuilder g, String x, float value) {
    return g.node("Mul", List.of(x, g.scalar(value)));
  }

  private static String add(OnnxGraphBuilder g, String x, float value) {
    return g.node("Add", List.of(x, g.scalar(value)));
  }
}
