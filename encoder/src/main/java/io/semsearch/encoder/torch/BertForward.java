package io.semsearch.encoder.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import io.semsearch.encoder.model.Activation;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.PoolingConfig;
import io.semsearch.encoder.model.RelativePositionBuckets;
import java.nio.LongBuffer;
import java.util.List;

/**
 * The forward pass of a sentence-transformers BERT model on a {@link PackedBatch}: embeddings, the
 * encoder layers, pooling and the output modules. RoBERTa, XLM-RoBERTa and MPNet run it too: the
 * batch carries their offset position ids, the token type row is left out where the {@link
 * io.semsearch.encoder.model.Architecture} has none, and MPNet's relative position bias {@code [1,
 * heads, L, L]}, looked up once per batch, is added to every layer's scores after the mask's bias
 * (kept apart, since their sum would hold {@code B x heads x L x L} values through all layers).
 * Inference ({@link BertSentenceModel}) and training ({@link TrainableSentenceModel}) both run this
 * one pass; they differ only in the arrays they hand it, which are read-only weights for inference
 * and, for training, arrays derived in the step's scope from parameters that record gradients.
 *
 * <p>Every op is called on an activation (never on a weight), so results land in the batch's
 * manager. The few in-place adds act on fresh results that no backward function reads (the outputs
 * of embedding lookups, matrix products and linear maps), so autograd accepts them.
 *
 * @param config the BERT configuration
 * @param pooling the Pooling module (null for a cross-encoder, which reads the {@code [CLS]} state)
 * @param dataType the weights' type; the attention mask is built in it
 * @param weights the arrays the pass reads
 */
