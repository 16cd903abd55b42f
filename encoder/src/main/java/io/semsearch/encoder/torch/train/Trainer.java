package io.semsearch.encoder.torch.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.semsearch.encoder.torch.TrainableSentenceModel;
import io.semsearch.encoder.train.LinearWarmupSchedule;
import io.semsearch.encoder.train.LossKind;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingData;
import io.semsearch.encoder.train.TrainingExample;
import io.semsearch.encoder.train.TrainingListener;
import io.semsearch.encoder.train.TrainingListener.StepReport;
import io.semsearch.encoder.train.TrainingSummary;
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
 *   <li>the run stops after {@link TrainingConfig#totalSteps} steps, or with an error as soon as a
 *       loss is not finite.
 * </ol>
 *
 * <p>Every array of a step lives in one scope closed at the end of the step. libtorch's intra-op
 * threads are set for the calling thread, which is the only one computing: the core count by
 * default. With one thread a run is bit-for-bit repeatable for a seed; with several, libtorch's
 * parallel sums may add in another order from run to run, so weights agree only to rounding.
 */
public final class Trainer {

  private final TrainableSentenceModel model;
  private final TrainingConfig config;

  private Trainer(TrainableSentenceModel model, TrainingConfig config) {
    this.model = model;
    this.config = config;
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
      TrainingListener listener) {
    return train(model, data, config, listener, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Trains {@code model} in place on {@code data} with {@code intraOpThreads} libtorch threads (1
   * for bit-for-bit repeatable runs).
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
      int intraOpThreads) {
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
    JniUtils.setNumThreads(intraOpThreads);
    return new Trainer(model, config).run(examples, listener);
  }

  private TrainingSummary run(List<TrainingExample> examples, TrainingListener listener) {
    int total = config.totalSteps(examples.size());
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
    int step = 0;
    model.zeroGradients();
    try (AdamW optimizer =
        new AdamW(
            model.parameters(),
            config.adamBeta1(),
            config.adamBeta2(),
            config.adamEpsilon(),
            config.weightDecay())) {
      for (int epoch = 1; step < total; epoch++) {
        Collections.shuffle(order, random);
        for (int from = 0; from < order.size() && step < total; from += config.batchSize()) {
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
          listener.onStep(
              new StepReport(
                  step, total, epoch, loss, lr, norm, seen, (System.nanoTime() - start) / 1e9));
        }
      }
    }
    return new TrainingSummary(step, seen, first, last, (System.nanoTime() - start) / 1e9);
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
