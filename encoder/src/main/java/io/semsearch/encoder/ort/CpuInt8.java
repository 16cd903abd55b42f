package io.semsearch.encoder.ort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What this CPU needs of int8 weights. ONNX Runtime multiplies uint8 activations by int8 weights;
 * on x86 without VNNI its kernels add pairs of products in 16 bits, which can saturate with full
 * range weights (ONNX Runtime's own quantization guide advises a reduced range there). With VNNI
 * (and on ARM) sums are 32-bit and the full range is safe.
 */
final class CpuInt8 {

  private CpuInt8() {}

  /** 127 where full-range int8 weights are safe, else 63 (7 bits). */
  static int weightLimit() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!arch.contains("amd64") && !arch.contains("x86")) {
      return 127;
    }
    return hasVnni() ? 127 : 63;
  }

  private static boolean hasVnni() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags")) {
          return line.contains(" avx512_vnni") || line.contains(" avx_vnni");
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: assume no VNNI, which is safe everywhere
    }
    return false;
  }
}
