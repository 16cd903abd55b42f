package io.semsearch.encoder.train;

import java.util.Locale;

/** The training objective. */
public enum LossKind {
  /**
   * sentence-transformers' MultipleNegativesRankingLoss: each anchor must pick its own positive
   * among every positive (and negative) of the batch; needs {@code anchor} and {@code positive},
   * optionally {@code negative}.
   */
  MNRL,
  /** Mean squared error between the anchor's embedding and a given {@code target} vector. */
  MSE;

  /**
   * Parses {@code mnrl} or {@code mse}, any case.
   *
   * @throws IllegalArgumentException naming the value and the legal ones
   */
  public static LossKind parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "mnrl" -> MNRL;
      case "mse" -> MSE;
      default -> throw new IllegalArgumentException("loss must be mnrl or mse, got: " + name);
    };
  }
}
