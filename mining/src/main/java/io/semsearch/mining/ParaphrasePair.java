package io.semsearch.mining;

/**
 * One mined pair.
 *
 * @param score cosine similarity of the pair (computed in float, widened)
 * @param first the smaller index: a position in the input, or a group id when mining with groups
 * @param second the larger index
 */
public record ParaphrasePair(double score, int first, int second) {

  /**
   * Checks the order of the indexes.
   *
   * @throws IllegalArgumentException if {@code first} is negative or not below {@code second}
   */
  public ParaphrasePair {
    if (first < 0 || first >= second) {
      throw new IllegalArgumentException(
          "pair indexes must satisfy 0 <= first < second, got: " + first + ", " + second);
    }
  }
}
