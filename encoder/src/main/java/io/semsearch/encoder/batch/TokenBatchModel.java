package io.semsearch.encoder.batch;

import java.util.List;

/**
 * A sentence-transformers model that embeds one batch of tokenized texts: what the encoder's worker
 * threads run, whichever engine computes it. The tokenizer, the queue that forms batches and the
 * worker threads are the encoder's; the model only computes.
 *
 * <p>Implementations are safe for concurrent {@link #embed} calls, one per worker thread.
 */
public interface TokenBatchModel extends AutoCloseable {

  /**
   * Embeds token id sequences (special tokens included), leaving the first {@code poolingSkips[b]}
   * tokens of sequence {@code b} out of pooling (a prompt the model's pooling excludes); null or
   * all zeros leaves none out.
   *
   * @return one embedding per sequence, in order
   * @throws IllegalArgumentException if a sequence is longer than the model's position table
   */
  float[][] embed(List<long[]> sequences, int[] poolingSkips);

  /**
   * Prepares the calling worker thread before its first batch (an engine whose thread settings are
   * per thread sets them here).
   */
  default void prepareWorkerThread(int intraOpThreads) {}

  /** The number type its vectors are computed in. */
  io.semsearch.encoder.Precision precision();

  /** Where and how it runs, for the log: the device, the number type and the engine. */
  String describe();

  /** Loads a model once the encoder has chosen its sizes. */
  @FunctionalInterface
  interface Loader {
    /**
     * Loads the model for an encoder sized {@code sizing}.
     *
     * @throws java.io.IOException if the model's files can't be read or the engine can't load
     */
    TokenBatchModel load(EncoderSizing sizing) throws java.io.IOException;
  }

  /** Frees the model's native memory. */
  @Override
  void close();
}
