package io.semsearch.spark;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.model.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The encoders and similarity kernels of one executor JVM: each opened once, lazily, by the first
 * task that needs it, and shared by every later task of any job in that JVM (the encoder is
 * thread-safe and batches concurrent callers). One owner: this class closes them when the JVM
 * stops.
 *
 * <p>Device: a key asking for {@code auto} runs on the GPU Spark assigned to the task ({@code
 * spark.task.resource.gpu.amount}) when there is one, else as {@link DeviceSpec#AUTO} says (the
 * first GPU the engine sees, or the CPU).
 */
final class ExecutorEncoders {

  private static final Map<EncoderKey, SentenceEncoder> ENCODERS = new ConcurrentHashMap<>();
  private static final Map<String, SimilarityKernel> KERNELS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ENCODERS.values().forEach(SentenceEncoder::close),
                "semsearch-encoder-close"));
  }

  private ExecutorEncoders() {}

  /** The encoder {@code key} names on this task's device, opened on first use. */
  static SentenceEncoder encoder(EncoderKey key) {
    EncoderKey resolved = key.onDevice(taskDevice(key.device()));
    return ENCODERS.computeIfAbsent(resolved, ExecutorEncoders::open);
  }

  /** The similarity kernel for {@code device} on this task's device, made on first use. */
  static SimilarityKernel kernel(String device) {
    return KERNELS.computeIfAbsent(
        taskDevice(device), d -> SentenceEncoders.similarityKernel(DeviceSpec.parse(d)));
  }

  private static SentenceEncoder open(EncoderKey key) {
    try {
      ModelSpec spec = SentenceEncoders.locate(key.model());
      return SentenceEncoders.open(
          key.truncateDim() > 0 ? spec.withTruncateDim(key.truncateDim()) : spec, key.options());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "can't open model '" + key.model() + "' on " + key.device() + ": " + e.getMessage(), e);
    }
  }

  /** {@code device}, or the task's GPU when it is {@code auto} and Spark gave the task one. */
  static String taskDevice(String device) {
    if (!"auto".equalsIgnoreCase(device.trim())) {
      return device;
    }
    TaskContext task = TaskContext.get();
    if (task == null) {
      return device;
    }
    scala.Option<ResourceInformation> gpu = task.resources().get("gpu");
    if (gpu.isEmpty()) {
      return device;
    }
    List<String> addresses = List.of(gpu.get().addresses());
    return addresses.isEmpty() ? device : "gpu:" + addresses.get(0);
  }
}
