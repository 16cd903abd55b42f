package io.semsearch.encoder.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Pearson and Spearman correlation coefficients, computed in double precision with the same
 * conventions as {@code scipy.stats.pearsonr} and {@code scipy.stats.spearmanr}.
 *
 * <p>Degenerate inputs follow scipy: when either input is constant the coefficient is undefined and
 * {@link Double#NaN} is returned (scipy returns {@code nan} with a {@code ConstantInputWarning}); a
 * NaN anywhere in the input also gives NaN (scipy's default {@code nan_policy='propagate'}). Fewer
 * than two values, or inputs of different lengths, are refused.
 */
public final class Correlation {

  private Correlation() {}

  /**
   * Returns the Pearson correlation coefficient of {@code x} and {@code y}: their covariance
   * divided by the product of their standard deviations, clamped to [-1, 1] against rounding.
   *
   * @return the coefficient, or NaN when either input is constant or holds a NaN
   * @throws IllegalArgumentException if the lengths differ or are below 2
   */
  public static double pearson(double[] x, double[] y) {
    checkPair(x, y);
    int n = x.length;
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += x[i];
      meanY += y[i];
    }
    meanX /= n;
    meanY /= n;
    // Two passes (means first, then centred sums) to avoid the cancellation of the one-pass
    // formula.
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    double r = sxy / Math.sqrt(sxx * syy);
    return Math.max(-1.0, Math.min(1.0, r));
  }

  /**
   * Returns the Spearman rank correlation coefficient of {@code x} and {@code y}: the Pearson
   * coefficient of their {@linkplain #ranks(double[]) ranks}, ties sharing their average rank.
   *
   * @return the coefficient, or NaN when either input is constant or holds a NaN
   * @throws IllegalArgumentException if the lengths differ or are below 2
   */
  public static double spearman(double[] x, double[] y) {
    checkPair(x, y);
    if (hasNaN(x) || hasNaN(y)) {
      return Double.NaN;
    }
    return pearson(ranks(x), ranks(y));
  }

  /**
   * Returns the 1-based ranks of {@code values} in ascending order, tied values sharing the average
   * of the ranks they span (scipy's {@code rankdata(method='average')}): the ranks of {@code [1, 2,
   * 2, 3]} are {@code [1, 2.5, 2.5, 4]}.
   *
   * @throws IllegalArgumentException if a value is NaN, which has no rank
   */
  public static double[] ranks(double[] values) {
    Objects.requireNonNull(values, "values");
    if (hasNaN(values)) {
      throw new IllegalArgumentException("cannot rank NaN, got: " + Arrays.toString(values));
    }
    int n = values.length;
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[n];
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && values[order[end]] == values[order[start]]) {
        end++;
      }
      // Positions start..end-1 (0-based) hold ranks start+1..end; their average is (start + 1 +
      // end) / 2.
      double rank = (start + 1 + end) / 2.0;
      for (int k = start; k < end; k++) {
        ranks[order[k]] = rank;
      }
      start = end;
    }
    return ranks;
  }

  private static void checkPair(double[] x, double[] y) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "inputs must have the same length, got: " + x.length + " and " + y.length);
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("a correlation needs at least 2 values, got: " + x.length);
    }
  }

  private static boolean hasNaN(double[] values) {
    for (double v : values) {
      if (Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }
}
