package io.semsearch.encoder.model.onnx;

import java.util.List;
import java.util.Objects;

/**
 * One operator of an ONNX graph ({@code NodeProto}), reduced to what weight import needs.
 *
 * @param name the node's name, e.g. {@code /encoder/layer.0/attention/self/query/MatMul}; may be
 *     empty
 * @param opType the operator, e.g. {@code MatMul}
 * @param inputs names of the values it reads, in operand order (an empty name is an omitted input)
 * @param outputs names of the values it writes
 */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs) {

  /** Copies the lists. */
  public OnnxNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(opType, "opType");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
