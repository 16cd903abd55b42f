package io.semsearch.encoder.model.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an ONNX model ({@code ModelProto}) that weight import needs: the top-level graph's
 * nodes and initializers. Read one with {@link OnnxReader}.
 *
 * @param source where the model came from (a file or resource), for messages
 * @param producer the exporter that wrote it, e.g. {@code pytorch 2.0.1}; empty if unrecorded
 * @param nodes the graph's nodes, in file order (ONNX requires topological order)
 * @param initializers the graph's initializers by name, in file order
 */
public record OnnxModel(
    String source,
    String producer,
    List<OnnxNode> nodes,
    Map<String, OnnxInitializer> initializers) {

  /** Copies the collections. */
  public OnnxModel {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(producer, "producer");
    nodes = List.copyOf(nodes);
    initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
  }
}
