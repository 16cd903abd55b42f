package io.semsearch.searcher;

import io.semsearch.index.IndexCorruptedException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Refuses scores that the index's similarity can't give. Cosine and the dot product of normalized
 * vectors lie in [-1, 1]; a passage scoring outside it (beyond {@value #TOLERANCE}, which covers
 * float rounding and vectors normalized in half precision) or not a number was read from a vector
 * that is not the one written, so the search fails with {@link IndexCorruptedException} rather than
 * show a ranking built on garbage. One comparison per scored passage.
 */
final class ScoreGuard {

  /** How far outside [-1, 1] a score may be before it counts as corruption. */
  static final double TOLERANCE = 1e-3;

  private final Path index;
  private final VectorSimilarityFunction similarity;

  /**
   * @param index the index folder, named in the failure
   * @param similarity the index's similarity; only COSINE and DOT_PRODUCT are bounded
   */
  ScoreGuard(Path index, VectorSimilarityFunction similarity) {
    this.index = index;
    this.similarity = similarity;
  }

  /**
   * {@code score} itself, when the similarity can give it.
   *
   * @throws IndexCorruptedException if it is outside [-1, 1] (with the tolerance) or NaN
   */
  double check(double score) throws IndexCorruptedException {
    boolean bounded =
        similarity == VectorSimilarityFunction.COSINE
            || similarity == VectorSimilarityFunction.DOT_PRODUCT;
    if (bounded && !(score >= -1 - TOLERANCE && score <= 1 + TOLERANCE)) {
      throw new IndexCorruptedException(
          index,
          String.format(
              Locale.ROOT,
              "a passage scored %.6g, outside [-1, 1] for %s similarity: its stored vector is"
                  + " damaged",
              score,
              similarity.name().toLowerCase(Locale.ROOT)),
          null);
    }
    return score;
  }
}
