package io.semsearch.encoder.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A sentence-transformers model as read from its folder: transformer, pooling, then the output
 * layers in module order. Holds paths and configuration only; weights are read by the engine.
 *
 * @param id the model's name for people and for index metadata (a hub repo id or folder name)
 * @param folder the model folder
 * @param transformer the BERT encoder
 * @param pooling how token embeddings become one vector
 * @param outputLayers Dense and Normalize modules after pooling, in order
 * @param prompts the prompts of {@code config_sentence_transformers.json} (none for most models)
 */
public record ModelSpec(
    String id,
    Path folder,
    TransformerSpec transformer,
    PoolingConfig pooling,
    List<OutputLayer> outputLayers,
    Prompts prompts) {

  /** Copies the layer list; null prompts mean none. */
  public ModelSpec {
    outputLayers = List.copyOf(outputLayers);
    prompts = prompts == null ? Prompts.NONE : prompts;
  }

  /** A model without prompts. */
  public ModelSpec(
      String id,
      Path folder,
      TransformerSpec transformer,
      PoolingConfig pooling,
      List<OutputLayer> outputLayers) {
    this(id, folder, transformer, pooling, outputLayers, Prompts.NONE);
  }

  /** Width of the sentence embedding. */
  public int dimension() {
    int d = pooling.outputDimension();
    for (OutputLayer layer : outputLayers) {
      d = layer.outputDimension(d);
    }
    return d;
  }

  /**
   * Whether the last module is Normalize, so embeddings have unit length and dot product is cosine.
   */
  public boolean normalizes() {
    return !outputLayers.isEmpty()
        && outputLayers.get(outputLayers.size() - 1) instanceof OutputLayer.Normalize;
  }
}
