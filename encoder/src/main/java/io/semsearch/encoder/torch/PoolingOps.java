package io.semsearch.encoder.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.semsearch.encoder.model.PoolingConfig;

/**
 * Sentence-transformers pooling on a padded batch: token embeddings {@code [B, L, H]} and an
 * attention mask {@code [B, L]} of ones and zeros (right padding) become {@code [B, H * modes]}.
 * Modes are concatenated in sentence-transformers' order: cls, max, mean, mean_sqrt_len,
 * weightedmean, lasttoken.
 */
final class PoolingOps {

  private PoolingOps() {}

  static NDArray pool(PoolingConfig config, NDArray tokens, NDArray mask) {
    return pool(config, tokens, mask, mask);
  }

  /**
   * Pools with {@code poolingMask} for the modes that average or compare over tokens (max, mean,
   * mean_sqrt_len, weightedmean) and the attention {@code mask} for the last token, as
   * sentence-transformers does when {@code include_prompt} is false: the prompt's tokens (and
   * {@code [CLS]}) are zeroed in the pooling mask only; cls pooling still takes position 0.
   */
  static NDArray pool(PoolingConfig config, NDArray tokens, NDArray mask, NDArray poolingMask) {
    NDArray maskE = poolingMask.expandDims(-1).toType(tokens.getDataType(), false);
    NDList parts = new NDList();
    if (config.cls()) {
      parts.add(tokens.get(new NDIndex(":, 0, :")));
    }
    if (config.max()) {
      // Padded positions get -1e9 so they never win, as in sentence-transformers.
      parts.add(maskE.sub(1f).mul(1e9f).add(tokens).max(new int[] {1}));
    }
    if (config.mean() || config.meanSqrtLen()) {
      NDArray sum = tokens.mul(maskE).sum(new int[] {1});
      NDArray count = maskE.sum(new int[] {1});
      if (config.mean()) {
        parts.add(sum.div(count.maximum(1e-9f)));
      }
      if (config.meanSqrtLen()) {
        parts.add(sum.div(count.sqrt()));
      }
    }
    if (config.weightedMean()) {
      long length = tokens.getShape().get(1);
      NDArray positions =
          tokens
              .getManager()
              .arange(1f, length + 1f, 1f, tokens.getDataType())
              .reshape(1, length, 1);
      NDArray weights = maskE.mul(positions);
      NDArray sum = tokens.mul(weights).sum(new int[] {1});
      parts.add(sum.div(weights.sum(new int[] {1}).maximum(1e-9f)));
    }
    if (config.lastToken()) {
      long length = tokens.getShape().get(1);
      NDArray last = mask.toType(DataType.INT64, false).sum(new int[] {1}, true).sub(1L);
      NDArray positions =
          tokens.getManager().arange(0L, length, 1L, DataType.INT64).reshape(1, length);
      NDArray select = positions.eq(last).toType(tokens.getDataType(), false).expandDims(-1);
      parts.add(tokens.mul(select).sum(new int[] {1}));
    }
    return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 1);
  }
}
