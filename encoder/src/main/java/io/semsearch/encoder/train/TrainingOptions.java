package io.semsearch.encoder.train;

import io.semsearch.encoder.DeviceSpec;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a training run executes, as opposed to what it computes ({@link TrainingConfig}): none of
 * these change the trained weights, except that more than one thread may change their rounding.
 *
 * @param threads libtorch intra-op threads of the training thread; 0 for the core count (1 makes a
 *     run bit-for-bit repeatable)
 * @param device where to train, chosen as inference chooses ({@code auto}: the first GPU when the
 *     engine sees one, else the CPU)
 * @param checkpointEvery write a checkpoint every this many steps; 0 for none
 * @param resume continue from the newest checkpoint in the output's {@code checkpoints} folder
 * @param evaluators run on the base model, at each checkpoint and on the result
 * @param baseDescription what the model was trained from, for the model card (e.g. {@code a fresh
 *     bert-tiny-dense}); null for the model's id as given
 * @param dataDescription what the training data were, for the model card (e.g. the file name); null
 *     if unknown
 * @param log receives one-line messages about the run (device, checkpoints, evaluations)
 */
public record TrainingOptions(
    int threads,
    DeviceSpec device,
    int checkpointEvery,
    boolean resume,
    List<TrainingEvaluator> evaluators,
    String baseDescription,
    String dataDescription,
    Consumer<String> log) {

  /** Validates the counts and copies the evaluators. */
  public TrainingOptions {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0: the cores), got: " + threads);
    }
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException(
          "checkpoint interval must be >= 0 (0: none), got: " + checkpointEvery);
    }
    Objects.requireNonNull(device, "device");
    evaluators = List.copyOf(evaluators);
    Objects.requireNonNull(log, "log");
  }

  /** All cores, device auto, no checkpoints, no evaluation, no log. */
  public static TrainingOptions defaults() {
    return new TrainingOptions(0, DeviceSpec.AUTO, 0, false, List.of(), null, null, line -> {});
  }

  /** The intra-op thread count to use: {@link #threads()}, or the cores when it is 0. */
  public int effectiveThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  /** These options with the threads and device replaced. */
  public TrainingOptions withExecution(int newThreads, DeviceSpec newDevice) {
    return new TrainingOptions(
        newThreads,
        newDevice,
        checkpointEvery,
        resume,
        evaluators,
        baseDescription,
        dataDescription,
        log);
  }

  /** These options with checkpointing replaced. */
  public TrainingOptions withCheckpoints(int every, boolean resumeRun) {
    return new TrainingOptions(
        threads, device, every, resumeRun, evaluators, baseDescription, dataDescription, log);
  }

  /** These options with the evaluators replaced. */
  public TrainingOptions withEvaluators(List<TrainingEvaluator> newEvaluators) {
    return new TrainingOptions(
        threads,
        device,
        checkpointEvery,
        resume,
        newEvaluators,
        baseDescription,
        dataDescription,
        log);
  }

  /** These options with the model card's descriptions and the log replaced. */
  public TrainingOptions withReporting(
      String newBaseDescription, String newDataDescription, Consumer<String> newLog) {
    return new TrainingOptions(
        threads,
        device,
        checkpointEvery,
        resume,
        evaluators,
        newBaseDescription,
        newDataDescription,
        newLog);
  }
}
