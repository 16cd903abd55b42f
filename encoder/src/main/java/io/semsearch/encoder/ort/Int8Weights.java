package io.semsearch.encoder.ort;

/**
 * A Linear layer's weight {@code W [out, in]} quantized symmetrically to int8 per output channel:
 * {@code W[o][i] ≈ scales[o] * q[i][o]}, with {@code scales[o] = max_i |W[o][i]| / 127} and {@code
 * q} rounded to the nearest integer. Per-channel scales keep a row with a few large weights from
 * coarsening every other row. The values are stored transposed, {@code [in, out]}, as the {@code B}
 * of an ONNX matrix product {@code x B}.
 *
 * @param transposed {@code q} in row-major {@code [in, out]} order
 * @param scales one scale per output channel; 1 for an all-zero row
 * @param in input width
 * @param out output width
 */
record Int8Weights(byte[] transposed, float[] scales, int in, int out) {

  /**
   * Quantizes {@code weight}, row-major {@code [out, in]}, using integers in {@code [-limit,
   * limit]}: 127 for the full int8 range, 63 for the reduced range that keeps CPUs without VNNI
   * from saturating their 16-bit intermediate sums.
   */
  static Int8Weights perChannel(float[] weight, int out, int in, int limit) {
    if (weight.length != (long) out * in) {
      throw new IllegalArgumentException(
          "weight has " + weight.length + " values, expected " + out + " x " + in);
    }
    byte[] q = new byte[weight.length];
    float[] scales = new float[out];
    for (int o = 0; o < out; o++) {
      float max = 0;
      for (int i = 0; i < in; i++) {
        max = Math.max(max, Math.abs(weight[o * in + i]));
      }
      float scale = max == 0 ? 1f : max / limit;
      scales[o] = scale;
      for (int i = 0; i < in; i++) {
        int v = Math.round(weight[o * in + i] / scale);
        q[i * out + o] = (byte) Math.max(-limit, Math.min(limit, v));
      }
    }
    return new Int8Weights(q, scales, in, out);
  }

  /** The weight these integers stand for, {@code [out, in]} row-major (for tests). */
  float[] dequantized() {
    float[] w = new float[in * out];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        w[o * in + i] = scales[o] * transposed[i * out + o];
      }
    }
    return w;
  }
}