record BertForward(
    BertConfig config, PoolingConfig pooling, DataType dataType, BertWeights weights) {

  /** LayerNorm scale and shift. */
  record LayerNormWeights(NDArray weight, NDArray bias) {}

  /** A linear map {@code x W^T + b}; the bias may be null. */
  record Linear(NDArray weight, NDArray bias) {
    NDArray apply(NDArray x) {
      return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }
  }

  /**
   * One encoder layer. {@code qkv} is the query, key and value projections stacked into one {@code
   * [3H, H]} map, with the attention scale {@code 1/sqrt(head size)} folded into the query rows.
   */
  record EncoderLayer(
      Linear qkv,
      Linear attentionOutput,
      LayerNormWeights attentionNorm,
      Linear intermediate,
      Linear output,
      LayerNormWeights outputNorm) {}

  /** A module after pooling: maps pooled vectors {@code [B, D]} to {@code [B, D']}. */
  sealed interface OutputStage permits DenseStage, NormalizeStage {
    NDArray apply(NDArray pooled);
  }

  /** A Dense module: its linear map, then its activation. */
  record DenseStage(Activation activation, Linear linear) implements OutputStage {
    @Override
    public NDArray apply(NDArray pooled) {
      return ActivationOps.apply(activation, linear.apply(pooled));
    }
  }

  /** A Normalize module: {@code x / max(||x||, 1e-12)} per row. */
  record NormalizeStage() implements OutputStage {
    @Override
    public NDArray apply(NDArray pooled) {
      return pooled.div(pooled.norm(new int[] {1}, true).maximum(1e-12f));
    }
  }

  /**
   * The arrays of the pass.
   *
   * @param wordEmbeddings {@code [vocab, H]}
   * @param positionEmbeddings {@code [positions, H]}
   * @param tokenTypeRow row 0 of the token-type table, {@code [H]} (every token has type 0); null
   *     for an architecture without token types
   * @param relativeBias the relative attention bias table {@code [buckets, heads]} shared by all
   *     layers; null for an architecture without one
   * @param embeddingNorm the LayerNorm after the embeddings
   * @param layers the encoder layers in order
   * @param outputStages the modules after pooling in order
   */
  record BertWeights(
      NDArray wordEmbeddings,
      NDArray positionEmbeddings,
      NDArray tokenTypeRow,
      NDArray relativeBias,
      LayerNormWeights embeddingNorm,
      List<EncoderLayer> layers,
      List<OutputStage> outputStages) {}

  /**
   * Checks that every sequence fits the position table.
   *
   * @throws IllegalArgumentException naming the length and the limit
   */
  void checkLengths(List<long[]> sequences) {
    for (long[] s : sequences) {
      if (s.length > config.maxTokens()) {
        throw new IllegalArgumentException(
            "sequence of "
                + s.length
                + " tokens exceeds max_position_embeddings "
                + config.maxPositionEmbeddings()
                + (config.maxTokens() == config.maxPositionEmbeddings()
                    ? ""
                    : " less the first position " + config.architecture().firstPosition()));
      }
    }
  }

  /**
   * Sentence embeddings {@code [B, D]} of a packed batch, in the batch's manager.
   *
   * @param poolingMask the mask pooling averages over, {@code [B, L]}: the batch's attention mask,
   *     or one with a prompt's positions zeroed
   */
  NDArray embed(PackedBatch packed, NDArray poolingMask) {
    NDArray hidden = packed.toPadded(encode(packed), config.hiddenSize());
    NDArray pooled = PoolingOps.pool(pooling, hidden, packed.mask(), poolingMask);
    for (OutputStage stage : weights.outputStages()) {
      pooled = stage.apply(pooled);
    }
    return pooled;
  }

  /**
   * The {@code [CLS]} rows of the last hidden states of a batch of sentence pairs ({@link
   * PackedBatch#ofPairs}), {@code [B, H]}: the encoder with each token's type looked up in {@code
   * tokenTypeTable} ({@code [types, H]}) instead of every token having type 0.
   */
  NDArray pairClsStates(PackedBatch packed, NDArray tokenTypeTable) {
    NDArray hidden = encode(packed, embedding(packed.typeIds(), tokenTypeTable));
    return packed.toPadded(hidden, config.hiddenSize()).get(":, 0, :");
  }

  /** The BERT encoder on packed tokens: ids {@code [T]} to last hidden states {@code [T, H]}. */
  private NDArray encode(PackedBatch packed) {
    return encode(packed, weights.tokenTypeRow());
  }

  /**
   * The encoder with token-type embeddings {@code tokenTypes}: one row {@code [H]} for all tokens,
   * one per token {@code [T, H]}, or null for an architecture without token types (MPNet).
   */
  private NDArray encode(PackedBatch packed, NDArray tokenTypes) {
    NDArray x =
        embedding(packed.ids(), weights.wordEmbeddings())
            .addi(embedding(packed.positions(), weights.positionEmbeddings()));
    if (tokenTypes != null) {
      x.addi(tokenTypes);
    }
    x = norm(x, weights.embeddingNorm());
    // Additive attention bias [B, 1, 1, L]: 0 where attended, the type's lowest value where padded.
    float lowest = dataType == DataType.FLOAT16 ? -65504f : -Float.MAX_VALUE;
    NDArray bias =
        packed
            .mask()
            .neg()
            .add(1f)
            .mul(lowest)
            .toType(dataType, false)
            .reshape(packed.batch(), 1, 1, packed.length());
    NDArray positionBias = weights.relativeBias() == null ? null : relativeBias(packed);
    NDManager scope = x.getManager();
    for (EncoderLayer layer : weights.layers()) {
      try (NDManager layerScope = scope.newSubManager()) {
        x.tempAttach(layerScope);
        NDArray next = encoderLayer(layer, x, bias, positionBias, packed);
        next.attach(scope);
        x = next;
      }
    }
    return x;
  }

  /**
   * One post-LayerNorm transformer block on packed tokens {@code [T, H]}: fused QKV projection,
   * masked softmax attention per head in the padded layout (with MPNet's position bias when not
   * null), output projection + residual + LayerNorm, feed-forward + residual + LayerNorm.
   */
  private NDArray encoderLayer(
      EncoderLayer layer, NDArray x, NDArray bias, NDArray positionBias, PackedBatch packed) {
    int h = config.hiddenSize();
    int heads = config.numHeads();
    int headSize = config.headSize();
    long batch = packed.batch();
    long length = packed.length();
    // [T, 3H] -> [B, L, 3H] -> [3, B, heads, L, headSize]
    NDArray qkv =
        packed
            .toPadded(layer.qkv().apply(x), 3 * h)
            .reshape(batch, length, 3, heads, headSize)
            .transpose(2, 0, 3, 1, 4);
    NDArray q = qkv.get(0);
    NDArray k = qkv.get(1);
    NDArray v = qkv.get(2);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).addi(bias);
    if (positionBias != null) {
      scores.addi(positionBias);
    }
    NDArray probs = scores.softmax(-1);
    NDArray context =
        packed.toPacked(probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch * length, h));
    // In-place residual adds (addi) on fresh results save an allocation each.
    NDArray attended = norm(layer.attentionOutput().apply(context).addi(x), layer.attentionNorm());
    NDArray inner = ActivationOps.apply(config.hiddenAct(), layer.intermediate().apply(attended));
    return norm(layer.output().apply(inner).addi(attended), layer.outputNorm());
  }

  /**
   * MPNet's relative position bias {@code [1, heads, L, L]}: for query {@code q} and key {@code k},
   * the table's row for the bucket of {@code k - q}. Every sequence of the batch starts at slot 0
   * of the padded layout, so one {@code L x L} bucket table serves them all; slots past a
   * sequence's end are masked anyway.
   */
  private NDArray relativeBias(PackedBatch packed) {
    int length = packed.length();
    NDArray buckets =
        packed
            .mask()
            .getManager()
            .create(
                LongBuffer.wrap(RelativePositionBuckets.table(length)),
                new Shape((long) length * length));
    return embedding(buckets, weights.relativeBias())
        .reshape(length, length, config.numHeads())
        .transpose(2, 0, 1)
        .reshape(1, config.numHeads(), length, length);
  }

  private NDArray norm(NDArray x, LayerNormWeights w) {
    return x.getNDArrayInternal()
        .layerNorm(
            x, new Shape(config.hiddenSize()), w.weight(), w.bias(), (float) config.layerNormEps())
        .singletonOrThrow();
  }

  private static NDArray embedding(NDArray ids, NDArray table) {
    NDList out = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE);
    return out.singletonOrThrow();
  }
}
