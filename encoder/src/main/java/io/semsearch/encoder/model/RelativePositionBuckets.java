package io.semsearch.encoder.model;

/**
 * MPNet's relative position buckets, T5's bidirectional scheme: the distance {@code n = query -
 * key} goes to one of 32 buckets, the first 16 for keys at or before the query and the last 16 for
 * keys after it. Within each half, distances below 8 have a bucket each; longer ones share
 * logarithmically wider buckets up to 128, and every distance beyond falls into the half's last
 * bucket.
 *
 * <p>The logarithm is taken in float32, as Hugging Face's {@code relative_position_bucket} takes it
 * on a float tensor.
 */
public final class RelativePositionBuckets {

  /** Buckets MPNet's attention looks up (its {@code compute_position_bias} fixes 32). */
  public static final int BUCKETS = 32;

  /** The distance from which all distances share a half's last bucket. */
  static final int MAX_DISTANCE = 128;

  private RelativePositionBuckets() {}

  /** The bucket of a key at {@code relative = key position - query position}. */
  public static int bucket(int relative) {
    int half = BUCKETS / 2;
    int n = -relative;
    int bucket = n < 0 ? half : 0;
    n = Math.abs(n);
    int exact = half / 2;
    if (n < exact) {
      return bucket + n;
    }
    float log =
        (float) Math.log((float) n / exact) / (float) Math.log((double) MAX_DISTANCE / exact);
    int large = exact + (int) (log * (half - exact));
    return bucket + Math.min(large, half - 1);
  }

  /**
   * The buckets of every query and key of a sequence of {@code length} tokens: entry {@code q *
   * length + k} is {@code bucket(k - q)}.
   */
  public static long[] table(int length) {
    long[] out = new long[length * length];
    for (int q = 0; q < length; q++) {
      for (int k = 0; k < length; k++) {
        out[q * length + k] = bucket(k - q);
      }
    }
    return out;
  }
}
