package io.semsearch.encoder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Comparisons of scores and rankings that never sit on a float boundary.
 *
 * <p>Production code scores in float (SIMD dot products, batched matrix products) and tests compute
 * references in double or in another order, so two computations of one score agree only to about
 * 1e-6, and which of two nearly equal scores comes first depends on the CPU. The strategy:
 *
 * <ul>
 *   <li>Scores are compared within {@link #SCORE_TOLERANCE}.
 *   <li>Scores closer than {@link #NEAR_TIE} are a near tie: a ranking may put them in either
 *       order. {@link #assertRankedLike} checks order only between near-tie groups, and lets the
 *       last group a top-k cuts through be represented by any of its members.
 *   <li>A threshold is never a score: {@link #thresholdBetween} puts it halfway between two
 *       neighbouring scores and refuses when they are closer than {@link #MIN_THRESHOLD_GAP};
 *       {@link #clearCut} looks for the cut nearest the one a test wants that has such a gap.
 *   <li>Metrics derived from scores are compared within a tolerance ({@link #assertMetricsClose}).
 * </ul>
 */
public final class ScoreTies {

  /** How far two computations of one score may differ (float rounding, summation order). */
  public static final double SCORE_TOLERANCE = 1e-5;

  /** Scores at most this far apart may be ranked either way. */
  public static final double NEAR_TIE = 1e-5;

  /**
   * The least gap between the two scores a threshold goes between: each side is then 5 near ties
   * away.
   */
  public static final double MIN_THRESHOLD_GAP = 10 * NEAR_TIE;

  private ScoreTies() {}

  /**
   * The midpoint of two neighbouring distinct scores, a threshold no rounding moves a score across.
   *
   * @throws IllegalArgumentException when the scores are closer than {@link #MIN_THRESHOLD_GAP}:
   *     the test should cut between another pair of scores
   */
  public static double thresholdBetween(double higher, double lower) {
    if (!(higher - lower >= MIN_THRESHOLD_GAP)) {
      throw new IllegalArgumentException(
          "scores "
              + higher
              + " and "
              + lower
              + " are less than "
              + MIN_THRESHOLD_GAP
              + " apart (or not in order): a threshold between them sits on a float boundary; cut"
              + " elsewhere");
    }
    return lower + (higher - lower) / 2;
  }

  /**
   * A threshold with {@code above} of the scores above it and the rest below, none of them near it.
   */
  public record Cut(int above, double threshold) {}

  /**
   * The cut keeping the count of scores above it nearest {@code preferredAbove} (fewer first on a
   * draw) among the cuts with at least one score on each side and a clear gap ({@link
   * #thresholdBetween}).
   *
   * @throws IllegalArgumentException when no two neighbouring scores have a clear gap
   */
  public static Cut clearCut(double[] scores, int preferredAbove) {
    double[] descending =
        Arrays.stream(scores)
            .boxed()
            .sorted(Comparator.reverseOrder())
            .mapToDouble(Double::doubleValue)
            .toArray();
    for (int distance = 0; distance < descending.length; distance++) {
      for (int above : new int[] {preferredAbove - distance, preferredAbove + distance}) {
        if (above >= 1
            && above < descending.length
            && descending[above - 1] - descending[above] >= MIN_THRESHOLD_GAP) {
          return new Cut(above, thresholdBetween(descending[above - 1], descending[above]));
        }
      }
    }
    throw new IllegalArgumentException(
        "no two neighbouring scores of "
            + Arrays.toString(descending)
            + " are "
            + MIN_THRESHOLD_GAP
            + " apart");
  }

  /**
   * Asserts that {@code actual} is a top-k of the items by their reference scores, best first, up
   * to near ties. The reference scores every candidate (not only its own top k), so an item tied
   * with the k-th may stand in for it. {@code actual} has min(k, candidates) distinct items; cut
   * into the reference's near-tie groups (adjacent scores at most {@link #NEAR_TIE} apart,
   * chained), each group's ranks hold exactly that group's items in any order, and the ranks of the
   * group the cut-off goes through hold some of its items.
   */
  public static <T> void assertRankedLike(List<T> actual, Map<T, Double> referenceScores, int k) {
    List<T> reference = new ArrayList<>(referenceScores.keySet());
    reference.sort(Comparator.comparing(referenceScores::get, Comparator.reverseOrder()));
    int size = Math.min(k, reference.size());
    assertThat(actual).as("ranked items").hasSize(size).doesNotHaveDuplicates();
    int start = 0;
    while (start < size) {
      int end = start + 1;
      while (end < reference.size()
          && referenceScores.get(reference.get(end - 1)) - referenceScores.get(reference.get(end))
              <= NEAR_TIE) {
        end++;
      }
      List<T> group = reference.subList(start, end);
      Set<T> ranked = new HashSet<>(actual.subList(start, Math.min(end, size)));
      String what =
          String.format(
              "ranks %d..%d of %s: the near-tie group %s scored %s",
              start + 1,
              Math.min(end, size),
              actual,
              group,
              group.stream().map(referenceScores::get).toList());
      if (end <= size) {
        assertThat(ranked).as(what).isEqualTo(new HashSet<>(group));
      } else {
        assertThat(group).as(what).containsAll(ranked);
      }
      start = end;
    }
  }

  /**
   * {@link #assertRankedLike(List, Map, int)} of every candidate: all of them, ranked up to near
   * ties.
   */
  public static <T> void assertRankedLike(List<T> actual, Map<T, Double> referenceScores) {
    assertRankedLike(actual, referenceScores, referenceScores.size());
  }

  /**
   * The index pairs {i, j} of scores that are neighbours in sorted order and at most {@link
   * #NEAR_TIE} apart: the pairs another float computation may rank the other way round. A test of a
   * rank statistic (Spearman) can swap each and widen its tolerance by what the swap moves.
   */
  public static List<int[]> nearTies(double[] scores) {
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    List<int[]> ties = new ArrayList<>();
    for (int t = 1; t < order.length; t++) {
      if (scores[order[t]] - scores[order[t - 1]] <= NEAR_TIE) {
        ties.add(new int[] {order[t - 1], order[t]});
      }
    }
    return ties;
  }

  /** Asserts the same metric names with each value within {@code tolerance} of the expected one. */
  public static void assertMetricsClose(
      Map<String, Double> actual, Map<String, Double> expected, double tolerance) {
    assertThat(actual.keySet()).as("metric names").isEqualTo(expected.keySet());
    expected.forEach(
        (name, value) -> assertThat(actual.get(name)).as(name).isCloseTo(value, within(tolerance)));
  }
}
