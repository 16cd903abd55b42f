package io.semsearch.encoder.testing;

/** Scales reference vectors to unit length, in double precision, to compare them with ours. */
public final class Normalized {

  private Normalized() {}

  /** Returns {@code v} divided by its Euclidean norm. */
  public static float[] of(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(norm));
    }
    return out;
  }
}
