package io.semsearch.encoder.ort;

import io.semsearch.encoder.batch.PackedLayout;
import io.semsearch.encoder.model.PoolingConfig;
import io.semsearch.encoder.ort.BertOnnxGraph.LinearPooling;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-batch inputs of a {@link BertOnnxGraph}, as plain arrays with their shapes: the packed
 * ids and positions, the attention bias, the two row indices between the packed and padded layouts,
 * and the pooling weights of each enabled mode.
 */
final class PackedInputs {

  /** One input: a long or float array of the given shape. */
  record Input(long[] longs, float[] floats, long[] shape) {}

  /** The value attention adds for a padding slot: its softmax weight becomes 0. */
  private static final float MASKED = -Float.MAX_VALUE;

  /** What max pooling adds to rows outside the pooling mask, as sentence-transformers does. */
  private static final float MAX_POOLING_MASKED = -1e9f;

  private PackedInputs() {}

  /**
   * The inputs for {@code sequences}, the first {@code skips[b]} tokens of sequence {@code b} left
   * out of pooling (null for none), by graph input name in the order the graph declares them;
   * positions count from {@code firstPosition} in each sequence.
   */
  static Map<String, Input> of(
      List<long[]> sequences, int[] skips, PoolingConfig pooling, int firstPosition) {
    PackedLayout layout = PackedLayout.of(sequences);
    int batch = layout.batch();
    int length = layout.length();
    int tokens = layout.tokens();
    Map<String, Input> in = new LinkedHashMap<>();
    in.put(BertOnnxGraph.IDS, longs(layout.ids(sequences), tokens));
    in.put(BertOnnxGraph.POSITIONS, longs(layout.positions(firstPosition), tokens));
    float[] bias = layout.mask();
    for (int i = 0; i < bias.length; i++) {
      bias[i] = bias[i] == 1f ? 0f : MASKED;
    }
    in.put(BertOnnxGraph.ATTENTION_BIAS, new Input(null, bias, new long[] {batch, 1, 1, length}));
    in.put(BertOnnxGraph.SLOT_TO_TOKEN, longs(layout.slotToToken(), (long) batch * length));
    in.put(BertOnnxGraph.TOKEN_TO_SLOT, longs(layout.tokenToSlot(), tokens));
    in.put(BertOnnxGraph.BATCH_SHAPE, longs(new long[] {batch, length}, 2));
    if (pooling.cls()) {
      in.put(LinearPooling.CLS.input(), weights(layout, skips, LinearPooling.CLS));
    }
    if (pooling.max()) {
      float[] maxBias = new float[batch * length];
      Arrays.fill(maxBias, MAX_POOLING_MASKED);
      for (int b = 0; b < batch; b++) {
        Arrays.fill(
            maxBias, b * length + from(layout, skips, b), b * length + layout.length(b), 0f);
      }
      in.put(BertOnnxGraph.MAX_BIAS, new Input(null, maxBias, new long[] {batch, length, 1}));
    }
    if (pooling.mean()) {
      in.put(LinearPooling.MEAN.input(), weights(layout, skips, LinearPooling.MEAN));
    }
    if (pooling.meanSqrtLen()) {
      in.put(
          LinearPooling.MEAN_SQRT_LEN.input(), weights(layout, skips, LinearPooling.MEAN_SQRT_LEN));
    }
    if (pooling.weightedMean()) {
      in.put(
          LinearPooling.WEIGHTED_MEAN.input(), weights(layout, skips, LinearPooling.WEIGHTED_MEAN));
    }
    if (pooling.lastToken()) {
      in.put(LinearPooling.LAST_TOKEN.input(), weights(layout, skips, LinearPooling.LAST_TOKEN));
    }
    return in;
  }

  /**
   * The weights {@code P [B, T]} with which {@code P x hidden} is the pooling {@code mode}: the
   * pooled tokens of each sequence weighted as sentence-transformers weighs them.
   */
  static Input weights(PackedLayout layout, int[] skips, LinearPooling mode) {
    int tokens = layout.tokens();
    float[] p = new float[layout.batch() * tokens];
    for (int b = 0; b < layout.batch(); b++) {
      int row = b * tokens + layout.start(b);
      int len = layout.length(b);
      int from = from(layout, skips, b);
      int count = len - from;
      switch (mode) {
        case CLS -> p[row] = 1f;
        case LAST_TOKEN -> p[row + len - 1] = 1f;
        case MEAN -> Arrays.fill(p, row + from, row + len, 1f / Math.max(count, 1e-9f));
        case MEAN_SQRT_LEN -> Arrays.fill(p, row + from, row + len, (float) (1 / Math.sqrt(count)));
        case WEIGHTED_MEAN -> {
          float sum = 0;
          for (int t = from; t < len; t++) {
            sum += t + 1;
          }
          for (int t = from; t < len; t++) {
            p[row + t] = (t + 1) / Math.max(sum, 1e-9f);
          }
        }
      }
    }
    return new Input(null, p, new long[] {layout.batch(), tokens});
  }

  /** The first pooled token of sequence {@code b}: after its skipped prompt tokens. */
  private static int from(PackedLayout layout, int[] skips, int b) {
    return skips == null ? 0 : Math.min(skips[b], layout.length(b));
  }

  private static Input longs(long[] values, long size) {
    return new Input(values, null, new long[] {size});
  }
}
