package io.semsearch.mining;

import io.semsearch.encoder.Cancellation;
import java.util.List;
import java.util.Objects;

/** Finds the most similar pairs among a set of vectors: exactly or approximately. */
public interface ParaphraseMiner {

  /**
   * Mines {@code vectors}, pairs between distinct groups.
   *
   * @param vectors the vectors, all of one dimension, finite; they need not be unit length
   * @param groups {@code groups[i]} is the group (document) of vector i, at least 0
   * @param progress told after each chunk
   * @return the pairs, best first; indexes are group ids ({@code groups[i] == i} makes them vector
   *     indexes)
   * @throws IllegalArgumentException for a malformed input, naming the vector
   */
  default List<ParaphrasePair> mine(float[][] vectors, int[] groups, MiningProgress progress) {
    return mine(vectors, groups, progress, Cancellation.NONE);
  }

  /**
   * Mines as {@link #mine(float[][], int[], MiningProgress)} does, asking {@code cancellation}
   * between chunks of work (tiles, blocks of graph steps) and stopping when it gives a reason.
   *
   * @throws java.util.concurrent.CancellationException with the cancellation's reason; no pairs
   */
  List<ParaphrasePair> mine(
      float[][] vectors, int[] groups, MiningProgress progress, Cancellation cancellation);

  /** Mines {@code vectors}, every vector its own group, without progress reports. */
  default List<ParaphrasePair> mine(float[][] vectors) {
    return mine(vectors, Cancellation.NONE);
  }

  /**
   * Mines {@code vectors}, every vector its own group, without progress reports, until {@code
   * cancellation} gives a reason.
   */
  default List<ParaphrasePair> mine(float[][] vectors, Cancellation cancellation) {
    Objects.requireNonNull(vectors, "vectors");
    return mine(vectors, MiningInput.identity(vectors.length), MiningProgress.NONE, cancellation);
  }
}
