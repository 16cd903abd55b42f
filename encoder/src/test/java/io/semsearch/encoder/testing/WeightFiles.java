package io.semsearch.encoder.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Compares two safetensors files of the same tensors (equal headers) value by value. */
public final class WeightFiles {

  /**
   * How far a training run may drift from a repeat of itself through float rounding alone. Measured
   * on the training tests' tiny model: a run on 2 libtorch threads ends at most 1.0e-5 from the
   * same run on 1 thread, while a resumed run whose first AdamW moments were not restored ends
   * 7.7e-3 or more away. 1e-4 sits between, an order of magnitude from each.
   */
  public static final double ROUNDING = 1e-4;

  private WeightFiles() {}

  /**
   * The largest absolute difference between the float32 values of {@code a} and {@code b}.
   *
   * @throws IllegalArgumentException if their headers (names, shapes, offsets) differ
   */
  public static double maxAbsDifference(byte[] a, byte[] b) {
    ByteBuffer x = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer y = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int data = Math.toIntExact(8 + x.getLong(0));
    if (a.length != b.length || !Arrays.equals(a, 0, data, b, 0, data)) {
      throw new IllegalArgumentException("the files hold other tensors: their headers differ");
    }
    double max = 0;
    for (int i = data; i + 4 <= a.length; i += 4) {
      max = Math.max(max, Math.abs(x.getFloat(i) - y.getFloat(i)));
    }
    return max;
  }
}
