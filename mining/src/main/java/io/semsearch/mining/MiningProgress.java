package io.semsearch.mining;

/**
 * Receives progress of a mining run, on the thread that called {@code mine}.
 *
 * <p>Exact mining counts rows of the N x N score matrix: cells computed so far divided by N, so the
 * count reaches N at the end whatever the chunking. Approximate mining counts 2N steps: N graph
 * insertions, then N searches.
 */
@FunctionalInterface
public interface MiningProgress {

  /** Ignores progress. */
  MiningProgress NONE = (rowsDone, rowsTotal) -> {};

  /**
   * Called after each chunk of work.
   *
   * @param rowsDone rows done so far, between 0 and {@code rowsTotal}, never decreasing
   * @param rowsTotal rows in the whole run
   */
  void chunkDone(long rowsDone, long rowsTotal);
}
