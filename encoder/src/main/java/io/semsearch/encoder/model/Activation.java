package io.semsearch.encoder.model;

import java.util.Locale;

/**
 * Element-wise activation functions a model config can name: Hugging Face {@code hidden_act} values
 * in {@code config.json} and torch module class names in a sentence-transformers Dense module's
 * {@code activation_function}.
 *
 * <p>Each constant uses torch's default parameters (LeakyReLU slope 0.01, ELU and CELU alpha 1,
 * Softplus beta 1 threshold 20, Hardtanh [-1, 1], Softshrink and Hardshrink lambda 0.5).
 */
public enum Activation {
  IDENTITY,
  TANH,
  RELU,
  RELU6,
  /** Exact GELU, {@code x * Phi(x)} with the error function. */
  GELU,
  /** GELU's tanh approximation ({@code gelu_new}, {@code gelu_pytorch_tanh}). */
  GELU_TANH,
  /** {@code x * sigmoid(1.702 x)}. */
  QUICK_GELU,
  SIGMOID,
  SILU,
  MISH,
  LEAKY_RELU,
  ELU,
  SELU,
  CELU,
  SOFTPLUS,
  SOFTSIGN,
  TANHSHRINK,
  LOG_SIGMOID,
  HARDTANH,
  HARDSIGMOID,
  HARDSWISH,
  SOFTSHRINK,
  HARDSHRINK;

  /**
   * Parses a Hugging Face {@code hidden_act} value ({@code gelu}, {@code gelu_new}, {@code relu},
   * {@code silu}, ...).
   *
   * @throws IllegalArgumentException naming the value when it is not supported
   */
  public static Activation fromHiddenAct(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "gelu", "gelu_python" -> GELU;
      case "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "gelu_accurate" -> GELU_TANH;
      case "quick_gelu" -> QUICK_GELU;
      case "relu" -> RELU;
      case "relu6" -> RELU6;
      case "silu", "swish" -> SILU;
      case "mish" -> MISH;
      case "tanh" -> TANH;
      case "sigmoid" -> SIGMOID;
      case "linear", "identity" -> IDENTITY;
      case "leaky_relu" -> LEAKY_RELU;
      default -> throw new IllegalArgumentException("unsupported hidden_act '" + name + "'");
    };
  }

  /**
   * Parses a torch module name as sentence-transformers writes it, e.g. {@code
   * torch.nn.modules.activation.Tanh} or {@code torch.nn.modules.linear.Identity}; the package part
   * is optional.
   *
   * @throws IllegalArgumentException naming the value when it is not supported
   */
  public static Activation fromTorchModule(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return switch (simple) {
      case "Identity" -> IDENTITY;
      case "Tanh" -> TANH;
      case "ReLU" -> RELU;
      case "ReLU6" -> RELU6;
      case "GELU" -> GELU;
      case "Sigmoid" -> SIGMOID;
      case "SiLU" -> SILU;
      case "Mish" -> MISH;
      case "LeakyReLU" -> LEAKY_RELU;
      case "ELU" -> ELU;
      case "SELU" -> SELU;
      case "CELU" -> CELU;
      case "Softplus" -> SOFTPLUS;
      case "Softsign" -> SOFTSIGN;
      case "Tanhshrink" -> TANHSHRINK;
      case "LogSigmoid" -> LOG_SIGMOID;
      case "Hardtanh" -> HARDTANH;
      case "Hardsigmoid" -> HARDSIGMOID;
      case "Hardswish" -> HARDSWISH;
      case "Softshrink" -> SOFTSHRINK;
      case "Hardshrink" -> HARDSHRINK;
      default ->
          throw new IllegalArgumentException("unsupported activation_function '" + className + "'");
    };
  }
}
