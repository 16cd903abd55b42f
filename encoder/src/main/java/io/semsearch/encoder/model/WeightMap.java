package io.semsearch.encoder.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The tensors of one weights file, by name, found with or without the prefix a task model puts
 * before an encoder's names ({@code bert.}, {@code roberta.} or {@code mpnet.}).
 */
public final class WeightMap {
  private final Map<String, Tensor> tensors;
  private final Path file;

  private WeightMap(Map<String, Tensor> tensors, Path file) {
    this.tensors = tensors;
    this.file = file;
  }

  /** Reads every tensor of {@code file} (a safetensors file or a shard index). */
  public static WeightMap read(Path file) throws IOException {
    return new WeightMap(SafetensorsWeights.read(file), file);
  }

  /** Every tensor of the file by its own name, in file order. */
  public Map<String, Tensor> all() {
    return tensors;
  }

  /** The prefixes a task model's weight names may carry, one per {@link Architecture}. */
  private static final List<String> PREFIXES = List.of("bert.", "roberta.", "mpnet.");

  /**
   * The name the file gives the weight {@code name}: itself or with one of the task models'
   * prefixes.
   */
  public String fileName(String name) throws ModelFormatException {
    if (tensors.containsKey(name)) {
      return name;
    }
    for (String prefix : PREFIXES) {
      if (tensors.containsKey(prefix + name)) {
        return prefix + name;
      }
    }
    throw new ModelFormatException(file + ": missing weight " + name);
  }

  /**
   * The weight {@code name}, checked to have {@code shape}.
   *
   * @throws ModelFormatException if it is missing or has another shape, naming the file, the weight
   *     and both shapes
   */
  public Tensor get(String name, long... shape) throws ModelFormatException {
    Tensor t = tensors.get(fileName(name));
    if (!Arrays.equals(t.shape(), shape)) {
      throw new ModelFormatException(
          file
              + ": weight "
              + name
              + " has shape "
              + Arrays.toString(t.shape())
              + ", expected "
              + Arrays.toString(shape));
    }
    return t;
  }

  /**
   * The query, key and value projections of a BERT attention block fused into one {@code [3h, h]}
   * weight and one {@code [3h]} bias (rows: query, key, value), so that one matrix product gives
   * all three. The query's rows are multiplied by {@code queryScale} (1 / sqrt(head size)), which
   * moves the scaling of attention scores into the weights.
   *
   * @param selfPrefix the block's prefix, such as {@code encoder.layer.0.attention.self.}
   * @param h the hidden size
   * @throws ModelFormatException if a projection is missing or has another shape
   */
  public FusedProjection fusedQkv(String selfPrefix, int h, float queryScale)
      throws ModelFormatException {
    return fusedQkv(selfPrefix, "query", "key", "value", h, queryScale);
  }

  /**
   * The fused projection of encoder block {@code layerPrefix} (such as {@code encoder.layer.0.})
   * with its family's names for the three projections; see {@link #fusedQkv(String, int, float)}.
   */
  public FusedProjection fusedQkv(
      String layerPrefix, Architecture.LayerNames names, int h, float queryScale)
      throws ModelFormatException {
    return fusedQkv(layerPrefix, names.query(), names.key(), names.value(), h, queryScale);
  }

  private FusedProjection fusedQkv(
      String prefix, String query, String key, String value, int h, float queryScale)
      throws ModelFormatException {
    float[] weight =
        concat(
            scaled(get(prefix + query + ".weight", h, h).data(), queryScale),
            get(prefix + key + ".weight", h, h).data(),
            get(prefix + value + ".weight", h, h).data());
    float[] bias =
        concat(
            scaled(get(prefix + query + ".bias", h).data(), queryScale),
            get(prefix + key + ".bias", h).data(),
            get(prefix + value + ".bias", h).data());
    return new FusedProjection(
        new Tensor(prefix + "qkv.weight", new long[] {3L * h, h}, weight),
        new Tensor(prefix + "qkv.bias", new long[] {3L * h}, bias));
  }

  /**
   * A fused linear projection.
   *
   * @param weight {@code [out, in]}
   * @param bias {@code [out]}
   */
  public record FusedProjection(Tensor weight, Tensor bias) {}

  private static float[] scaled(float[] values, float scale) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i] * scale;
    }
    return out;
  }

  private static float[] concat(float[]... parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
