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
 * @param truncateDim the Matryoshka width the embeddings are cut to ({@code truncate_dim} of {@code
 *     config_sentence_transformers.json}, or {@code --truncate-dim}); 0 keeps the full {@link
 *     #dimension()}. The cut comes before normalization: a model ending with Normalize gives unit
 *     vectors of this width, equal to sentence-transformers' {@code encode(truncate_dim=N,
 *     normalize_embeddings=True)}
 */
public record ModelSpec(
    String id,
    Path folder,
    TransformerSpec transformer,
    PoolingConfig pooling,
    List<OutputLayer> outputLayers,
    Prompts prompts,
    int truncateDim) {

  /**
   * Copies the layer list; null prompts mean none; a truncation to the full width means none.
   *
   * @throws IllegalArgumentException if {@code truncateDim} is not in 1..{@link #dimension()} (or
   *     0), naming the value and the model's width
   */
  public ModelSpec {
    outputLayers = List.copyOf(outputLayers);
    prompts = prompts == null ? Prompts.NONE : prompts;
    int full = fullDimension(pooling, outputLayers);
    if (truncateDim < 0 || truncateDim > full) {
      throw new IllegalArgumentException(
          "truncate dimension "
              + truncateDim
              + " is out of range for model "
              + id
              + ": its embeddings have "
              + full
              + " dimensions (1.."
              + full
              + ")");
    }
    truncateDim = truncateDim == full ? 0 : truncateDim;
  }

  /** A model without truncation. */
  public ModelSpec(
      String id,
      Path folder,
      TransformerSpec transformer,
      PoolingConfig pooling,
      List<OutputLayer> outputLayers,
      Prompts prompts) {
    this(id, folder, transformer, pooling, outputLayers, prompts, 0);
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

  /** Width of the model's own sentence embedding, before any {@link #truncateDim()}. */
  public int dimension() {
    return fullDimension(pooling, outputLayers);
  }

  /**
   * Width of the embeddings given out: {@link #truncateDim()} when set, else {@link #dimension()}.
   */
  public int embeddingDimension() {
    return truncateDim > 0 ? truncateDim : dimension();
  }

  /**
   * A copy whose embeddings are cut to {@code value} dimensions (0, or the full width, for none).
   *
   * @throws IllegalArgumentException if {@code value} is not in 1..{@link #dimension()}
   */
  public ModelSpec withTruncateDim(int value) {
    return new ModelSpec(id, folder, transformer, pooling, outputLayers, prompts, value);
  }

  private static int fullDimension(PoolingConfig pooling, List<OutputLayer> outputLayers) {
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
