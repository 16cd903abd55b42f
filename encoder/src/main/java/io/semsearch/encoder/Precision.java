package io.semsearch.encoder;

import java.util.Locale;

/** Floating-point type the model runs in. Half types are for GPUs; the CPU always runs FP32. */
public enum Precision {
  FP32,
  FP16,
  BF16;

  /** Parses {@code fp32}, {@code fp16} or {@code bf16}, case-insensitively. */
  public static Precision parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "precision must be one of fp32, fp16, bf16, got: " + value, e);
    }
  }
}
