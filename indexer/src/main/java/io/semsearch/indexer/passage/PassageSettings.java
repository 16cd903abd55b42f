package io.semsearch.indexer.passage;

/**
 * How long passages are and how much consecutive passages share.
 *
 * @param maxTokens most tokens of one passage as the model counts them, special tokens included
 *     (usually the model's {@code max_seq_length}); at least {@value #MIN_MAX_TOKENS}
 * @param overlapTokens about how many tokens at the end of a passage the next one repeats at its
 *     start, so that a sentence cut at a passage end is still seen whole or with its context; 0 for
 *     none, less than half of {@code maxTokens}
 */
public record PassageSettings(int maxTokens, int overlapTokens) {

  /**
   * Smallest {@code maxTokens}: room for the special tokens (two for BERT) and a few more, so that
   * a single character (at most four byte-level tokens) always fits.
   */
  public static final int MIN_MAX_TOKENS = 8;

  /**
   * Default overlap: 32 tokens, about one short sentence, or 12.5% of a 256-token window (the
   * window of all-MiniLM-L6-v2); {@link #of(int)} caps it at an eighth of smaller windows.
   */
  public static final int DEFAULT_OVERLAP_TOKENS = 32;

  /** Validates the values, naming the bad one. */
  public PassageSettings {
    if (maxTokens < MIN_MAX_TOKENS) {
      throw new IllegalArgumentException(
          "max tokens must be at least " + MIN_MAX_TOKENS + ", got: " + maxTokens);
    }
    if (overlapTokens < 0 || 2 * (long) overlapTokens >= maxTokens) {
      throw new IllegalArgumentException(
          "overlap tokens must be at least 0 and less than half of max tokens "
              + maxTokens
              + ", got: "
              + overlapTokens);
    }
  }

  /**
   * Settings for a window of {@code maxTokens} with the default overlap: {@value
   * #DEFAULT_OVERLAP_TOKENS} tokens, or {@code maxTokens / 8} when that is smaller.
   */
  public static PassageSettings of(int maxTokens) {
    return new PassageSettings(
        maxTokens, Math.min(DEFAULT_OVERLAP_TOKENS, Math.max(0, maxTokens / 8)));
  }

  /** Returns a copy with another overlap. */
  public PassageSettings withOverlapTokens(int value) {
    return new PassageSettings(maxTokens, value);
  }
}
