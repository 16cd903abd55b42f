package io.semsearch.encoder.torch.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * sentence-transformers' MultipleNegativesRankingLoss with cosine similarity: for anchors {@code
 * a_1..a_B} and candidates {@code c_1..c_N} (the batch's positives, positive {@code i} at row
 * {@code i}, then any negatives), the mean over {@code i} of the cross-entropy of {@code scale *
 * cos(a_i, c_j)} over {@code j} with target {@code j = i}. Every other positive in the batch is a
 * negative for anchor {@code i}, so larger batches give a harder task.
 */
public final class MultipleNegativesRankingLoss {

  private MultipleNegativesRankingLoss() {}

  /**
   * The loss, a scalar in {@code anchors}' manager.
   *
   * @param anchors {@code [B, D]}
   * @param candidates {@code [N, D]} with {@code N >= B}, row {@code i < B} the positive of anchor
   *     {@code i}
   * @throws IllegalArgumentException if the shapes don't fit
   */
  public static NDArray compute(NDArray anchors, NDArray candidates, double scale) {
    long batch = anchors.getShape().get(0);
    long n = candidates.getShape().get(0);
    if (anchors.getShape().dimension() != 2
        || candidates.getShape().dimension() != 2
        || n < batch
        || anchors.getShape().get(1) != candidates.getShape().get(1)) {
      throw new IllegalArgumentException(
          "anchors "
              + anchors.getShape()
              + " and candidates "
              + candidates.getShape()
              + " don't fit");
    }
    NDArray scores =
        normalize(anchors).matMul(normalize(candidates).transpose()).mul((float) scale);
    float[] oneHot = new float[Math.toIntExact(batch * n)];
    for (int i = 0; i < batch; i++) {
      oneHot[i * (int) n + i] = 1f;
    }
    NDArray targets = anchors.getManager().create(oneHot, new Shape(batch, n));
    return scores.logSoftmax(1).mul(targets).sum().neg().div((float) batch);
  }

  /** {@code x / max(||x||, 1e-12)} per row, as torch.nn.functional.normalize. */
  static NDArray normalize(NDArray x) {
    return x.div(x.norm(new int[] {1}, true).maximum(1e-12f));
  }
}
