package io.semsearch.encoder.testing;

import io.semsearch.encoder.VectorMath;
import java.util.Locale;

/**
 * How close vectors are to their references: the mean and the worst cosine, text by text.
 *
 * @param mean the average cosine
 * @param worst the lowest cosine
 */
public record Cosines(double mean, double worst) {

  /** Cosines of {@code others[i]} to {@code references[i]}. */
  public static Cosines of(float[][] references, float[][] others) {
    double sum = 0;
    double worst = 1;
    for (int i = 0; i < references.length; i++) {
      double cosine = VectorMath.cosine(references[i], others[i]);
      sum += cosine;
      worst = Math.min(worst, cosine);
    }
    return new Cosines(sum / references.length, worst);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "mean %.4f, worst %.4f", mean, worst);
  }
}
