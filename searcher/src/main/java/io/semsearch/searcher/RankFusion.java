package io.semsearch.searcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses rankings of document ids into one, as pure functions. Ties are broken by id, so a fused
 * ranking never depends on map iteration order.
 */
public final class RankFusion {

  /** An id and its score in a ranking. */
  public record ScoredId(String id, double score) {}

  /** Best score first, then smaller id first. */
  public static final Comparator<ScoredId> BEST_FIRST =
      Comparator.comparingDouble(ScoredId::score).reversed().thenComparing(ScoredId::id);

  private RankFusion() {}

  /**
   * Reciprocal rank fusion: each id scores {@code sum over rankings of 1 / (k + rank)}, rank counted
   * from 1 in each ranking where it appears (Cormack, Clarke and Büttcher, 2009).
   *
   * @param rankings id lists, best first; an id appearing twice in one ranking counts at its first rank
   * @param k the rank constant, 60 by convention
   */
  public static List<ScoredId> reciprocalRank(List<List<String>> rankings, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("RRF k must be at least 0, got: " + k);
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    for (List<String> ranking : rankings) {
      Map<String, Boolean> seen = new HashMap<>();
      int rank = 0;
      for (String id : ranking) {
        rank++;
        if (seen.putIfAbsent(id, Boolean.TRUE) == null) {
          scores.merge(id, 1.0 / (k + rank), Double::sum);
        }
      }
    }
    return sorted(scores);
  }

  /**
   * A weighted sum of min-max normalized scores: {@code w * norm(a) + (1 - w) * norm(b)}, where an id
   * missing from a ranking counts 0 there, and a ranking whose scores are all equal normalizes to 1.
   *
   * @param a the first ranking (dense), with scores
   * @param b the second ranking (lexical), with scores
   * @param weightOfA w, in [0, 1]
   */
  public static List<ScoredId> weightedSum(List<ScoredId> a, List<ScoredId> b, double weightOfA) {
    if (!(weightOfA >= 0 && weightOfA <= 1)) {
      throw new IllegalArgumentException("weight must be in [0, 1], got: " + weightOfA);
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    addNormalized(scores, a, weightOfA);
    addNormalized(scores, b, 1 - weightOfA);
    return sorted(scores);
  }

  private static void addNormalized(Map<String, Double> scores, List<ScoredId> ranking, double weight) {
    if (ranking.isEmpty()) {
      return;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (ScoredId s : ranking) {
      min = Math.min(min, s.score());
      max = Math.max(max, s.score());
    }
    Map<String, Boolean> seen = new HashMap<>();
    for (ScoredId s : ranking) {
      if (seen.putIfAbsent(s.id(), Boolean.TRUE) == null) {
        double norm = max > min ? (s.score() - min) / (max - min) : 1.0;
        scores.merge(s.id(), weight * norm, Double::sum);
      }
    }
  }

  private static List<ScoredId> sorted(Map<String, Double> scores) {
    List<ScoredId> fused = new ArrayList<>(scores.size());
    scores.forEach((id, score) -> fused.add(new ScoredId(id, score)));
    fused.sort(BEST_FIRST);
    return fused;
  }
}
