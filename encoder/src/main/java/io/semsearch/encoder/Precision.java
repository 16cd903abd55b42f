package io.semsearch.encoder;

import java.util.Locale;

/**
 * Number type the model runs in.
 *
 * <ul>
 *   <li>{@link #FP32}: the default and the reference, on every device.
 *   <li>{@link #FP16} and {@link #BF16}: half types for GPUs; the CPU runs FP32 when asked for
 *       them.
 *   <li>{@link #INT8}: the CPU only. The transformer's Linear layers run as int8 matrix products
 *       (weights quantized per output channel once at load, activations per batch at run time) on
 *       ONNX Runtime; embeddings, LayerNorm, softmax, pooling and the output modules stay FP32.
 * </ul>
 */
public enum Precision {
  FP32,
  FP16,
  BF16,
  INT8;

  /** Parses {@code fp32}, {@code fp16}, {@code bf16} or {@code int8}, case-insensitively. */
  public static Precision parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "precision must be one of fp32, fp16, bf16, int8, got: " + value, e);
    }
  }

  /** The lower-case name {@link #parse} takes and index metadata records. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
