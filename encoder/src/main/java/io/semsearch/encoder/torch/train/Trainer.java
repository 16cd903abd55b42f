package io.semsearch.encoder.torch.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.semsearch.encoder.model.ModelFingerprint;
import io.semsearch.encoder.torch.TrainableSentenceModel;
import io.semsearch.encoder.train.CheckpointState;
import io.semsearch.encoder.train.EvaluationResult;
import io.semsearch.encoder.train.LinearWarmupSchedule;
import io.semsearch.encoder.train.LossKind;
import io.semsearch.encoder.train.RunFingerprint;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingData;
import io.semsearch.encoder.train.TrainingExample;
import io.semsearch.encoder.train.TrainingListener;
import io.semsearch.encoder.train.TrainingListener.StepReport;
import io.semsearch.encoder.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The training loop of transformers' Trainer as sentence-transformers uses it, on one thread:
 *
 * <ol>
 *   <li>each epoch shuffles the examples with one {@link Random} seeded by the config, so equal
 *       seeds give equal runs, and cuts them into batches (the last one may be smaller);
 *   <li>a step tokenizes the batch's texts, embeds them all in one packed forward pass inside a
 *       gradient collector, computes the loss and runs backward, which accumulates gradients into
 *       the parameters;
 *   <li>the gradients are clipped to the global norm, AdamW updates the weights at the schedule's
 *       rate for that step, and the gradients are zeroed;
 *   <li>every {@link Checkpointing#every()} steps (not after the last one) the evaluation runs and
 *       a checkpoint is written ({@link CheckpointStore}): weights, AdamW's moments and step, the
 *       run's counters, evaluations and {@link RunFingerprint};
 *   <li>the run stops after {@link TrainingConfig#totalSteps} steps, or with an error as soon as a
 *       loss is not finite.
 * </ol>
 *
 * <p>Resuming restores the newest checkpoint after checking that its fingerprint is this run's, and
 * continues at the next step: the data order of step {@code s} is found by replaying the shuffles
 * of the epochs up to {@code s} from the seed, so a resumed run takes the same batches, rates and
 * updates as one that was never stopped, and ends with the same weights up to float rounding.
 *
 * <p>Every array of a step lives in one scope closed at the end of the step. libtorch's intra-op
 * threads are set for the calling thread, which is the only one computing: the core count by
 * default. With several, libtorch's parallel sums may add in another order from run to run, so
 * weights agree only to rounding; with one thread repeats are usually bit for bit, but rare
 * rounding-sized differences have been seen there too.
 */
public final class Trainer {

  /**
   * Where and how often to write checkpoints, and whether to start from the newest one.
   *
   * @param store the run's checkpoint folder
   * @param every steps between checkpoints; 0 for none
   * @param resume continue from the newest checkpoint in {@code store}
   */
  public record Checkpointing(CheckpointStore store, int every, boolean resume) {

    /** No checkpoints, no resuming. */
    public static final Checkpointing NONE = new Checkpointing(null, 0, false);

    /** Checks that a store is given when one is needed. */
    public Checkpointing {
      if ((every > 0 || resume) && store == null) {
        throw new IllegalArgumentException("checkpoints need a store");
      }
      if (every < 0) {
        throw new IllegalArgumentException("checkpoint interval must be >= 0, got: " + every);
      }
    }
  }

  private final TrainableSentenceModel model;
  private final TrainingConfig config;
  private final int threads;

  private Trainer(TrainableSentenceModel model, TrainingConfig config, int threads) {
    this.model = model;
    this.config = config;
    this.threads = threads;
  }

  /**
   * Trains {@code model} in place on {@code data}.
   *
   * @throws IllegalArgumentException if the data do not fit the loss or the model (MSE targets of
   *     another width than the embeddings)
   * @throws IllegalStateException if a loss becomes NaN or infinite, naming the step
   */
  public static TrainingSummary train(
      TrainableSentenceModel model,
      TrainingData data,
      TrainingConfig config,
      TrainingListener listener)
      throws IOException {
    return train(model, data, config, listener, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Trains {@code model} in place on {@code data} with {@code intraOpThreads} libtorch threads (1
   * for runs that repeat most closely).
   *
   * @throws IllegalArgumentException if the data do not fit the loss or the model, or {@code
   *     intraOpThreads} is below 1
   * @throws IllegalStateException if a loss becomes NaN or infinite, naming the step
   */
  public static TrainingSummary train(
      TrainableSentenceModel model,
      TrainingData data,
      TrainingConfig config,
      TrainingListener listener,
      int intraOpThreads)
      throws IOException {
    return train(
        model,
        data,
        config,
        listener,
        intraOpThreads,
        Checkpointing.NONE,
        CheckpointEvaluation.NONE);
  }

  /**
   * Trains {@code model} in place on {@code data}, writing checkpoints and evaluating as asked.
   *
   * @param evaluation runs before the first step of a fresh run and at each checkpoint
   * @throws IllegalArgumentException if the data do not fit the loss or the model, {@code
   *     intraOpThreads} is below 1, or resuming was asked for and there is no checkpoint or its
   *     fingerprint differs (the message names what differs)
   * @throws IllegalStateException if a loss becomes NaN or infinite, naming the step
   * @throws IOException if a checkpoint can't be written or read
   */
  public static TrainingSummary train(
      TrainableSentenceModel model,
      TrainingData data,
      TrainingConfig config,
      TrainingListener listener,
      int intraOpThreads,
      Checkpointing checkpointing,
      CheckpointEvaluation evaluation)
      throws IOException {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "intraOpThreads must be at least 1, got: " + intraOpThreads);
    }
    List<TrainingExample> examples = data.examples();
    if (config.loss() == LossKind.MSE) {
      int width = examples.get(0).target().length;
      if (width != model.spec().dimension()) {
        throw new IllegalArgumentException(
            "targets have "
                + width
                + " values but the model's embeddings have "
                + model.spec().dimension());
      }
    }
    RunFingerprint fingerprint = RunFingerprint.of(config, data, ModelFingerprint.of(model.spec()));
    Path resumeFrom = null;
    if (checkpointing.resume()) {
      resumeFrom =
          checkpointing
              .store()
              .latest()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no checkpoint to resume from in " + checkpointing.store().folder()));
      String differences =
          CheckpointStore.readState(resumeFrom).fingerprint().differences(fingerprint);
      if (!differences.isEmpty()) {
        throw new IllegalArgumentException(
            "checkpoint " + resumeFrom + " was made by another run; differs: " + differences);
      }
    }
    JniUtils.setNumThreads(intraOpThreads);
    return new Trainer(model, config, intraOpThreads)
        .run(examples, listener, fingerprint, checkpointing, resumeFrom, evaluation);
  }

  private TrainingSummary run(
      List<TrainingExample> examples,
      TrainingListener listener,
      RunFingerprint fingerprint,
      Checkpointing checkpointing,
      Path resumeFrom,
      CheckpointEvaluation evaluation)
      throws IOException {
    int total = config.totalSteps(examples.size());
    int perEpoch = (examples.size() + config.batchSize() - 1) / config.batchSize();
    LinearWarmupSchedule schedule =
        LinearWarmupSchedule.of(config.learningRate(), config.warmupRatio(), total);
    Random random = new Random(config.seed());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      order.add(i);
    }
    long start = System.nanoTime();
    long seen = 0;
    double first = Double.NaN;
    double last = Double.NaN;
    double earlierSeconds = 0;
    int step = 0;
    List<EvaluationResult> evaluations = new ArrayList<>();
    model.zeroGradients();
    try (AdamW optimizer =
        new AdamW(
            model.parameters(),
            config.adamBeta1(),
            config.adamBeta2(),
            config.adamEpsilon(),
            config.weightDecay())) {
      if (resumeFrom != null) {
        CheckpointState state = CheckpointStore.readState(resumeFrom);
        CheckpointStore.restore(resumeFrom, model, optimizer);
        step = state.step();
        seen = state.examples();
        first = state.firstLoss();
        last = state.lastLoss();
        earlierSeconds = state.seconds();
        evaluations.addAll(state.evaluations());
      } else {
        evaluations.addAll(evaluation.evaluate(0, model));
        JniUtils.setNumThreads(threads);
      }
      int resumedFrom = step;
      int shuffledEpochs = 0;
      while (step < total) {
        int epoch = step / perEpoch;
        for (; shuffledEpochs <= epoch; shuffledEpochs++) {
          Collections.shuffle(order, random);
        }
        int from = (step % perEpoch) * config.batchSize();
        List<TrainingExample> batch = new ArrayList<>();
        for (int i = from; i < Math.min(order.size(), from + config.batchSize()); i++) {
          batch.add(examples.get(order.get(i)));
        }
        double loss = backward(batch);
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException(
              "loss is " + loss + " at step " + (step + 1) + " (learning rate too high?)");
        }
        double norm =
            GradientClipping.clip(
                model.parameters(),
                config.maxGradNorm() > 0 ? config.maxGradNorm() : Double.POSITIVE_INFINITY);
        double lr = schedule.rate(step);
        optimizer.step(lr);
        model.zeroGradients();
        step++;
        seen += batch.size();
        first = step == 1 ? loss : first;
        last = loss;
        double seconds = earlierSeconds + (System.nanoTime() - start) / 1e9;
        listener.onStep(new StepReport(step, total, epoch + 1, loss, lr, norm, seen, seconds));
        if (checkpointing.every() > 0 && step % checkpointing.every() == 0 && step < total) {
          evaluations.addAll(evaluation.evaluate(step, model));
          JniUtils.setNumThreads(threads);
          checkpointing
              .store()
              .write(
                  model,
                  optimizer,
                  new CheckpointState(
                      step,
                      seen,
                      first,
                      last,
                      earlierSeconds + (System.nanoTime() - start) / 1e9,
                      fingerprint,
                      evaluations));
        }
      }
      return new TrainingSummary(
          step,
          seen,
          first,
          last,
          earlierSeconds + (System.nanoTime() - start) / 1e9,
          resumedFrom,
          evaluations);
    }
  }

  /** The batch's loss, with its gradients accumulated into the parameters. */
  private double backward(List<TrainingExample> batch) {
    try (NDManager scope = model.newScope();
        GradientCollector collector = scope.getEngine().newGradientCollector()) {
      NDArray loss = loss(batch, scope);
      collector.backward(loss);
      return loss.getFloat();
    }
  }

  private NDArray loss(List<TrainingExample> batch, NDManager scope) {
    int b = batch.size();
    List<long[]> sequences = new ArrayList<>();
    for (TrainingExample e : batch) {
      sequences.add(model.tokenize(e.anchor()));
    }
    if (config.loss() == LossKind.MSE) {
      int width = batch.get(0).target().length;
      float[] targets = new float[b * width];
      for (int i = 0; i < b; i++) {
        System.arraycopy(batch.get(i).target(), 0, targets, i * width, width);
      }
      NDArray embeddings = model.embed(sequences, scope);
      return MseLoss.compute(embeddings, scope.create(targets, new Shape(b, width)));
    }
    for (TrainingExample e : batch) {
      sequences.add(model.tokenize(e.positive()));
    }
    for (TrainingExample e : batch) {
      if (e.negative() != null) {
        sequences.add(model.tokenize(e.negative()));
      }
    }
    NDArray embeddings = model.embed(sequences, scope);
    NDArray anchors = embeddings.get(new NDIndex().addSliceDim(0, b));
    NDArray candidates = embeddings.get(new NDIndex().addSliceDim(b, sequences.size()));
    return MultipleNegativesRankingLoss.compute(anchors, candidates, config.mnrlScale());
  }
}
