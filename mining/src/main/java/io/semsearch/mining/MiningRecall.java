package io.semsearch.mining;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** How many of the exact pairs an approximate run found. */
public final class MiningRecall {

  private MiningRecall() {}

  /**
   * The share of {@code exact}'s pairs (by their two indexes; scores are ignored) that {@code
   * approximate} holds too; 1 when {@code exact} is empty.
   */
  public static double recall(List<ParaphrasePair> exact, List<ParaphrasePair> approximate) {
    Objects.requireNonNull(exact, "exact");
    Objects.requireNonNull(approximate, "approximate");
    if (exact.isEmpty()) {
      return 1.0;
    }
    Set<Long> found = new HashSet<>(approximate.size() * 2);
    for (ParaphrasePair p : approximate) {
      found.add(key(p));
    }
    long hits = exact.stream().filter(p -> found.contains(key(p))).count();
    return hits / (double) exact.size();
  }

  private static long key(ParaphrasePair p) {
    return ((long) p.first() << 32) | p.second();
  }
}
