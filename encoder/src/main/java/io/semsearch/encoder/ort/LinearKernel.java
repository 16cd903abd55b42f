package io.semsearch.encoder.ort;

/** How the generated graph computes the transformer's Linear layers {@code x W^T + b}. */
public enum LinearKernel {
  /**
   * Float32 {@code MatMul} and {@code Add}: the same numbers as the libtorch engine, which checks
   * the graph's wiring apart from quantization.
   */
  FP32,
  /**
   * ONNX Runtime's contrib op {@code DynamicQuantizeMatMul}: the activations quantized to uint8 per
   * batch (one scale and zero point per matrix), times int8 weights with one scale per output
   * channel, bias added in float. What ORT's own {@code quantize_dynamic} produces once fused.
   */
  DYNAMIC_QUANTIZE_MATMUL,
  /**
   * The same arithmetic from standard ONNX ops: {@code DynamicQuantizeLinear}, {@code
   * MatMulInteger}, then {@code Cast} and {@code Mul} by the two scales and {@code Add} of the
   * bias.
   */
  MATMUL_INTEGER
}
