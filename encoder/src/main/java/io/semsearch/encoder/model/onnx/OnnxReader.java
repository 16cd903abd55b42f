package io.semsearch.encoder.model.onnx;

import io.semsearch.encoder.model.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX model file's top-level graph: its nodes and initializers. Everything else (opset
 * imports, value infos, node attributes, subgraphs, metadata) is skipped.
 *
 * <p>The file is memory-mapped, or parsed from a buffer the caller already holds; initializer data
 * stays a view of those bytes until decoded, so a 90 MB model is never copied whole on the heap.
 *
 * <p>Field numbers follow {@code onnx.proto}: {@code ModelProto} producer_name 2, producer_version
 * 3, graph 7; {@code GraphProto} node 1, initializer 5; {@code NodeProto} input 1, output 2, name
 * 3, op_type 4; {@code TensorProto} dims 1, data_type 2, float_data 4, int64_data 7, name 8,
 * raw_data 9, data_location 14.
 */
public final class OnnxReader {

  private static final int EXTERNAL = 1;

  private OnnxReader() {}

  /**
   * Reads a model file.
   *
   * @throws ModelFormatException if the file is not a valid ONNX protobuf; the message names it
   * @throws IOException if the file can't be read
   */
  public static OnnxModel read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new ModelFormatException(
            file + ": " + size + " bytes; ONNX files over 2 GiB (external data) are not supported");
      }
      return parse(channel.map(FileChannel.MapMode.READ_ONLY, 0, size), file.toString());
    }
  }

  /**
   * Parses a model from the bytes between {@code bytes}' position and limit. The returned model's
   * initializers are views of {@code bytes}, which must not be changed while the model is in use.
   *
   * @param source where the bytes came from, for messages
   * @throws ModelFormatException if the bytes are not a valid ONNX protobuf or hold no graph
   */
  public static OnnxModel parse(ByteBuffer bytes, String source) throws ModelFormatException {
    try {
      String producerName = "";
      String producerVersion = "";
      Graph graph = null;
      ProtobufReader model = new ProtobufReader(bytes);
      while (model.hasRemaining()) {
        switch (model.nextField()) {
          case 2 -> producerName = model.readString();
          case 3 -> producerVersion = model.readString();
          case 7 -> graph = readGraph(model.readMessage(), source);
          default -> model.skip();
        }
      }
      if (graph == null) {
        throw new ModelFormatException(source + ": not an ONNX model (no graph)");
      }
      String producer = (producerName + " " + producerVersion).strip();
      return new OnnxModel(source, producer, graph.nodes, graph.initializers);
    } catch (ProtobufException e) {
      throw new ModelFormatException(
          source + ": not a valid ONNX file (" + e.getMessage() + ")", e);
    }
  }

  private record Graph(List<OnnxNode> nodes, Map<String, OnnxInitializer> initializers) {}

  private static Graph readGraph(ProtobufReader graph, String source)
      throws ProtobufException, ModelFormatException {
    List<OnnxNode> nodes = new ArrayList<>();
    Map<String, OnnxInitializer> initializers = new LinkedHashMap<>();
    while (graph.hasRemaining()) {
      switch (graph.nextField()) {
        case 1 -> nodes.add(readNode(graph.readMessage()));
        case 5 -> {
          long offset = graph.offset();
          OnnxInitializer init = readTensor(graph.readMessage());
          if (initializers.putIfAbsent(init.name(), init) != null) {
            throw new ModelFormatException(
                source
                    + ": initializer '"
                    + init.name()
                    + "' is defined twice (second at byte "
                    + offset
                    + ")");
          }
        }
        default -> graph.skip();
      }
    }
    return new Graph(nodes, initializers);
  }

  private static OnnxNode readNode(ProtobufReader node) throws ProtobufException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String opType = "";
    while (node.hasRemaining()) {
      switch (node.nextField()) {
        case 1 -> inputs.add(node.readString());
        case 2 -> outputs.add(node.readString());
        case 3 -> name = node.readString();
        case 4 -> opType = node.readString();
        default -> node.skip();
      }
    }
    return new OnnxNode(name, opType, inputs, outputs);
  }

  private static OnnxInitializer readTensor(ProtobufReader tensor) throws ProtobufException {
    LongList dims = new LongList();
    FloatList floats = null;
    ByteBuffer raw = null;
    String name = "";
    int dataType = 0;
    boolean external = false;
    while (tensor.hasRemaining()) {
      switch (tensor.nextField()) {
        case 1 -> tensor.readVarints(dims::add);
        case 2 -> dataType = (int) tensor.readVarint();
        case 4 -> {
          if (floats == null) {
            floats = new FloatList();
          }
          if (tensor.wireType() == ProtobufReader.FIXED32) {
            floats.add(tensor.readFloat());
          } else {
            floats.addAll(tensor.readBytes());
          }
        }
        case 8 -> name = tensor.readString();
        case 9 -> raw = tensor.readBytes();
        case 14 -> external = tensor.readVarint() == EXTERNAL;
        default -> tensor.skip(); // int64_data (7) and the other typed fields are never decoded
      }
    }
    return new OnnxInitializer(
        name, dims.toArray(), dataType, raw, floats == null ? null : floats.toArray(), external);
  }

  /** A growable long array, to avoid boxing dims. */
  private static final class LongList {
    private long[] values = new long[4];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /** A growable float array for {@code float_data}, packed or not. */
  private static final class FloatList {
    private float[] values = new float[16];
    private int size;

    void add(float v) {
      ensure(1);
      values[size++] = v;
    }

    void addAll(ByteBuffer packed) throws ProtobufException {
      if (packed.remaining() % 4 != 0) {
        throw new ProtobufException(
            "packed float_data of " + packed.remaining() + " bytes is not a multiple of 4");
      }
      int n = packed.remaining() / 4;
      ensure(n);
      packed.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, size, n);
      size += n;
    }

    private void ensure(int n) {
      if (size + n > values.length) {
        values = Arrays.copyOf(values, Math.max(values.length * 2, size + n));
      }
    }

    float[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
