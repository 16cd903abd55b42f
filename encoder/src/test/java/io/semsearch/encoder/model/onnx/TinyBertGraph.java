package io.semsearch.encoder.model.onnx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny BERT encoder graph laid out like a {@code torch.onnx} export (named embeddings, biases and
 * LayerNorms; anonymous {@code onnx::MatMul_*} weights stored [in, out]), which tests can alter
 * before building the ONNX bytes. Only the nodes that matter to import are present.
 */
final class TinyBertGraph {

  static final int HIDDEN = 4;
  static final int INTERMEDIATE = 8;
  static final int VOCAB = 10;
  static final int POSITIONS = 16;
  static final int TYPES = 2;
  static final int LAYERS = 2;

  record Init(String name, long[] dims, int dataType) {}

  record Node(String name, String opType, List<String> inputs) {}

  final Map<String, Init> initializers = new LinkedHashMap<>();
  final List<Node> nodes = new ArrayList<>();
  private final String prefix;
  private int anonymous = 780;

  /** Builds the graph; {@code prefix} is "" or "bert." and applies to names and node paths. */
  TinyBertGraph(String prefix) {
    this.prefix = prefix;
    initializers.put(
        prefix + "embeddings.position_ids",
        new Init(prefix + "embeddings.position_ids", new long[] {1, POSITIONS}, 7));
    named("embeddings.word_embeddings.weight", VOCAB, HIDDEN);
    named("embeddings.position_embeddings.weight", POSITIONS, HIDDEN);
    named("embeddings.token_type_embeddings.weight", TYPES, HIDDEN);
    named("embeddings.LayerNorm.weight", HIDDEN);
    named("embeddings.LayerNorm.bias", HIDDEN);
    for (int l = 0; l < LAYERS; l++) {
      String p = "encoder.layer." + l + ".";
      linear(p + "attention.self.query", HIDDEN, HIDDEN);
      linear(p + "attention.self.key", HIDDEN, HIDDEN);
      linear(p + "attention.self.value", HIDDEN, HIDDEN);
      linear(p + "attention.output.dense", HIDDEN, HIDDEN);
      named(p + "attention.output.LayerNorm.weight", HIDDEN);
      named(p + "attention.output.LayerNorm.bias", HIDDEN);
      linear(p + "intermediate.dense", HIDDEN, INTERMEDIATE);
      nodes.add(
          new Node(nodePath(p + "intermediate.intermediate_act_fn") + "/Erf", "Erf", List.of("x")));
      linear(p + "output.dense", INTERMEDIATE, HIDDEN);
      named(p + "output.LayerNorm.weight", HIDDEN);
      named(p + "output.LayerNorm.bias", HIDDEN);
    }
    String constant = "onnx::Add_999";
    initializers.put(constant, new Init(constant, new long[] {}, 1));
    nodes.add(new Node("/encoder/layer.0/attention/self/Div", "Div", List.of("x", constant)));
  }

  private void named(String name, long... dims) {
    initializers.put(prefix + name, new Init(prefix + name, dims, 1));
  }

  private void linear(String module, int in, int out) {
    String weight = "onnx::MatMul_" + anonymous++;
    initializers.put(weight, new Init(weight, new long[] {in, out}, 1));
    String path = nodePath(module);
    nodes.add(new Node(path + "/MatMul", "MatMul", List.of(path + "/input", weight)));
    named(module + ".bias", out);
    nodes.add(
        new Node(
            path + "/Add", "Add", List.of(prefix + module + ".bias", path + "/MatMul_output_0")));
  }

  /** The exporter's node path of a module: {@code /encoder/layer.0/attention/self/query}. */
  String nodePath(String module) {
    return "/" + (prefix + module).replace('.', '/').replaceAll("layer/(\\d+)", "layer.$1");
  }

  /** Returns the name of the anonymous weight that the MatMul node of {@code module} reads. */
  String matMulWeightOf(String module) {
    String nodeName = nodePath(module) + "/MatMul";
    return nodes.stream()
        .filter(n -> n.name().equals(nodeName))
        .findFirst()
        .orElseThrow()
        .inputs()
        .get(1);
  }

  /**
   * Serializes the graph as an ONNX ModelProto; float values are {@code index * 0.01 + k} per
   * tensor.
   */
  byte[] toOnnx() {
    ProtoBytes graph = new ProtoBytes().string(2, "tiny");
    for (Node n : nodes) {
      ProtoBytes node = new ProtoBytes();
      for (String in : n.inputs()) {
        node.string(1, in);
      }
      graph.message(
          1, node.string(2, n.name() + "_output_0").string(3, n.name()).string(4, n.opType()));
    }
    int k = 0;
    for (Init init : initializers.values()) {
      long count = 1;
      for (long d : init.dims()) {
        count *= d;
      }
      ProtoBytes tensor =
          new ProtoBytes()
              .packedVarints(1, init.dims())
              .varint(2, init.dataType())
              .string(8, init.name());
      if (init.dataType() == 1) {
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
          values[i] = i * 0.01f + k;
        }
        tensor.bytes(9, ProtoBytes.floatBytes(values));
      } else {
        tensor.bytes(9, new byte[(int) count * (init.dataType() == 7 ? 8 : 1)]);
      }
      graph.message(5, tensor);
      k++;
    }
    return new ProtoBytes()
        .varint(1, 8)
        .string(2, "pytorch")
        .string(3, "2.0.1")
        .message(7, graph)
        .toByteArray();
  }

  OnnxModel parse() throws Exception {
    return OnnxReader.parse(ByteBuffer.wrap(toOnnx()), "tiny.onnx");
  }
}
