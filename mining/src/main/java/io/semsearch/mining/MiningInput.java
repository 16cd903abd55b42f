package io.semsearch.mining;

import java.util.Arrays;
import java.util.Objects;

/**
 * The validated input of a mining run: unit-length rows (row-major, one float array) and the group
 * of each row.
 */
final class MiningInput {

  /** Norms below this are treated as this, as torch's {@code normalize} does with its epsilon. */
  private static final double MIN_NORM = 1e-12;

  /** Floats one Java array can hold. */
  private static final long MAX_FLOATS = Integer.MAX_VALUE - 8;

  final int size;
  final int dimension;

  /** Row {@code i} is {@code unit[i * dimension .. (i + 1) * dimension)}. */
  final float[] unit;

  final int[] groups;

  /** True when {@code groups[i] == i} for every i: no siblings to check. */
  final boolean identityGroups;

  /** The most vectors that share one group. */
  final int largestGroup;

  private MiningInput(int dimension, float[] unit, int[] groups) {
    this.size = groups.length;
    this.dimension = dimension;
    this.unit = unit;
    this.groups = groups.clone();
    boolean identity = true;
    for (int i = 0; i < size; i++) {
      identity &= groups[i] == i;
    }
    this.identityGroups = identity;
    this.largestGroup = identity ? Math.min(size, 1) : largestGroup(groups);
  }

  /**
   * The groups of a run whose vectors are scored elsewhere (blocks of the product on a cluster).
   *
   * @throws IllegalArgumentException for a negative group id
   */
  static MiningInput groupsOnly(int[] groups) {
    Objects.requireNonNull(groups, "groups");
    checkGroups(groups);
    return new MiningInput(0, new float[0], groups);
  }

  /**
   * Checks and normalizes {@code vectors}.
   *
   * @throws IllegalArgumentException for a null or empty row, rows of different lengths, a value
   *     that is not finite, groups of the wrong length or a negative group id
   */
  static MiningInput of(float[][] vectors, int[] groups) {
    Objects.requireNonNull(vectors, "vectors");
    Objects.requireNonNull(groups, "groups");
    if (groups.length != vectors.length) {
      throw new IllegalArgumentException(
          "groups must have one entry per vector: "
              + vectors.length
              + " vectors, got "
              + groups.length
              + " groups");
    }
    checkGroups(groups);
    int size = vectors.length;
    int dimension = size == 0 ? 0 : dimensionOf(vectors, 0);
    if ((long) size * dimension > MAX_FLOATS) {
      throw new IllegalArgumentException(
          "too many vectors for one mining run: "
              + size
              + " x "
              + dimension
              + " floats, at most "
              + MAX_FLOATS);
    }
    float[] unit = new float[size * dimension];
    for (int i = 0; i < size; i++) {
      normalizeInto(vectors, i, dimension, unit, i * dimension);
    }
    return new MiningInput(dimension, unit, groups);
  }

  private static void checkGroups(int[] groups) {
    for (int i = 0; i < groups.length; i++) {
      if (groups[i] < 0) {
        throw new IllegalArgumentException(
            "group ids must be at least 0, got: " + groups[i] + " for vector " + i);
      }
    }
  }

  /** {@code 0, 1, ..., size - 1}: every vector its own group. */
  static int[] identity(int size) {
    int[] groups = new int[size];
    Arrays.setAll(groups, i -> i);
    return groups;
  }

  /** Whether j may be a match of i: anything but a sibling (same group, other vector). */
  boolean admissible(int i, int j) {
    return identityGroups || i == j || groups[i] != groups[j];
  }

  /** Row i as its own array (a copy). */
  float[] row(int i) {
    return Arrays.copyOfRange(unit, i * dimension, (i + 1) * dimension);
  }

  private static int dimensionOf(float[][] vectors, int i) {
    float[] v = vectors[i];
    if (v == null) {
      throw new IllegalArgumentException("vector " + i + " is null");
    }
    if (v.length == 0) {
      throw new IllegalArgumentException("vector " + i + " is empty");
    }
    return v.length;
  }

  private static void normalizeInto(
      float[][] vectors, int i, int dimension, float[] target, int offset) {
    int length = dimensionOf(vectors, i);
    if (length != dimension) {
      throw new IllegalArgumentException(
          "all vectors must have the same dimension: vector 0 has "
              + dimension
              + ", vector "
              + i
              + " has "
              + length);
    }
    unitInto(vectors[i], i, target, offset);
  }

  /**
   * Writes {@code v} scaled to unit length at {@code target[offset..]}, as torch's {@code
   * normalize} does (norm in double, at least 1e-12).
   *
   * @param i the vector's number, for the error message
   * @throws IllegalArgumentException if a value is not finite
   */
  static void unitInto(float[] v, int i, float[] target, int offset) {
    int length = v.length;
    double sumOfSquares = 0;
    for (int d = 0; d < length; d++) {
      if (!Float.isFinite(v[d])) {
        throw new IllegalArgumentException(
            "vector " + i + " has a value that is not finite at " + d + ": " + v[d]);
      }
      sumOfSquares += (double) v[d] * v[d];
    }
    double norm = Math.max(Math.sqrt(sumOfSquares), MIN_NORM);
    for (int d = 0; d < length; d++) {
      target[offset + d] = (float) (v[d] / norm);
    }
  }

  private static int largestGroup(int[] groups) {
    int[] sorted = groups.clone();
    Arrays.sort(sorted);
    int largest = 0;
    for (int start = 0, end; start < sorted.length; start = end) {
      end = start + 1;
      while (end < sorted.length && sorted[end] == sorted[start]) {
        end++;
      }
      largest = Math.max(largest, end - start);
    }
    return largest;
  }
}
