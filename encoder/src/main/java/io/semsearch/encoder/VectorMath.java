package io.semsearch.encoder;

/**
 * Similarity of embeddings on the Java heap, accumulated in double so that results do not depend on
 * the order or width of the machine's vector instructions. Hot loops over many stored vectors (kNN
 * rescoring) use Lucene's SIMD {@code VectorUtil} instead; this is for the few vectors a request
 * compares (similarity, highlighting) and for evaluation.
 */
public final class VectorMath {

  private VectorMath() {}

  /** The dot product of {@code a} and {@code b}. */
  public static double dot(float[] a, float[] b) {
    requireSameDimension(a, b);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  /** The Euclidean (L2) norm of {@code a}. */
  public static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }

  /**
   * The cosine similarity of {@code a} and {@code b}, or 0 when either is the zero vector (what
   * sentence-transformers' {@code cos_sim} gives, since it divides by the norm clamped away from
   * 0): a zero vector is similar to nothing.
   */
  public static double cosine(float[] a, float[] b) {
    double normA = norm(a);
    double normB = norm(b);
    if (normA == 0 || normB == 0) {
      return 0;
    }
    return dot(a, b) / (normA * normB);
  }

  private static void requireSameDimension(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors must have the same dimension, got: " + a.length + " and " + b.length);
    }
  }
}
