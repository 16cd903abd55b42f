package io.semsearch.encoder.model;

import java.nio.file.Path;

/** A module applied to the pooled sentence vector: a Dense layer or L2 normalization. */
public sealed interface OutputLayer permits OutputLayer.Dense, OutputLayer.Normalize {

  /** Width of this layer's output given the width of its input. */
  int outputDimension(int inputDimension);

  /**
   * A sentence-transformers Dense module: {@code activation(x W^T + b)}.
   *
   * @param inFeatures input width
   * @param outFeatures output width
   * @param bias whether the layer adds a bias
   * @param activation the activation applied after the linear map
   * @param weights the module's {@code model.safetensors} ({@code linear.weight}, {@code
   *     linear.bias})
   */
  record Dense(int inFeatures, int outFeatures, boolean bias, Activation activation, Path weights)
      implements OutputLayer {
    @Override
    public int outputDimension(int inputDimension) {
      return outFeatures;
    }
  }

  /** A sentence-transformers Normalize module: {@code x / max(||x||, 1e-12)}. */
  record Normalize() implements OutputLayer {
    @Override
    public int outputDimension(int inputDimension) {
      return inputDimension;
    }
  }
}
