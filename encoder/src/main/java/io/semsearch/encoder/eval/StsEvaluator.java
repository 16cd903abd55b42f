package io.semsearch.encoder.eval;

import io.semsearch.encoder.VectorMath;
import java.util.Objects;

/**
 * Scores sentence embeddings on a semantic textual similarity (STS) set the way
 * sentence-transformers' {@code EmbeddingSimilarityEvaluator} does.
 *
 * <p>For each pair {@code i} four similarities of {@code embeddings1[i]} and {@code embeddings2[i]}
 * are computed: cosine similarity, the negated Manhattan (L1) distance, the negated Euclidean (L2)
 * distance and the dot product. Each is then correlated with the gold scores, by Pearson and by
 * Spearman ({@link Correlation}), and the best of the four is reported as {@code pearson_max} and
 * {@code spearman_max}. All arithmetic is in double precision.
 *
 * <p>Degenerate cases: constant gold scores (or a constant similarity) make a correlation NaN, as
 * in scipy. The cosine similarity of a zero vector follows scikit-learn's {@code
 * paired_cosine_distances}, which the reference uses: 0.5 when one vector is zero, 1 when both are.
 */
public final class StsEvaluator {

  private StsEvaluator() {}

  /**
   * Computes the ten STS metrics.
   *
   * @param embeddings1 the first sentence of each pair, embedded
   * @param embeddings2 the second sentence of each pair, embedded
   * @param gold the gold similarity of each pair (any scale: correlations don't depend on it)
   * @throws IllegalArgumentException if the three arrays differ in length, hold fewer than 2 pairs,
   *     or a pair's vectors differ in dimension
   */
  public static StsMetrics evaluate(float[][] embeddings1, float[][] embeddings2, double[] gold) {
    Objects.requireNonNull(embeddings1, "embeddings1");
    Objects.requireNonNull(embeddings2, "embeddings2");
    Objects.requireNonNull(gold, "gold");
    int n = gold.length;
    if (embeddings1.length != n || embeddings2.length != n) {
      throw new IllegalArgumentException(
          "embeddings1, embeddings2 and gold must have the same length, got: "
              + embeddings1.length
              + ", "
              + embeddings2.length
              + " and "
              + n);
    }
    if (n < 2) {
      throw new IllegalArgumentException("STS evaluation needs at least 2 pairs, got: " + n);
    }
    double[] cosine = new double[n];
    double[] manhattan = new double[n];
    double[] euclidean = new double[n];
    double[] dot = new double[n];
    for (int i = 0; i < n; i++) {
      float[] a = embeddings1[i];
      float[] b = embeddings2[i];
      if (a == null || b == null) {
        throw new NullPointerException(
            "pair " + i + " has no " + (a == null ? "embeddings1" : "embeddings2") + " vector");
      }
      if (a.length != b.length) {
        throw new IllegalArgumentException(
            "pair " + i + " has vectors of different dimensions: " + a.length + " and " + b.length);
      }
      cosine[i] = cosine(a, b);
      manhattan[i] = -manhattan(a, b);
      euclidean[i] = -euclidean(a, b);
      dot[i] = VectorMath.dot(a, b);
    }
    double pearsonCosine = Correlation.pearson(gold, cosine);
    double spearmanCosine = Correlation.spearman(gold, cosine);
    double pearsonManhattan = Correlation.pearson(gold, manhattan);
    double spearmanManhattan = Correlation.spearman(gold, manhattan);
    double pearsonEuclidean = Correlation.pearson(gold, euclidean);
    double spearmanEuclidean = Correlation.spearman(gold, euclidean);
    double pearsonDot = Correlation.pearson(gold, dot);
    double spearmanDot = Correlation.spearman(gold, dot);
    return new StsMetrics(
        pearsonCosine,
        spearmanCosine,
        pearsonManhattan,
        spearmanManhattan,
        pearsonEuclidean,
        spearmanEuclidean,
        pearsonDot,
        spearmanDot,
        maxIgnoringNaN(pearsonCosine, pearsonManhattan, pearsonEuclidean, pearsonDot),
        maxIgnoringNaN(spearmanCosine, spearmanManhattan, spearmanEuclidean, spearmanDot));
  }

  /**
   * Cosine similarity, except for zero vectors, where scikit-learn's paired cosine distance (which
   * sentence-transformers' evaluator uses) gives 0.5 if one is zero and 1 if both are.
   */
  static double cosine(float[] a, float[] b) {
    boolean zeroA = VectorMath.norm(a) == 0;
    boolean zeroB = VectorMath.norm(b) == 0;
    if (zeroA || zeroB) {
      return zeroA && zeroB ? 1.0 : 0.5;
    }
    return VectorMath.cosine(a, b);
  }

  /** Manhattan (L1) distance. */
  static double manhattan(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((double) a[i] - b[i]);
    }
    return sum;
  }

  /** Euclidean (L2) distance. */
  static double euclidean(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  private static double maxIgnoringNaN(double... values) {
    double max = Double.NaN;
    for (double v : values) {
      if (!Double.isNaN(v) && (Double.isNaN(max) || v > max)) {
        max = v;
      }
    }
    return max;
  }
}
