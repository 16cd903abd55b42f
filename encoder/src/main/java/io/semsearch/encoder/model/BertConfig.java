package io.semsearch.encoder.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * The parts of a Hugging Face encoder's {@code config.json} that the forward pass needs: the sizes,
 * which every supported family shares, and the {@link Architecture} that says where the family
 * departs from BERT.
 *
 * @param vocabSize rows of the word embedding table
 * @param hiddenSize width of every hidden state
 * @param numLayers transformer blocks
 * @param numHeads attention heads; must divide {@code hiddenSize}
 * @param intermediateSize width of the feed-forward layer
 * @param hiddenAct activation of the feed-forward layer ({@code gelu} is exact, erf-based)
 * @param layerNormEps epsilon of every LayerNorm
 * @param maxPositionEmbeddings rows of the position embedding table
 * @param typeVocabSize rows of the token type embedding table (0 for an architecture without one)
 * @param architecture the encoder family
 */
public record BertConfig(
    int vocabSize,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int intermediateSize,
    Activation hiddenAct,
    double layerNormEps,
    int maxPositionEmbeddings,
    int typeVocabSize,
    Architecture architecture) {

  /** A BERT configuration. */
  public BertConfig(
      int vocabSize,
      int hiddenSize,
      int numLayers,
      int numHeads,
      int intermediateSize,
      Activation hiddenAct,
      double layerNormEps,
      int maxPositionEmbeddings,
      int typeVocabSize) {
    this(
        vocabSize,
        hiddenSize,
        numLayers,
        numHeads,
        intermediateSize,
        hiddenAct,
        layerNormEps,
        maxPositionEmbeddings,
        typeVocabSize,
        new Architecture.Bert());
  }

  /** Validates the sizes. */
  public BertConfig {
    if (hiddenSize <= 0
        || numLayers <= 0
        || numHeads <= 0
        || intermediateSize <= 0
        || vocabSize <= 0) {
      throw new IllegalArgumentException("sizes must be positive: " + this);
    }
    if (hiddenSize % numHeads != 0) {
      throw new IllegalArgumentException(
          "hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + numHeads);
    }
    if (architecture == null) {
      throw new IllegalArgumentException("no architecture");
    }
    if (maxPositionEmbeddings <= architecture.firstPosition()) {
      throw new IllegalArgumentException(
          "max_position_embeddings "
              + maxPositionEmbeddings
              + " leaves no position after the first, "
              + architecture.firstPosition());
    }
  }

  /**
   * The longest sequence the position table takes: its rows from the architecture's first position
   * on (512 for BERT's 512 rows, 512 for RoBERTa's 514).
   */
  public int maxTokens() {
    return maxPositionEmbeddings - architecture.firstPosition();
  }

  /** Width of one attention head. */
  public int headSize() {
    return hiddenSize / numHeads;
  }

  /**
   * Parses {@code config.json}, refusing architectures other than those {@link Architecture}
   * describes.
   *
   * @param file the file the JSON came from, for messages
   */
  public static BertConfig fromJson(JsonNode json, Path file) throws ModelFormatException {
    String modelType = json.path("model_type").asText("");
    Architecture architecture;
    try {
      architecture =
          switch (modelType) {
            case "bert" -> new Architecture.Bert();
            case "roberta", "xlm-roberta" ->
                new Architecture.Roberta(modelType, json.path("pad_token_id").asInt(1));
            case "mpnet" ->
                new Architecture.MpNet(
                    json.path("relative_attention_num_buckets")
                        .asInt(RelativePositionBuckets.BUCKETS));
            default ->
                throw new ModelFormatException(
                    file
                        + ": unsupported architecture model_type '"
                        + modelType
                        + "' (semsearch runs model_type "
                        + SUPPORTED
                        + ")");
          };
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + modelType + ": " + e.getMessage(), e);
    }
    String positionType = json.path("position_embedding_type").asText("absolute");
    if (!positionType.equals("absolute")) {
      throw new ModelFormatException(
          file + ": unsupported position_embedding_type '" + positionType + "' (only 'absolute')");
    }
    String act = json.path("hidden_act").asText("gelu");
    Activation hiddenAct;
    try {
      hiddenAct = Activation.fromHiddenAct(act);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
    try {
      return new BertConfig(
          required(json, "vocab_size", file),
          required(json, "hidden_size", file),
          required(json, "num_hidden_layers", file),
          required(json, "num_attention_heads", file),
          required(json, "intermediate_size", file),
          hiddenAct,
          json.path("layer_norm_eps").asDouble(1e-12),
          json.path("max_position_embeddings").asInt(512),
          architecture.tokenTypes() ? json.path("type_vocab_size").asInt(2) : 0,
          architecture);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** The {@code model_type} values {@link #fromJson} accepts, for messages. */
  public static final String SUPPORTED = "'bert', 'roberta', 'xlm-roberta' and 'mpnet'";

  private static int required(JsonNode json, String field, Path file) throws ModelFormatException {
    JsonNode node = json.get(field);
    if (node == null || !node.canConvertToInt()) {
      throw new ModelFormatException(file + ": missing or invalid '" + field + "'");
    }
    return node.asInt();
  }
}
