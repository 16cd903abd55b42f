package io.semsearch.mining;

import java.util.Arrays;

/**
 * The best {@code capacity} matches of each of a range of rows, one bounded min-heap per row in
 * flat arrays. "Best" is by score, then by the smaller column: the order is total, so the kept set
 * does not depend on the order candidates arrive in.
 *
 * <p>Not thread-safe, but distinct rows may be offered to from distinct threads: each row touches
 * only its own slots.
 */
final class RowTopK {

  final int firstRow;
  final int rows;
  final int capacity;
  private final float[] scores;
  private final int[] columns;
  private final int[] sizes;

  /** The score a candidate must beat (or tie with a smaller column); -Infinity until full. */
  final float[] floorScore;

  /** The column of the weakest kept match once full. */
  final int[] floorColumn;

  RowTopK(int firstRow, int rows, int capacity) {
    this.firstRow = firstRow;
    this.rows = rows;
    this.capacity = capacity;
    this.scores = new float[Math.multiplyExact(rows, capacity)];
    this.columns = new int[scores.length];
    this.sizes = new int[rows];
    this.floorScore = new float[rows];
    this.floorColumn = new int[rows];
    Arrays.fill(floorScore, Float.NEGATIVE_INFINITY);
    Arrays.fill(floorColumn, Integer.MAX_VALUE);
  }

  /** Whether (score, column) would enter row r (local index); a cheap test to call before offer. */
  boolean competitive(int r, float score, int column) {
    return score > floorScore[r] || (score == floorScore[r] && column < floorColumn[r]);
  }

  /** Offers a candidate to row r (local index), keeping it if it is among the best. */
  void offer(int r, float score, int column) {
    if (!competitive(r, score, column)) {
      return;
    }
    int base = r * capacity;
    int size = sizes[r];
    if (size < capacity) {
      int at = size;
      while (at > 0) {
        int parent = (at - 1) >>> 1;
        if (!worse(score, column, scores[base + parent], columns[base + parent])) {
          break;
        }
        scores[base + at] = scores[base + parent];
        columns[base + at] = columns[base + parent];
        at = parent;
      }
      scores[base + at] = score;
      columns[base + at] = column;
      sizes[r] = ++size;
    } else {
      siftDown(base, size, score, column);
    }
    if (size == capacity) {
      floorScore[r] = scores[base];
      floorColumn[r] = columns[base];
    }
  }

  /** Replaces the root of the heap at base with (score, column) and restores the heap. */
  private void siftDown(int base, int size, float score, int column) {
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size
          && worse(
              scores[base + child + 1],
              columns[base + child + 1],
              scores[base + child],
              columns[base + child])) {
        child++;
      }
      if (!worse(scores[base + child], columns[base + child], score, column)) {
        break;
      }
      scores[base + at] = scores[base + child];
      columns[base + at] = columns[base + child];
      at = child;
    }
    scores[base + at] = score;
    columns[base + at] = column;
  }

  /** Whether (s1, c1) ranks below (s2, c2). */
  private static boolean worse(float s1, int c1, float s2, int c2) {
    return s1 < s2 || (s1 == s2 && c1 > c2);
  }

  /**
   * Hands the kept matches of every row to {@code sink}, rows in order, each row's matches by
   * column ascending.
   */
  void drainTo(MatchSink sink) {
    long[] packed = new long[capacity];
    for (int r = 0; r < rows; r++) {
      int base = r * capacity;
      int size = sizes[r];
      for (int t = 0; t < size; t++) {
        packed[t] =
            ((long) columns[base + t] << 32)
                | (Float.floatToRawIntBits(scores[base + t]) & 0xFFFF_FFFFL);
      }
      Arrays.sort(packed, 0, size);
      for (int t = 0; t < size; t++) {
        sink.accept(firstRow + r, (int) (packed[t] >>> 32), Float.intBitsToFloat((int) packed[t]));
      }
    }
  }

  /** Receives the kept matches. */
  @FunctionalInterface
  interface MatchSink {
    void accept(int row, int column, float score);
  }
}
