package io.semsearch.spark;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import java.io.Serializable;
import java.util.Objects;

/**
 * What an executor needs to open the job's encoder: shipped with each task, and the key under which
 * {@link ExecutorEncoders} keeps the one encoder of its JVM.
 *
 * @param model a model folder, a Hugging Face id already in the executor's cache, or empty for the
 *     built-in default model
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}; with {@code auto} a task
 *     that Spark gave a GPU runs on that one
 * @param workers the encoder's workers (0: the encoder's default)
 * @param intraOpThreads libtorch threads per worker (0: the encoder's default)
 * @param truncateDim the first dimensions to keep (Matryoshka, normalized again for a normalized
 *     model, as {@code --truncate-dim} does); 0 for the model's own width or {@code truncate_dim}
 */
public record EncoderKey(
    String model, String device, int workers, int intraOpThreads, int truncateDim)
    implements Serializable {

  /** Checks the device spelling, so that a bad one fails on the driver, not in every task. */
  public EncoderKey {
    model = model == null ? "" : model;
    Objects.requireNonNull(device, "device");
    DeviceSpec.parse(device);
    if (truncateDim < 0) {
      throw new IllegalArgumentException("--truncate-dim must be at least 1, got: " + truncateDim);
    }
    if (workers < 0 || intraOpThreads < 0) {
      throw new IllegalArgumentException(
          "workers and intra-op threads must be at least 0, got: "
              + workers
              + ", "
              + intraOpThreads);
    }
  }

  /** A key for the model's own width. */
  public EncoderKey(String model, String device, int workers, int intraOpThreads) {
    this(model, device, workers, intraOpThreads, 0);
  }

  /** The built-in default model on the best device, with the encoder's default threads. */
  public static EncoderKey defaultModel() {
    return new EncoderKey("", "auto", 0, 0);
  }

  /** The same key on another device. */
  public EncoderKey onDevice(String value) {
    return new EncoderKey(model, value, workers, intraOpThreads, truncateDim);
  }

  /** The encoder options these settings name. */
  EncoderOptions options() {
    EncoderOptions options = EncoderOptions.defaults().withDevice(DeviceSpec.parse(device));
    return workers == 0 && intraOpThreads == 0
        ? options
        : options.withThreads(workers, intraOpThreads);
  }
}
