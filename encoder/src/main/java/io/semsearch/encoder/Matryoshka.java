package io.semsearch.encoder;

import java.util.Arrays;

/**
 * Cuts embeddings to their first dimensions, as Matryoshka-trained models allow: the prefix of such
 * a model's vector is itself an embedding, at a fraction of the storage and search cost (models not
 * trained this way lose more quality). A normalized model's cut vector is normalized again, so
 * {@code normalize(cut(normalize(x)))}, what this gives, equals {@code normalize(cut(x))}: the cut
 * comes before the model's Normalize module, as sentence-transformers' {@code encode(...,
 * truncate_dim=N, normalize_embeddings=True)} and OpenAI's {@code dimensions} give it.
 */
public final class Matryoshka {

  /** The smallest norm divided by, as sentence-transformers' Normalize module clamps it. */
  private static final double EPSILON = 1e-12;

  private Matryoshka() {}

  /**
   * The first {@code dimension} values of {@code vector}, scaled to unit length when {@code
   * normalize} (a zero prefix stays zero).
   *
   * @throws IllegalArgumentException if {@code dimension} is not in 1..{@code vector.length}
   */
  public static float[] truncate(float[] vector, int dimension, boolean normalize) {
    if (dimension < 1 || dimension > vector.length) {
      throw new IllegalArgumentException(
          "dimension must be in 1.." + vector.length + ", got: " + dimension);
    }
    float[] cut = Arrays.copyOf(vector, dimension);
    if (normalize) {
      double norm = Math.max(VectorMath.norm(cut), EPSILON);
      for (int i = 0; i < cut.length; i++) {
        cut[i] = (float) (cut[i] / norm);
      }
    }
    return cut;
  }

  /** {@link #truncate(float[], int, boolean)} of each vector. */
  public static float[][] truncateAll(float[][] vectors, int dimension, boolean normalize) {
    float[][] cut = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      cut[i] = truncate(vectors[i], dimension, normalize);
    }
    return cut;
  }
}
