package io.semsearch.encoder.eval;

import java.util.Objects;

/**
 * One pair of a semantic textual similarity set.
 *
 * @param sentence1 the first sentence, not blank
 * @param sentence2 the second sentence, not blank
 * @param score the gold similarity, finite (STS-B uses 0 to 5)
 */
public record StsPair(String sentence1, String sentence2, double score) {

  /** Checks that both sentences are present and the score is finite. */
  public StsPair {
    Objects.requireNonNull(sentence1, "sentence1");
    Objects.requireNonNull(sentence2, "sentence2");
    if (sentence1.isBlank()) {
      throw new IllegalArgumentException("sentence1 must not be blank, got: '" + sentence1 + "'");
    }
    if (sentence2.isBlank()) {
      throw new IllegalArgumentException("sentence2 must not be blank, got: '" + sentence2 + "'");
    }
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, got: " + score);
    }
  }
}
