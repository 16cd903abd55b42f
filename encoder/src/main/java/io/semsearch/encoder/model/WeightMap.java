package io.semsearch.encoder.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** The tensors of one weights file, by name, found with or without a {@code bert.} prefix. */
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

  /** The name the file gives the weight {@code name}: itself or with a {@code bert.} prefix. */
  public String fileName(String name) throws ModelFormatException {
    if (tensors.containsKey(name)) {
      return name;
    }
    if (tensors.containsKey("bert." + name)) {
      return "bert." + name;
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
}
