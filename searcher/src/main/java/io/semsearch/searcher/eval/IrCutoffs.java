package io.semsearch.searcher.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The ranks at which {@link IrMetrics} cuts each ranking, one list per metric, as in
 * sentence-transformers' {@code InformationRetrievalEvaluator}. A list may be empty (that metric is
 * then not reported), but not all of them.
 *
 * @param accuracyAt cutoffs for Accuracy@k
 * @param precisionRecallAt cutoffs for Precision@k and Recall@k
 * @param mrrAt cutoffs for MRR@k
 * @param ndcgAt cutoffs for nDCG@k
 * @param mapAt cutoffs for MAP@k
 */
public record IrCutoffs(
    List<Integer> accuracyAt,
    List<Integer> precisionRecallAt,
    List<Integer> mrrAt,
    List<Integer> ndcgAt,
    List<Integer> mapAt) {

  /** Checks every cutoff is at least 1 and appears once in its list; copies the lists. */
  public IrCutoffs {
    accuracyAt = checked("accuracyAt", accuracyAt);
    precisionRecallAt = checked("precisionRecallAt", precisionRecallAt);
    mrrAt = checked("mrrAt", mrrAt);
    ndcgAt = checked("ndcgAt", ndcgAt);
    mapAt = checked("mapAt", mapAt);
    if (accuracyAt.isEmpty()
        && precisionRecallAt.isEmpty()
        && mrrAt.isEmpty()
        && ndcgAt.isEmpty()
        && mapAt.isEmpty()) {
      throw new IllegalArgumentException("at least one cutoff is needed, got none");
    }
  }

  /**
   * sentence-transformers' defaults, with Recall@100 and Precision@100 added: accuracy at 1, 3, 5,
   * 10; precision and recall at 1, 3, 5, 10, 100; MRR at 10; nDCG at 10; MAP at 100.
   */
  public static IrCutoffs defaults() {
    return new IrCutoffs(
        List.of(1, 3, 5, 10), List.of(1, 3, 5, 10, 100), List.of(10), List.of(10), List.of(100));
  }

  /**
   * The largest cutoff: how many hits to retrieve per query so that every metric sees a full
   * ranking. A shorter ranking is allowed, and scores as if the missing ranks held no relevant
   * document.
   */
  public int maxDepth() {
    return Stream.of(accuracyAt, precisionRecallAt, mrrAt, ndcgAt, mapAt)
        .flatMap(List::stream)
        .mapToInt(Integer::intValue)
        .max()
        .orElseThrow();
  }

  private static List<Integer> checked(String name, List<Integer> cutoffs) {
    Objects.requireNonNull(cutoffs, name);
    Set<Integer> seen = new HashSet<>();
    for (Integer k : cutoffs) {
      if (k == null || k < 1) {
        throw new IllegalArgumentException(
            name + ": cutoffs must be at least 1, got: " + k + " in " + cutoffs);
      }
      if (!seen.add(k)) {
        throw new IllegalArgumentException(name + ": cutoff " + k + " appears twice in " + cutoffs);
      }
    }
    return List.copyOf(cutoffs);
  }
}
