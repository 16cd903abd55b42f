package io.semsearch.encoder.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an ONNX model (a {@code ModelProto}) node by node and writes it as bytes that ONNX Runtime
 * loads: the writing side of {@link OnnxReader}, for graphs generated from a model's weights.
 *
 * <p>Each node has one output, named automatically; {@link #node} returns that name for the next
 * nodes to use. Initializers are stored as little-endian {@code raw_data}. Graph inputs and outputs
 * carry their element type and their dimensions, numbers or symbolic names.
 *
 * <p>Field numbers are those of {@code onnx.proto} (IR version 8).
 */
public final class OnnxGraphBuilder {

  /** ONNX {@code TensorProto.DataType} FLOAT. */
  public static final int FLOAT = 1;

  /** ONNX {@code TensorProto.DataType} UINT8. */
  public static final int UINT8 = 2;

  /** ONNX {@code TensorProto.DataType} INT8. */
  public static final int INT8 = 3;

  /** ONNX {@code TensorProto.DataType} INT64. */
  public static final int INT64 = 7;

  /** Domain of ONNX Runtime's contrib operators. */
  public static final String MICROSOFT = "com.microsoft";

  private static final long IR_VERSION = 8;

  /** A node attribute: an int, a float, or a list of ints. */
  public record Attribute(String name, Long i, Float f, long[] ints) {

    /** An INT attribute. */
    public static Attribute of(String name, long value) {
      return new Attribute(name, value, null, null);
    }

    /** A FLOAT attribute. */
    public static Attribute of(String name, float value) {
      return new Attribute(name, null, value, null);
    }

    /** An INTS attribute. */
    public static Attribute ofInts(String name, long... values) {
      return new Attribute(name, null, null, values.clone());
    }

    ProtobufWriter write() {
      ProtobufWriter a = new ProtobufWriter().string(1, name);
      if (i != null) {
        a.varint(3, i).varint(20, 2);
      } else if (f != null) {
        a.float32(2, f).varint(20, 1);
      } else {
        a.packedVarints(8, ints).varint(20, 7);
      }
      return a;
    }
  }

  private final String name;
  private final List<ProtobufWriter> nodes = new ArrayList<>();
  private final List<ProtobufWriter> initializers = new ArrayList<>();
  private final List<ProtobufWriter> inputs = new ArrayList<>();
  private final List<ProtobufWriter> outputs = new ArrayList<>();
  private int counter;

  /** An empty graph called {@code name}. */
  public OnnxGraphBuilder(String name) {
    this.name = name;
  }

  /**
   * Declares a graph input; each dimension is a {@link Number} (fixed) or a {@link String}
   * (symbolic).
   *
   * @return its name
   */
  public String input(String inputName, int elemType, Object... dims) {
    inputs.add(valueInfo(inputName, elemType, dims));
    return inputName;
  }

  /** Makes {@code value} a graph output of the given type and dimensions. */
  public void output(String value, int elemType, Object... dims) {
    outputs.add(valueInfo(value, elemType, dims));
  }

  /** A float initializer of the given shape; returns its name. */
  public String floats(String tensorName, long[] dims, float[] data) {
    ByteBuffer raw = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(data);
    return initializer(tensorName, FLOAT, dims, raw.array());
  }

  /** An int64 initializer of the given shape; returns its name. */
  public String int64s(String tensorName, long[] dims, long... data) {
    ByteBuffer raw = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(data);
    return initializer(tensorName, INT64, dims, raw.array());
  }

  /** An int8 initializer of the given shape; returns its name. */
  public String int8s(String tensorName, long[] dims, byte[] data) {
    return initializer(tensorName, INT8, dims, data.clone());
  }

  /** A scalar float constant. */
  public String scalar(float value) {
    return floats("c" + counter++, new long[0], new float[] {value});
  }

  /** A 1-D int64 constant. */
  public String longs(long... values) {
    return int64s("c" + counter++, new long[] {values.length}, values);
  }

  private String initializer(String tensorName, int dataType, long[] dims, byte[] raw) {
    initializers.add(
        new ProtobufWriter()
            .packedVarints(1, dims)
            .varint(2, dataType)
            .string(8, tensorName)
            .bytes(9, raw));
    return tensorName;
  }

  /** Adds a node of the default ONNX domain; returns its output's name. */
  public String node(String opType, List<String> nodeInputs, Attribute... attributes) {
    return node("", opType, nodeInputs, attributes);
  }

  /**
   * Adds a node of {@code domain} ("" for the default ONNX domain); an empty input name leaves an
   * optional input out. Returns its output's name.
   */
  public String node(
      String domain, String opType, List<String> nodeInputs, Attribute... attributes) {
    return nodeWithOutputs(domain, opType, nodeInputs, 1, attributes).get(0);
  }

  /** Adds a node with {@code outputCount} outputs, as {@link #node} does; returns their names. */
  public List<String> nodeWithOutputs(
      String domain,
      String opType,
      List<String> nodeInputs,
      int outputCount,
      Attribute... attributes) {
    String base = opType.toLowerCase(java.util.Locale.ROOT) + "_" + counter++;
    ProtobufWriter n = new ProtobufWriter();
    for (String in : nodeInputs) {
      n.string(1, in);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < outputCount; i++) {
      String output = i == 0 ? base : base + "_" + i;
      names.add(output);
      n.string(2, output);
    }
    n.string(3, base).string(4, opType);
    for (Attribute a : attributes) {
      n.message(5, a.write());
    }
    if (!domain.isEmpty()) {
      n.string(7, domain);
    }
    nodes.add(n);
    return names;
  }

  /**
   * The model as bytes: this graph with imports of the default ONNX opset {@code opset} and of ONNX
   * Runtime's contrib domain (version 1).
   */
  public byte[] toModel(int opset, String producer) {
    ProtobufWriter graph = new ProtobufWriter();
    for (ProtobufWriter n : nodes) {
      graph.message(1, n);
    }
    graph.string(2, name);
    for (ProtobufWriter t : initializers) {
      graph.message(5, t);
    }
    for (ProtobufWriter i : inputs) {
      graph.message(11, i);
    }
    for (ProtobufWriter o : outputs) {
      graph.message(12, o);
    }
    return new ProtobufWriter()
        .varint(1, IR_VERSION)
        .string(2, producer)
        .message(7, graph)
        .message(8, new ProtobufWriter().string(1, "").varint(2, opset))
        .message(8, new ProtobufWriter().string(1, MICROSOFT).varint(2, 1))
        .toByteArray();
  }

  private static ProtobufWriter valueInfo(String valueName, int elemType, Object... dims) {
    ProtobufWriter shape = new ProtobufWriter();
    for (Object d : dims) {
      ProtobufWriter dim = new ProtobufWriter();
      if (d instanceof Number n) {
        dim.varint(1, n.longValue());
      } else {
        dim.string(2, d.toString());
      }
      shape.message(1, dim);
    }
    ProtobufWriter tensorType = new ProtobufWriter().varint(1, elemType).message(2, shape);
    return new ProtobufWriter()
        .string(1, valueName)
        .message(2, new ProtobufWriter().message(1, tensorType));
  }
}
