package io.semsearch.mining;

import java.util.List;
import java.util.Objects;

/**
 * The last step of {@link ExactParaphraseMiner} on its own: sentence-transformers' bounded queue of
 * directed pairs, then directions merged and vector pairs turned into group pairs. A run that
 * scores blocks of the product elsewhere ({@link BlockMatches}) offers the surviving matches here,
 * in {@link BlockMatches#offerOrder} order, and gets the miner's pairs.
 *
 * <p>Not thread-safe.
 */
public final class PairQueue {

  private final PairCollector collector;

  /**
   * A queue for a run over {@code groups.length} vectors.
   *
   * @param groups {@code groups[i]} is the group (document) of vector i, at least 0
   * @throws IllegalArgumentException for a negative group id
   */
  public PairQueue(int[] groups, MiningSettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.collector =
        new PairCollector(
            MiningInput.groupsOnly(groups), settings.maxPairs(), settings.threshold());
  }

  /**
   * Offers the directed match (i, j); the vector itself, siblings and pairs under the threshold are
   * dropped.
   */
  public void offer(float score, int i, int j) {
    collector.offer(score, i, j);
  }

  /** The pairs, best first, as {@link ParaphraseMiner#mine} returns them. */
  public List<ParaphrasePair> result() {
    return collector.result();
  }
}
