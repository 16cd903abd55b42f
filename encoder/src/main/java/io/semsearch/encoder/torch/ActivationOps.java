package io.semsearch.encoder.torch;

import ai.djl.ndarray.NDArray;
import io.semsearch.encoder.model.Activation;

/**
 * Applies an {@link Activation} to an NDArray. Every result is computed with the input as the
 * receiver, so it belongs to the input's manager.
 */
final class ActivationOps {

  private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

  private ActivationOps() {}

  static NDArray apply(Activation activation, NDArray x) {
    return switch (activation) {
      case IDENTITY -> x;
      case TANH -> x.tanh();
      case RELU -> x.maximum(0f);
      case RELU6 -> x.clip(0f, 6f);
      case GELU -> ai.djl.nn.Activation.gelu(x);
      case GELU_TANH ->
          x.mul(x).mul(x).mul(0.044715f).add(x).mul(SQRT_2_OVER_PI).tanh().add(1f).mul(x).mul(0.5f);
      case QUICK_GELU -> x.mul(1.702f).getNDArrayInternal().sigmoid().mul(x);
      case SIGMOID -> x.getNDArrayInternal().sigmoid();
      case SILU -> x.getNDArrayInternal().sigmoid().mul(x);
      case MISH -> softplus(x).tanh().mul(x);
      case LEAKY_RELU -> x.minimum(0f).mul(0.01f).add(x.maximum(0f));
      case ELU, CELU -> x.minimum(0f).exp().sub(1f).add(x.maximum(0f));
      case SELU ->
          x.minimum(0f)
              .exp()
              .sub(1f)
              .mul(1.6732632423543772f)
              .add(x.maximum(0f))
              .mul(1.0507009873554805f);
      case SOFTPLUS -> softplus(x);
      case SOFTSIGN -> x.div(x.abs().add(1f));
      case TANHSHRINK -> x.sub(x.tanh());
      case LOG_SIGMOID -> softplus(x.neg()).neg();
      case HARDTANH -> x.clip(-1f, 1f);
      case HARDSIGMOID -> x.div(6f).add(0.5f).clip(0f, 1f);
      case HARDSWISH -> x.div(6f).add(0.5f).clip(0f, 1f).mul(x);
      case SOFTSHRINK -> x.sub(0.5f).maximum(0f).add(x.add(0.5f).minimum(0f));
      case HARDSHRINK -> x.abs().gt(0.5f).toType(x.getDataType(), false).mul(x);
    };
  }

  /** {@code log(1 + exp(x))} computed stably as {@code max(x, 0) + log(1 + exp(-|x|))}. */
  private static NDArray softplus(NDArray x) {
    return x.abs().neg().exp().add(1f).log().add(x.maximum(0f));
  }
}
