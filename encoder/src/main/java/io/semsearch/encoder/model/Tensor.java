package io.semsearch.encoder.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named dense float32 tensor held on the Java heap, in row-major order.
 *
 * <p>This is the exchange type between model files (safetensors, ONNX) and the engines that run
 * them; it carries no native memory.
 *
 * @param name the tensor's name, as in the model file (e.g. {@code
 *     encoder.layer.0.output.dense.weight})
 * @param shape the dimensions, outermost first
 * @param data the values in row-major order; its length is the product of {@code shape}
 */
public record Tensor(String name, long[] shape, float[] data) {

  /** Checks that the data length matches the shape. */
  public Tensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    long size = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "negative dimension in shape " + Arrays.toString(shape) + " of " + name);
      }
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          "tensor "
              + name
              + " has shape "
              + Arrays.toString(shape)
              + " ("
              + size
              + " values) but "
              + data.length
              + " values");
    }
  }

  /** Returns the number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Returns dimension {@code i}, as an int. */
  public int dim(int i) {
    return Math.toIntExact(shape[i]);
  }

  /** Returns the same values under another name. */
  public Tensor withName(String newName) {
    return new Tensor(newName, shape, data);
  }

  /** Returns the transpose of this 2-d tensor, under the same name. */
  public Tensor transpose2d() {
    if (rank() != 2) {
      throw new IllegalStateException(
          "transpose2d needs a 2-d tensor, " + name + " has shape " + Arrays.toString(shape));
    }
    int rows = dim(0);
    int cols = dim(1);
    float[] out = new float[data.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = data[r * cols + c];
      }
    }
    return new Tensor(name, new long[] {cols, rows}, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "Tensor[" + name + " " + Arrays.toString(shape) + "]";
  }
}
