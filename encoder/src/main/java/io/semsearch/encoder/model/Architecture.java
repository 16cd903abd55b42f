package io.semsearch.encoder.model;

/**
 * The encoder family of a Transformer module, as {@code config.json}'s {@code model_type} names it.
 *
 * <p>Every family here is the same post-LayerNorm encoder (embeddings + LayerNorm, then blocks of
 * self-attention + residual + LayerNorm and feed-forward + residual + LayerNorm); they differ in
 * four places only (and in the prefix a task model puts before the weight names, which {@link
 * WeightMap} finds on its own), which this type describes so that one forward pass serves them all:
 *
 * <ul>
 *   <li>{@link #firstPosition()}: the position id of a sequence's first token. BERT counts from 0;
 *       RoBERTa, XLM-RoBERTa and MPNet count from {@code padding_idx + 1}, as Hugging Face's {@code
 *       create_position_ids_from_input_ids} does on a right-padded sequence ({@code cumsum(mask) *
 *       mask + padding_idx}). Positions restart at this value in every sequence of a batch.
 *   <li>{@link #tokenTypes()}: whether row 0 of {@code token_type_embeddings} is added to every
 *       token (BERT, and RoBERTa whose table has a single row); MPNet has no such table.
 *   <li>{@link #relativeAttentionBuckets()}: MPNet adds a learned bias, one table of {@code
 *       [buckets, heads]} shared by all layers, to every layer's attention scores, looked up by the
 *       bucket of the key's distance to the query ({@link RelativePositionBuckets}).
 *   <li>{@link #layerNames()}: the names of its attention weights.
 * </ul>
 */
public sealed interface Architecture {

  /** The {@code model_type} of {@code config.json}. */
  String modelType();

  /** The position id of each sequence's first token; the next tokens count up from it. */
  int firstPosition();

  /**
   * Whether row 0 of the token type table is added to every token's embedding: true unless the
   * family has no such table.
   */
  default boolean tokenTypes() {
    return true;
  }

  /** Rows of the relative attention bias table; 0 (the default) when attention has none. */
  default int relativeAttentionBuckets() {
    return 0;
  }

  /** The names of one encoder block's weights: BERT's unless the family names them otherwise. */
  default LayerNames layerNames() {
    return LayerNames.BERT;
  }

  /**
   * The names of the weights of encoder block {@code i} whose names differ between families, each
   * without its {@code .weight}/{@code .bias}; the feed-forward ones ({@code intermediate.dense},
   * {@code output.dense}, {@code output.LayerNorm}) are the same in every family.
   *
   * @param query the query projection, below {@code encoder.layer.i.}
   * @param key the key projection
   * @param value the value projection
   * @param attentionOutput the projection after attention
   * @param attentionNorm the LayerNorm after attention
   */
  record LayerNames(
      String query, String key, String value, String attentionOutput, String attentionNorm) {

    static final LayerNames BERT =
        new LayerNames(
            "attention.self.query",
            "attention.self.key",
            "attention.self.value",
            "attention.output.dense",
            "attention.output.LayerNorm");

    static final LayerNames MPNET =
        new LayerNames(
            "attention.attn.q",
            "attention.attn.k",
            "attention.attn.v",
            "attention.attn.o",
            "attention.LayerNorm");
  }

  /** BERT ({@code model_type} {@code bert}): positions from 0. */
  record Bert() implements Architecture {
    @Override
    public String modelType() {
      return "bert";
    }

    @Override
    public int firstPosition() {
      return 0;
    }
  }

  /**
   * RoBERTa or XLM-RoBERTa ({@code model_type} {@code roberta} or {@code xlm-roberta}, the same
   * network): BERT's weights and names, positions from {@code paddingIdx + 1}.
   *
   * @param modelType {@code roberta} or {@code xlm-roberta}
   * @param paddingIdx the {@code pad_token_id} of {@code config.json}
   */
  record Roberta(String modelType, int paddingIdx) implements Architecture {
    /** Validates the padding index. */
    public Roberta {
      if (paddingIdx < 0) {
        throw new IllegalArgumentException("pad_token_id must be >= 0, got " + paddingIdx);
      }
    }

    @Override
    public int firstPosition() {
      return paddingIdx + 1;
    }
  }

  /**
   * MPNet ({@code model_type} {@code mpnet}): positions from 2 (Hugging Face fixes its padding
   * index at 1 whatever the config says), no token types, and a relative position bias in every
   * layer's attention.
   *
   * @param relativeAttentionBuckets rows of {@code encoder.relative_attention_bias.weight}
   */
  record MpNet(int relativeAttentionBuckets) implements Architecture {
    /** MPNet's padding index, fixed in Hugging Face's {@code MPNetEmbeddings}. */
    public static final int PADDING_IDX = 1;

    /** Validates the bucket count. */
    public MpNet {
      if (relativeAttentionBuckets != RelativePositionBuckets.BUCKETS) {
        throw new IllegalArgumentException(
            "relative_attention_num_buckets must be "
                + RelativePositionBuckets.BUCKETS
                + " (the count MPNet's attention looks up), got "
                + relativeAttentionBuckets);
      }
    }

    @Override
    public String modelType() {
      return "mpnet";
    }

    @Override
    public int firstPosition() {
      return PADDING_IDX + 1;
    }

    @Override
    public boolean tokenTypes() {
      return false;
    }

    @Override
    public LayerNames layerNames() {
      return LayerNames.MPNET;
    }
  }
}
