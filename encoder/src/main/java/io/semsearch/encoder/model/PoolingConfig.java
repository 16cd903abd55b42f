package io.semsearch.encoder.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A sentence-transformers Pooling module's {@code config.json}. Several modes may be on at once;
 * their vectors are concatenated in the order cls, max, mean, mean_sqrt_len, weightedmean,
 * lasttoken, as sentence-transformers does.
 *
 * @param wordEmbeddingDimension width of the token embeddings being pooled
 * @param cls the first token's embedding
 * @param max element-wise maximum over the attended tokens
 * @param mean average over the attended tokens
 * @param meanSqrtLen sum over the attended tokens divided by the square root of their count
 * @param weightedMean average weighted by position (1, 2, ... L)
 * @param lastToken the last attended token's embedding
 * @param includePrompt whether prompt tokens take part in pooling (only matters with a prompt)
 */
public record PoolingConfig(
    int wordEmbeddingDimension,
    boolean cls,
    boolean max,
    boolean mean,
    boolean meanSqrtLen,
    boolean weightedMean,
    boolean lastToken,
    boolean includePrompt) {

  /** Checks that at least one mode is on. */
  public PoolingConfig {
    if (!(cls || max || mean || meanSqrtLen || weightedMean || lastToken)) {
      throw new IllegalArgumentException("no pooling mode is enabled");
    }
  }

  /** Mean pooling alone, the most common configuration. */
  public static PoolingConfig meanOf(int dimension) {
    return new PoolingConfig(dimension, false, false, true, false, false, false, true);
  }

  /** Number of enabled modes. */
  public int modeCount() {
    int n = 0;
    for (boolean b : new boolean[] {cls, max, mean, meanSqrtLen, weightedMean, lastToken}) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** Width of the pooled vector: the token width times the number of modes. */
  public int outputDimension() {
    return wordEmbeddingDimension * modeCount();
  }

  /**
   * Parses a Pooling module's config.json with sentence-transformers' defaults: a {@code
   * pooling_mode} string wins over the boolean keys, and mean pooling is on unless turned off.
   */
  public static PoolingConfig fromJson(JsonNode json, int hiddenSize, Path file)
      throws ModelFormatException {
    int dimension = json.path("word_embedding_dimension").asInt(hiddenSize);
    if (dimension != hiddenSize) {
      throw new ModelFormatException(
          file
              + ": word_embedding_dimension "
              + dimension
              + " does not match the transformer's hidden_size "
              + hiddenSize);
    }
    boolean includePrompt = json.path("include_prompt").asBoolean(true);
    // As in sentence-transformers: a non-null pooling_mode string overrides the boolean keys, and
    // pooling_mode_mean_tokens defaults to true when absent.
    if (json.hasNonNull("pooling_mode")) {
      String mode = json.get("pooling_mode").asText();
      return switch (mode.toLowerCase(Locale.ROOT)) {
        case "cls" ->
            new PoolingConfig(dimension, true, false, false, false, false, false, includePrompt);
        case "max" ->
            new PoolingConfig(dimension, false, true, false, false, false, false, includePrompt);
        case "mean" ->
            new PoolingConfig(dimension, false, false, true, false, false, false, includePrompt);
        case "mean_sqrt_len_tokens" ->
            new PoolingConfig(dimension, false, false, false, true, false, false, includePrompt);
        case "weightedmean" ->
            new PoolingConfig(dimension, false, false, false, false, true, false, includePrompt);
        case "lasttoken" ->
            new PoolingConfig(dimension, false, false, false, false, false, true, includePrompt);
        default ->
            throw new ModelFormatException(file + ": unsupported pooling_mode '" + mode + "'");
      };
    }
    try {
      return new PoolingConfig(
          dimension,
          json.path("pooling_mode_cls_token").asBoolean(false),
          json.path("pooling_mode_max_tokens").asBoolean(false),
          json.path("pooling_mode_mean_tokens").asBoolean(true),
          json.path("pooling_mode_mean_sqrt_len_tokens").asBoolean(false),
          json.path("pooling_mode_weightedmean_tokens").asBoolean(false),
          json.path("pooling_mode_lasttoken").asBoolean(false),
          includePrompt);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }
}
