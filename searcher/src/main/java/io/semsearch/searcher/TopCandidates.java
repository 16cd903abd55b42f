package io.semsearch.searcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the {@code n} best-scoring candidates offered, plus every candidate tied with the n-th
 * score, so that the tie-break by id that follows sees all of them. Memory is O(n + ties), whatever
 * the number offered.
 */
final class TopCandidates {

  private final int n;
  private final PriorityQueue<Candidate> heap;
  private final List<Candidate> tiedWithLowest = new ArrayList<>();

  TopCandidates(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got: " + n);
    }
    this.n = n;
    this.heap = new PriorityQueue<>(n, Comparator.comparingDouble(Candidate::score));
  }

  void offer(Candidate c) {
    if (heap.size() < n) {
      heap.add(c);
      return;
    }
    double lowest = heap.peek().score();
    if (c.score() > lowest) {
      Candidate evicted = heap.poll();
      heap.add(c);
      double newLowest = heap.peek().score();
      tiedWithLowest.removeIf(t -> t.score() < newLowest);
      if (evicted.score() == newLowest) {
        tiedWithLowest.add(evicted);
      }
    } else if (c.score() == lowest) {
      tiedWithLowest.add(c);
    }
  }

  /** The kept candidates, in no particular order. */
  List<Candidate> candidates() {
    List<Candidate> all = new ArrayList<>(heap.size() + tiedWithLowest.size());
    all.addAll(heap);
    all.addAll(tiedWithLowest);
    return all;
  }
}
