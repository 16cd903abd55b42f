package io.semsearch.encoder;

/**
 * How an encoder runs. Zero for a size means "choose for the device".
 *
 * @param device where the model runs
 * @param precision number type: FP32 (the default), INT8 on the CPU (ONNX Runtime), FP16 or BF16 on
 *     a GPU (the CPU runs FP32 for those)
 * @param batchSize most texts in one forward pass; 0 = 16 on the CPU (a compromise: larger batches
 *     amortize streaming the weights, smaller ones answer sooner and in smaller bursts, which
 *     matters for the tail latency of concurrent queries; figures in BENCHMARKS.md), 128 on a GPU
 * @param batchTokens most padded tokens in one forward pass (texts times the batch's longest text
 *     in tokens), bounding a batch's attention work and memory when texts are long; a single text
 *     always runs. 0 = 128 times the batch size
 * @param workers inference threads, each running whole batches; 0 = chosen for the device
 * @param intraOpThreads threads the engine (libtorch, or ONNX Runtime for INT8) uses inside one op,
 *     per worker; 0 = chosen for the device
 * @param maxBatchWaitMicros the longest a worker holding a partial batch waits for more texts. It
 *     waits only while the batch is smaller than the one it ran before (under steady load, that
 *     batch's callers are about to send their next texts) and at most a quarter of that batch's
 *     compute time, so a lone caller never waits. 0 never waits. Default 5000 (5 ms): a cap that
 *     rarely binds (a quarter of a batch's compute time is usually the tighter bound); without a
 *     wait, concurrent callers' batches split into small ones (figures in BENCHMARKS.md)
 */
public record EncoderOptions(
    DeviceSpec device,
    Precision precision,
    int batchSize,
    int batchTokens,
    int workers,
    int intraOpThreads,
    int maxBatchWaitMicros) {

  /** Validates the values, naming the bad one. */
  public EncoderOptions {
    if (batchSize < 0 || batchSize > 65536) {
      throw new IllegalArgumentException(
          "batch size must be in 1..65536 (or 0 for the default), got: " + batchSize);
    }
    if (batchTokens < 0) {
      throw new IllegalArgumentException(
          "batch tokens must be at least 1 (or 0 for the default), got: " + batchTokens);
    }
    if (workers < 0 || workers > 256) {
      throw new IllegalArgumentException(
          "workers must be in 1..256 (or 0 for the default), got: " + workers);
    }
    if (intraOpThreads < 0 || intraOpThreads > 1024) {
      throw new IllegalArgumentException(
          "intra-op threads must be in 1..1024 (or 0 for the default), got: " + intraOpThreads);
    }
    if (maxBatchWaitMicros < 0) {
      throw new IllegalArgumentException(
          "max batch wait must be at least 0, got: " + maxBatchWaitMicros);
    }
  }

  /** The default {@link #maxBatchWaitMicros()}. */
  public static final int DEFAULT_MAX_BATCH_WAIT_MICROS = 5000;

  /**
   * Defaults: auto device, FP32, sizes chosen for the device, an adaptive batching wait of 5 ms at
   * most.
   */
  public static EncoderOptions defaults() {
    return new EncoderOptions(
        DeviceSpec.AUTO, Precision.FP32, 0, 0, 0, 0, DEFAULT_MAX_BATCH_WAIT_MICROS);
  }

  /** Returns a copy with another device. */
  public EncoderOptions withDevice(DeviceSpec value) {
    return new EncoderOptions(
        value, precision, batchSize, batchTokens, workers, intraOpThreads, maxBatchWaitMicros);
  }

  /** Returns a copy with another precision. */
  public EncoderOptions withPrecision(Precision value) {
    return new EncoderOptions(
        device, value, batchSize, batchTokens, workers, intraOpThreads, maxBatchWaitMicros);
  }

  /** Returns a copy with another batch size. */
  public EncoderOptions withBatchSize(int value) {
    return new EncoderOptions(
        device, precision, value, batchTokens, workers, intraOpThreads, maxBatchWaitMicros);
  }

  /** Returns a copy with another padded-token budget per batch. */
  public EncoderOptions withBatchTokens(int value) {
    return new EncoderOptions(
        device, precision, batchSize, value, workers, intraOpThreads, maxBatchWaitMicros);
  }

  /** Returns a copy with other thread counts. */
  public EncoderOptions withThreads(int workerCount, int intraOp) {
    return new EncoderOptions(
        device, precision, batchSize, batchTokens, workerCount, intraOp, maxBatchWaitMicros);
  }

  /** Returns a copy with another batching wait. */
  public EncoderOptions withMaxBatchWaitMicros(int value) {
    return new EncoderOptions(
        device, precision, batchSize, batchTokens, workers, intraOpThreads, value);
  }
}
