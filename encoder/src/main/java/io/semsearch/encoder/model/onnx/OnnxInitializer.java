package io.semsearch.encoder.model.onnx;

import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A constant tensor of an ONNX graph ({@code TensorProto} in {@code GraphProto.initializer}), kept
 * undecoded: its {@code raw_data} stays a view of the model file until {@link #toTensor()} is
 * called, so tensors that are never used cost nothing and may have any data type.
 */
public final class OnnxInitializer {

  /** ONNX {@code TensorProto.DataType.FLOAT}. */
  public static final int FLOAT = 1;

  private static final List<String> TYPE_NAMES =
      List.of(
          "UNDEFINED",
          "FLOAT",
          "UINT8",
          "INT8",
          "UINT16",
          "INT16",
          "INT32",
          "INT64",
          "STRING",
          "BOOL",
          "FLOAT16",
          "DOUBLE",
          "UINT32",
          "UINT64",
          "COMPLEX64",
          "COMPLEX128",
          "BFLOAT16");

  private final String name;
  private final long[] dims;
  private final int dataType;
  private final ByteBuffer rawData;
  private final float[] floatData;
  private final boolean external;

  /**
   * Creates an initializer.
   *
   * @param rawData the {@code raw_data} bytes, or {@code null} if the tensor has none
   * @param floatData the {@code float_data} values, or {@code null} if the tensor has none
   * @param external whether the tensor's data lives in a separate file ({@code data_location =
   *     EXTERNAL})
   */
  OnnxInitializer(
      String name,
      long[] dims,
      int dataType,
      ByteBuffer rawData,
      float[] floatData,
      boolean external) {
    this.name = Objects.requireNonNull(name, "name");
    this.dims = dims.clone();
    this.dataType = dataType;
    this.rawData = rawData;
    this.floatData = floatData;
    this.external = external;
  }

  /** Returns the tensor's name in the graph. */
  public String name() {
    return name;
  }

  /** Returns the dimensions, outermost first (a copy). */
  public long[] dims() {
    return dims.clone();
  }

  /** Returns the ONNX data type code ({@link #FLOAT} is 1). */
  public int dataType() {
    return dataType;
  }

  /** Returns whether this is a float32 tensor. */
  public boolean isFloat() {
    return dataType == FLOAT;
  }

  /** Returns the data type's ONNX name, e.g. {@code INT64}. */
  public String dataTypeName() {
    return dataType >= 0 && dataType < TYPE_NAMES.size()
        ? TYPE_NAMES.get(dataType)
        : "type " + dataType;
  }

  /**
   * Decodes the values.
   *
   * @throws ModelFormatException if the tensor is not FLOAT, keeps its data in an external file, or
   *     has a data length that does not match its dims; the message names the tensor
   */
  public Tensor toTensor() throws ModelFormatException {
    if (dataType != FLOAT) {
      throw new ModelFormatException(
          "tensor "
              + name
              + " has data type "
              + dataTypeName()
              + " ("
              + dataType
              + "); only FLOAT (1) is supported");
    }
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new ModelFormatException("tensor " + name + " is too large (" + count + " values)");
    }
    float[] values;
    if (rawData != null) {
      if (rawData.remaining() != 4 * count) {
        throw new ModelFormatException(
            "tensor "
                + name
                + " has dims "
                + Arrays.toString(dims)
                + " ("
                + count
                + " floats) but "
                + rawData.remaining()
                + " bytes of raw_data");
      }
      values = new float[(int) count];
      rawData.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    } else if (floatData != null) {
      if (floatData.length != count) {
        throw new ModelFormatException(
            "tensor "
                + name
                + " has dims "
                + Arrays.toString(dims)
                + " ("
                + count
                + " floats) but "
                + floatData.length
                + " float_data values");
      }
      values = floatData.clone();
    } else if (external) {
      throw new ModelFormatException(
          "tensor " + name + " keeps its data in an external file, which is not supported");
    } else if (count == 0) {
      values = new float[0];
    } else {
      throw new ModelFormatException(
          "tensor " + name + " has dims " + Arrays.toString(dims) + " but no data");
    }
    return new Tensor(name, dims.clone(), values);
  }

  @Override
  public String toString() {
    return "OnnxInitializer[" + name + " " + dataTypeName() + " " + Arrays.toString(dims) + "]";
  }
}
