package io.semsearch.encoder.batch;

import io.semsearch.encoder.EncoderOptions;

/**
 * The thread and batch sizes an encoder runs with: the options' own values where given, else the
 * defaults for the device. Every engine sizes alike, so that its threads (workers times intra-op
 * threads) fill the cores once and never grow with the number of callers.
 *
 * @param workers inference threads, each running whole batches
 * @param intraOpThreads threads the engine uses inside one op, per worker
 * @param batchSize most texts in one forward pass
 * @param batchTokens most padded tokens in one forward pass
 */
public record EncoderSizing(int workers, int intraOpThreads, int batchSize, int batchTokens) {

  /**
   * The sizes for {@code options} on a GPU or the CPU with {@code cores} cores: on the CPU, up to
   * two workers sharing the cores; on a GPU one worker and one thread. Batches of 16 on the CPU,
   * 128 on a GPU; 128 padded tokens per text.
   */
  public static EncoderSizing choose(EncoderOptions options, boolean gpu, int cores) {
    int workers =
        options.workers() > 0 ? options.workers() : gpu ? 1 : Math.max(1, Math.min(cores, 2));
    int intraOp =
        options.intraOpThreads() > 0
            ? options.intraOpThreads()
            : gpu ? 1 : Math.max(1, cores / workers);
    int batchSize = options.batchSize() > 0 ? options.batchSize() : gpu ? 128 : 16;
    int batchTokens = options.batchTokens() > 0 ? options.batchTokens() : batchSize * 128;
    return new EncoderSizing(workers, intraOp, batchSize, batchTokens);
  }
}
