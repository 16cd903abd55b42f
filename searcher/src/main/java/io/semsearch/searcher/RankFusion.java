package io.semsearch.searcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses rankings of ids into one, as pure functions. The ids are any comparable key (document
 * numbers inside one index, document ids across systems); ties are broken by id, so a fused ranking
 * never depends on map iteration order.
 */
public final class RankFusion {

  /** An id and its score in a ranking. */
  public record ScoredId<K extends Comparable<? super K>>(K id, double score) {}

  /** Best score first, then smaller id first. */
  public static <K extends Comparable<? super K>> Comparator<ScoredId<K>> bestFirst() {
    return Comparator.<ScoredId<K>>comparingDouble(ScoredId::score)
        .reversed()
        .thenComparing(ScoredId::id);
  }

  private RankFusion() {}

  /**
   * Fuses a dense and a lexical ranking as {@code fusion} says: the one hybrid step of every search
   * backend, so that a cluster fuses exactly as the embedded index does.
   *
   * @param dense the dense ranking, best first, with scores
   * @param lexical the lexical ranking, best first, with scores
   */
  public static <K extends Comparable<? super K>> List<ScoredId<K>> fuse(
      Fusion fusion, List<ScoredId<K>> dense, List<ScoredId<K>> lexical) {
    return fusion.method() == Fusion.Method.RRF
        ? reciprocalRank(List.of(ids(dense), ids(lexical)), fusion.rankConstant())
        : weightedSum(dense, lexical, fusion.denseWeight());
  }

  private static <K extends Comparable<? super K>> List<K> ids(List<ScoredId<K>> ranking) {
    return ranking.stream().map(ScoredId::id).toList();
  }

  /**
   * Reciprocal rank fusion: each id scores {@code sum over rankings of 1 / (k + rank)}, rank
   * counted from 1 in each ranking where it appears (Cormack, Clarke and Büttcher, 2009).
   *
   * @param rankings id lists, best first; an id appearing twice in one ranking counts at its first
   *     rank
   * @param k the rank constant, 60 by convention
   */
  public static <K extends Comparable<? super K>> List<ScoredId<K>> reciprocalRank(
      List<List<K>> rankings, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("RRF k must be at least 0, got: " + k);
    }
    Map<K, Double> scores = new LinkedHashMap<>();
    for (List<K> ranking : rankings) {
      Map<K, Boolean> seen = new HashMap<>();
      int rank = 0;
      for (K id : ranking) {
        rank++;
        if (seen.putIfAbsent(id, Boolean.TRUE) == null) {
          scores.merge(id, 1.0 / (k + rank), Double::sum);
        }
      }
    }
    return sorted(scores);
  }

  /**
   * A weighted sum of min-max normalized scores: {@code w * norm(a) + (1 - w) * norm(b)}, where an
   * id missing from a ranking counts 0 there, and a ranking whose scores are all equal normalizes
   * to 1.
   *
   * @param a the first ranking (dense), with scores
   * @param b the second ranking (lexical), with scores
   * @param weightOfA w, in [0, 1]
   */
  public static <K extends Comparable<? super K>> List<ScoredId<K>> weightedSum(
      List<ScoredId<K>> a, List<ScoredId<K>> b, double weightOfA) {
    if (!(weightOfA >= 0 && weightOfA <= 1)) {
      throw new IllegalArgumentException("weight must be in [0, 1], got: " + weightOfA);
    }
    Map<K, Double> scores = new LinkedHashMap<>();
    addNormalized(scores, a, weightOfA);
    addNormalized(scores, b, 1 - weightOfA);
    return sorted(scores);
  }

  private static <K extends Comparable<? super K>> void addNormalized(
      Map<K, Double> scores, List<ScoredId<K>> ranking, double weight) {
    if (ranking.isEmpty()) {
      return;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (ScoredId<K> s : ranking) {
      min = Math.min(min, s.score());
      max = Math.max(max, s.score());
    }
    Map<K, Boolean> seen = new HashMap<>();
    for (ScoredId<K> s : ranking) {
      if (seen.putIfAbsent(s.id(), Boolean.TRUE) == null) {
        double norm = max > min ? (s.score() - min) / (max - min) : 1.0;
        scores.merge(s.id(), weight * norm, Double::sum);
      }
    }
  }

  private static <K extends Comparable<? super K>> List<ScoredId<K>> sorted(Map<K, Double> scores) {
    List<ScoredId<K>> fused = new ArrayList<>(scores.size());
    scores.forEach((id, score) -> fused.add(new ScoredId<>(id, score)));
    fused.sort(bestFirst());
    return fused;
  }
}
