package io.semsearch.mining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * sentence-transformers' bounded pair queue, rule for rule: a min-heap of directed pairs (score, i,
 * j) ordered by score, then i, then j; a candidate enters only if it scores strictly above the
 * score of the last pair pushed out ({@code min_score}, which starts at -1), and from the moment
 * the {@code maxPairs}-th candidate has entered, every entry pushes the smallest pair out again. So
 * at most {@code maxPairs - 1} directed pairs are kept, and a pair scoring exactly -1 or less never
 * enters. Then directions are merged (the first of (i, j) and (j, i) taken out of the heap wins,
 * that is the lower score) and, with groups, vector pairs become group pairs at their best score.
 *
 * <p>The kept set depends on the order of the candidates only for pairs that tie exactly with the
 * cut-off score; every candidate with a higher score is kept whatever the order.
 */
final class PairCollector {

  /** Score descending, then first and second ascending. */
  static final Comparator<ParaphrasePair> ORDER =
      Comparator.comparingDouble(ParaphrasePair::score)
          .reversed()
          .thenComparingInt(ParaphrasePair::first)
          .thenComparingInt(ParaphrasePair::second);

  private final MiningInput input;
  private final int maxPairs;
  private final double threshold;
  private float[] scores = new float[16];
  private int[] firsts = new int[16];
  private int[] seconds = new int[16];
  private int size;
  private float minScore = -1f;

  PairCollector(MiningInput input, int maxPairs, double threshold) {
    this.input = input;
    this.maxPairs = maxPairs;
    this.threshold = threshold;
  }

  /**
   * Offers the directed pair (i, j) of vectors; pairs of a vector with itself or a sibling, and
   * pairs under the threshold, are dropped.
   */
  void offer(float score, int i, int j) {
    if (i == j || score < threshold || !(score > minScore) || !input.admissible(i, j)) {
      return;
    }
    if (size < maxPairs - 1) {
      push(score, i, j);
    } else if (size == 0 || less(score, i, j, 0)) {
      minScore = score; // pushed and popped at once
    } else {
      minScore = scores[0];
      siftDown(0, score, i, j);
    }
  }

  /**
   * Empties the queue into the mining result: one pair per two groups (per two vectors when every
   * vector is its own group), best score first, then by first and second index.
   */
  List<ParaphrasePair> result() {
    Map<Long, Float> vectorPairs = new HashMap<>(Math.max(16, size * 2));
    while (size > 0) {
      float score = scores[0];
      int i = firsts[0];
      int j = seconds[0];
      pop();
      vectorPairs.putIfAbsent(key(Math.min(i, j), Math.max(i, j)), score);
    }
    Map<Long, Float> pairs = vectorPairs;
    if (!input.identityGroups) {
      pairs = new HashMap<>(vectorPairs.size() * 2);
      for (Map.Entry<Long, Float> e : vectorPairs.entrySet()) {
        int gi = input.groups[(int) (e.getKey() >>> 32)];
        int gj = input.groups[(int) (long) e.getKey()];
        pairs.merge(key(Math.min(gi, gj), Math.max(gi, gj)), e.getValue(), Math::max);
      }
    }
    List<ParaphrasePair> result = new ArrayList<>(pairs.size());
    for (Map.Entry<Long, Float> e : pairs.entrySet()) {
      result.add(
          new ParaphrasePair(e.getValue(), (int) (e.getKey() >>> 32), (int) (long) e.getKey()));
    }
    result.sort(ORDER);
    return result;
  }

  private static long key(int low, int high) {
    return ((long) low << 32) | (high & 0xFFFF_FFFFL);
  }

  private void push(float score, int i, int j) {
    if (size == scores.length) {
      int grown = (int) Math.min((long) maxPairs - 1, 2L * size);
      scores = Arrays.copyOf(scores, grown);
      firsts = Arrays.copyOf(firsts, grown);
      seconds = Arrays.copyOf(seconds, grown);
    }
    int at = size++;
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!less(score, i, j, parent)) {
        break;
      }
      move(parent, at);
      at = parent;
    }
    set(at, score, i, j);
  }

  private void pop() {
    size--;
    if (size > 0) {
      siftDown(0, scores[size], firsts[size], seconds[size]);
    }
  }

  /** Puts (score, i, j) at the root, replacing what was there, and restores the heap. */
  private void siftDown(int at, float score, int i, int j) {
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size
          && less(scores[child + 1], firsts[child + 1], seconds[child + 1], child)) {
        child++;
      }
      if (compare(scores[child], firsts[child], seconds[child], score, i, j) >= 0) {
        break;
      }
      move(child, at);
      at = child;
    }
    set(at, score, i, j);
  }

  private boolean less(float score, int i, int j, int slot) {
    return compare(score, i, j, scores[slot], firsts[slot], seconds[slot]) < 0;
  }

  /** Python's tuple order on (score, i, j): scores by value, so -0.0 equals 0.0. */
  private static int compare(float s1, int i1, int j1, float s2, int i2, int j2) {
    if (s1 != s2) {
      return s1 < s2 ? -1 : 1;
    }
    int c = Integer.compare(i1, i2);
    return c != 0 ? c : Integer.compare(j1, j2);
  }

  private void move(int from, int to) {
    scores[to] = scores[from];
    firsts[to] = firsts[from];
    seconds[to] = seconds[from];
  }

  private void set(int at, float score, int i, int j) {
    scores[at] = score;
    firsts[at] = i;
    seconds[at] = j;
  }
}
