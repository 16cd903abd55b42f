package io.semsearch.encoder;

/**
 * How an encoder runs. Zero for a size means "choose for the device".
 *
 * @param device where the model runs
 * @param precision floating-point type on a GPU (the CPU always runs FP32)
 * @param batchSize most texts in one forward pass; 0 = 16 on the CPU (with 32 concurrent short
 *     queries on 2 cores, 12-16 gave the most queries per second and the lowest p99; see
 *     BENCHMARKS.md), 128 on a GPU
 * @param batchTokens most padded tokens in one forward pass (texts times the batch's longest text in
 *     tokens), bounding a batch's attention work and memory when texts are long; a single text
 *     always runs. 0 = 128 times the batch size
 * @param workers inference threads, each running whole batches; 0 = chosen for the device
 * @param intraOpThreads threads libtorch uses inside one op, per worker; 0 = chosen for the device
 * @param maxBatchWaitMicros how long a worker holding a partial batch waits for more texts to arrive;
 *     0 (the default) takes what is queued at once: texts of concurrent callers that arrive while
 *     the workers compute still share the next batch. Measured on 2 CPU cores with MiniLM and short
 *     queries, a 2 ms wait cost a lone caller 2 ms per query and 8 concurrent callers 12% of their
 *     throughput, and gained nothing at 32 (BENCHMARKS.md)
 */
public record EncoderOptions(
    DeviceSpec device, Precision precision, int batchSize, int batchTokens, int workers, int intraOpThreads, int maxBatchWaitMicros) {

  /** Validates the values, naming the bad one. */
  public EncoderOptions {
    if (batchSize < 0 || batchSize > 65536) {
      throw new IllegalArgumentException("batch size must be in 1..65536 (or 0 for the default), got: " + batchSize);
    }
    if (batchTokens < 0) {
      throw new IllegalArgumentException("batch tokens must be at least 1 (or 0 for the default), got: " + batchTokens);
    }
    if (workers < 0 || workers > 256) {
      throw new IllegalArgumentException("workers must be in 1..256 (or 0 for the default), got: " + workers);
    }
    if (intraOpThreads < 0 || intraOpThreads > 1024) {
      throw new IllegalArgumentException("intra-op threads must be in 1..1024 (or 0 for the default), got: " + intraOpThreads);
    }
    if (maxBatchWaitMicros < 0) {
      throw new IllegalArgumentException("max batch wait must be at least 0, got: " + maxBatchWaitMicros);
    }
  }

  /** Defaults: auto device, FP32, sizes chosen for the device, no batching wait. */
  public static EncoderOptions defaults() {
    return new EncoderOptions(DeviceSpec.AUTO, Precision.FP32, 0, 0, 0, 0, 0);
  }

  /** Returns a copy with another device. */
  public EncoderOptions withDevice(DeviceSpec value) {
    return new EncoderOptions(value, precision, batchSize, batchTokens, workers, intraOpThreads, maxBatchWaitMicros);
  }

  /** Returns a copy with another precision. */
  public EncoderOptions withPrecision(Precision value) {
    return new EncoderOptions(device, value, batchSize, batchTokens, workers, intraOpThreads, maxBatchWaitMicros);
  }

  /** Returns a copy with another batch size. */
  public EncoderOptions withBatchSize(int value) {
    return new EncoderOptions(device, precision, value, batchTokens, workers, intraOpThreads, maxBatchWaitMicros);
  }

  /** Returns a copy with another padded-token budget per batch. */
  public EncoderOptions withBatchTokens(int value) {
    return new EncoderOptions(device, precision, batchSize, value, workers, intraOpThreads, maxBatchWaitMicros);
  }

  /** Returns a copy with other thread counts. */
  public EncoderOptions withThreads(int workerCount, int intraOp) {
    return new EncoderOptions(device, precision, batchSize, batchTokens, workerCount, intraOp, maxBatchWaitMicros);
  }

  /** Returns a copy with another batching wait. */
  public EncoderOptions withMaxBatchWaitMicros(int value) {
    return new EncoderOptions(device, precision, batchSize, batchTokens, workers, intraOpThreads, value);
  }
}
