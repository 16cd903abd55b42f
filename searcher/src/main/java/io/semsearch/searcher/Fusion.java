package io.semsearch.searcher;

/**
 * How hybrid search combines the dense and the lexical ranking.
 *
 * @param method reciprocal rank fusion or a weighted sum of min-max normalized scores
 * @param rankConstant RRF's k: each ranking contributes {@code 1 / (k + rank)} (rank from 1)
 * @param denseWeight for {@link Method#WEIGHTED}: {@code w * dense + (1 - w) * lexical}
 */
public record Fusion(Method method, int rankConstant, double denseWeight) {

  /** Fusion methods. */
  public enum Method {
    /** Reciprocal rank fusion. */
    RRF,
    /** Weighted sum of scores, each min-max normalized over its ranking. */
    WEIGHTED
  }

  /** RRF's usual constant. */
  public static final int DEFAULT_RANK_CONSTANT = 60;

  /** Validates the values. */
  public Fusion {
    if (method == null) {
      throw new IllegalArgumentException("fusion method must not be null");
    }
    if (rankConstant < 0) {
      throw new IllegalArgumentException("RRF k must be at least 0, got: " + rankConstant);
    }
    if (!(denseWeight >= 0 && denseWeight <= 1)) {
      throw new IllegalArgumentException("dense weight must be in [0, 1], got: " + denseWeight);
    }
  }

  /** RRF with k = 60. */
  public static Fusion rrf() {
    return new Fusion(Method.RRF, DEFAULT_RANK_CONSTANT, 0.5);
  }

  /** RRF with another k. */
  public static Fusion rrf(int k) {
    return new Fusion(Method.RRF, k, 0.5);
  }

  /** A weighted sum of normalized scores. */
  public static Fusion weighted(double denseWeight) {
    return new Fusion(Method.WEIGHTED, DEFAULT_RANK_CONSTANT, denseWeight);
  }
}
