package io.semsearch.encoder.torch.train;

import ai.djl.ndarray.NDArray;

/**
 * sentence-transformers' MSELoss: the mean over every element of {@code (embedding - target)^2}.
 */
public final class MseLoss {

  private MseLoss() {}

  /**
   * The loss, a scalar in {@code embeddings}' manager.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public static NDArray compute(NDArray embeddings, NDArray targets) {
    if (!embeddings.getShape().equals(targets.getShape())) {
      throw new IllegalArgumentException(
          "embeddings " + embeddings.getShape() + " and targets " + targets.getShape() + " differ");
    }
    return embeddings.sub(targets).square().mean();
  }
}
