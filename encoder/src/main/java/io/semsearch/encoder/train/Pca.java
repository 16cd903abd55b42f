package io.semsearch.encoder.train;

/**
 * Principal component analysis in plain Java, as sentence-transformers' distillation example uses
 * scikit-learn's PCA to shrink a teacher's embeddings to a student's width.
 *
 * <ol>
 *   <li>the covariance of the centred rows is accumulated in double precision;
 *   <li>its eigenvectors are found with the cyclic Jacobi method (rotations that zero each
 *       off-diagonal entry in turn, sweeps until the off-diagonal mass is negligible), which is
 *       exact for symmetric matrices and needs no library;
 *   <li>the {@code k} eigenvectors of the largest eigenvalues are the components, each with its
 *       sign chosen so its largest-magnitude entry is positive (repeatable across runs).
 * </ol>
 *
 * <p>{@link #project} maps a vector onto the components without centring, as the Dense layer
 * sentence-transformers' example builds from {@code pca.components_} (no bias) does.
 *
 * @param mean the mean row
 * @param components {@code k} unit rows of the input width, by decreasing variance
 * @param variances the variance along each component
 * @param totalVariance the variance of the rows summed over all input dimensions
 */
public record Pca(double[] mean, double[][] components, double[] variances, double totalVariance) {

  private static final int MAX_SWEEPS = 100;

  /**
   * Fits the first {@code k} components of {@code rows}.
   *
   * @throws IllegalArgumentException if there are fewer than 2 rows, rows of different widths, or
   *     {@code k} is not in 1..width
   */
  public static Pca fit(float[][] rows, int k) {
    if (rows.length < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 rows, got: " + rows.length);
    }
    int d = rows[0].length;
    if (k < 1 || k > d) {
      throw new IllegalArgumentException("PCA components must be in 1.." + d + ", got: " + k);
    }
    double[] mean = new double[d];
    for (float[] row : rows) {
      if (row.length != d) {
        throw new IllegalArgumentException(
            "PCA rows must all have " + d + " values, got one of " + row.length);
      }
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.length;
    }
    double[][] cov = new double[d][d];
    double[] centred = new double[d];
    for (float[] row : rows) {
      for (int j = 0; j < d; j++) {
        centred[j] = row[j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        double ca = centred[a];
        double[] line = cov[a];
        for (int b = a; b < d; b++) {
          line[b] += ca * centred[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] /= rows.length - 1;
        cov[b][a] = cov[a][b];
      }
    }
    double total = 0;
    for (int a = 0; a < d; a++) {
      total += cov[a][a];
    }
    double[][] vectors = jacobi(cov);
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(cov[y][y], cov[x][x]));
    double[][] components = new double[k][d];
    double[] variances = new double[k];
    for (int c = 0; c < k; c++) {
      int col = order[c];
      variances[c] = Math.max(0, cov[col][col]);
      int argmax = 0;
      for (int j = 0; j < d; j++) {
        components[c][j] = vectors[j][col];
        if (Math.abs(vectors[j][col]) > Math.abs(vectors[argmax][col])) {
          argmax = j;
        }
      }
      if (components[c][argmax] < 0) {
        for (int j = 0; j < d; j++) {
          components[c][j] = -components[c][j];
        }
      }
    }
    return new Pca(mean, components, variances, total);
  }

  /**
   * Diagonalizes the symmetric {@code a} in place (its diagonal becomes the eigenvalues) and
   * returns the eigenvectors as columns.
   */
  static double[][] jacobi(double[][] a) {
    int n = a.length;
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    double total = 0;
    for (double[] row : a) {
      for (double x : row) {
        total += x * x;
      }
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off <= 1e-22 * total || off == 0) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p][q];
          if (Math.abs(apq) < 1e-300) {
            continue;
          }
          // the rotation angle that zeroes a[p][q] (Golub & Van Loan, symmetric Schur)
          double theta = (a[q][q] - a[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int r = 0; r < n; r++) {
            double arp = a[r][p];
            double arq = a[r][q];
            a[r][p] = c * arp - s * arq;
            a[r][q] = s * arp + c * arq;
          }
          for (int r = 0; r < n; r++) {
            double apr = a[p][r];
            double aqr = a[q][r];
            a[p][r] = c * apr - s * aqr;
            a[q][r] = s * apr + c * aqr;
          }
          for (int r = 0; r < n; r++) {
            double vrp = v[r][p];
            double vrq = v[r][q];
            v[r][p] = c * vrp - s * vrq;
            v[r][q] = s * vrp + c * vrq;
          }
        }
      }
    }
    return v;
  }

  /** The share of the total variance the components keep, in [0, 1]. */
  public double explainedVarianceRatio() {
    double kept = 0;
    for (double v : variances) {
      kept += v;
    }
    return totalVariance > 0 ? Math.min(1, kept / totalVariance) : 1;
  }

  /** The number of components. */
  public int k() {
    return components.length;
  }

  /** {@code components · x}, uncentred. */
  public float[] project(float[] x) {
    float[] out = new float[components.length];
    for (int c = 0; c < components.length; c++) {
      double sum = 0;
      for (int j = 0; j < x.length; j++) {
        sum += components[c][j] * x[j];
      }
      out[c] = (float) sum;
    }
    return out;
  }
}
