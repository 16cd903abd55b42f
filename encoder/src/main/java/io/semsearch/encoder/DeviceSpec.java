package io.semsearch.encoder;

import java.util.Locale;

/**
 * Where the model runs: {@code auto} (the first GPU if the engine sees one, else the CPU), {@code
 * cpu}, or {@code gpu} / {@code gpu:N}.
 *
 * @param kind which kind of device
 * @param gpuIndex the GPU's index, for {@link Kind#GPU}
 */
public record DeviceSpec(Kind kind, int gpuIndex) {

  /** Device kinds. */
  public enum Kind {
    AUTO,
    CPU,
    GPU
  }

  /** The default: GPU when present, else CPU. */
  public static final DeviceSpec AUTO = new DeviceSpec(Kind.AUTO, 0);

  /** The CPU, whatever else the engine sees. */
  public static final DeviceSpec CPU = new DeviceSpec(Kind.CPU, 0);

  /** Checks the GPU index. */
  public DeviceSpec {
    if (gpuIndex < 0) {
      throw new IllegalArgumentException("GPU index must be at least 0, got: " + gpuIndex);
    }
  }

  /** Parses {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} (also {@code cuda:N}). */
  public static DeviceSpec parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "auto":
        return AUTO;
      case "cpu":
        return CPU;
      case "gpu":
      case "cuda":
        return new DeviceSpec(Kind.GPU, 0);
      default:
        break;
    }
    int colon = v.indexOf(':');
    if (colon > 0 && (v.startsWith("gpu:") || v.startsWith("cuda:"))) {
      try {
        return new DeviceSpec(Kind.GPU, Integer.parseInt(v.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "device must be auto, cpu, gpu or gpu:N, got: " + value, e);
      }
    }
    throw new IllegalArgumentException("device must be auto, cpu, gpu or gpu:N, got: " + value);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case AUTO -> "auto";
      case CPU -> "cpu";
      case GPU -> "gpu:" + gpuIndex;
    };
  }
}
