package io.semsearch.encoder.train;

import java.util.Objects;

/**
 * How to train: the hyperparameters of transformers' Trainer that sentence-transformers uses, with
 * the seed model's recipe as defaults ({@link #defaults()}: batch 256, learning rate 2e-5, one
 * epoch, 10% linear warmup then linear decay, no weight decay, gradients clipped to norm 1, AdamW
 * with betas 0.9 / 0.999 and epsilon 1e-8, seed 42).
 *
 * @param loss the objective
 * @param epochs passes over the data (when {@code maxSteps} is 0)
 * @param batchSize examples per step; the last batch of an epoch may be smaller
 * @param learningRate the peak learning rate
 * @param warmupRatio the fraction of all steps spent warming up, rounded up to whole steps
 * @param weightDecay decoupled weight decay of AdamW, applied to weights but not to biases nor
 *     LayerNorms
 * @param maxGradNorm the global gradient norm is clipped to this; 0 turns clipping off
 * @param seed seeds the shuffling, so equal seeds give equal runs
 * @param maxSteps when positive, the number of steps, overriding {@code epochs}
 * @param mnrlScale the scale MultipleNegativesRankingLoss multiplies cosine similarities by
 * @param adamBeta1 AdamW's first-moment decay
 * @param adamBeta2 AdamW's second-moment decay
 * @param adamEpsilon AdamW's denominator epsilon
 */
public record TrainingConfig(
    LossKind loss,
    int epochs,
    int batchSize,
    double learningRate,
    double warmupRatio,
    double weightDecay,
    double maxGradNorm,
    long seed,
    int maxSteps,
    double mnrlScale,
    double adamBeta1,
    double adamBeta2,
    double adamEpsilon) {

  public static final int DEFAULT_EPOCHS = 1;
  public static final int DEFAULT_BATCH_SIZE = 256;
  public static final double DEFAULT_LEARNING_RATE = 2e-5;
  public static final double DEFAULT_WARMUP_RATIO = 0.1;
  public static final double DEFAULT_WEIGHT_DECAY = 0;
  public static final double DEFAULT_MAX_GRAD_NORM = 1.0;
  public static final long DEFAULT_SEED = 42;
  public static final double DEFAULT_MNRL_SCALE = 20;

  /** Validates every value, naming it. */
  public TrainingConfig {
    Objects.requireNonNull(loss, "loss");
    positive("epochs", epochs);
    positive("batch size", batchSize);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive, got: " + learningRate);
    }
    if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
      throw new IllegalArgumentException("warmup ratio must be in [0, 1], got: " + warmupRatio);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got: " + weightDecay);
    }
    if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
      throw new IllegalArgumentException(
          "max grad norm must be >= 0 (0: no clipping), got: " + maxGradNorm);
    }
    if (maxSteps < 0) {
      throw new IllegalArgumentException("max steps must be >= 0 (0: none), got: " + maxSteps);
    }
    if (!(mnrlScale > 0) || Double.isInfinite(mnrlScale)) {
      throw new IllegalArgumentException("MNRL scale must be positive, got: " + mnrlScale);
    }
    if (!(adamBeta1 >= 0 && adamBeta1 < 1) || !(adamBeta2 >= 0 && adamBeta2 < 1)) {
      throw new IllegalArgumentException(
          "Adam betas must be in [0, 1), got: " + adamBeta1 + ", " + adamBeta2);
    }
    if (!(adamEpsilon > 0)) {
      throw new IllegalArgumentException("Adam epsilon must be positive, got: " + adamEpsilon);
    }
  }

  /** The seed model's recipe with MultipleNegativesRankingLoss. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        LossKind.MNRL,
        DEFAULT_EPOCHS,
        DEFAULT_BATCH_SIZE,
        DEFAULT_LEARNING_RATE,
        DEFAULT_WARMUP_RATIO,
        DEFAULT_WEIGHT_DECAY,
        DEFAULT_MAX_GRAD_NORM,
        DEFAULT_SEED,
        0,
        DEFAULT_MNRL_SCALE,
        0.9,
        0.999,
        1e-8);
  }

  /** This config with the loss, epochs, batch size and steps replaced. */
  public TrainingConfig withRun(
      LossKind newLoss, int newEpochs, int newBatchSize, int newMaxSteps) {
    return new TrainingConfig(
        newLoss,
        newEpochs,
        newBatchSize,
        learningRate,
        warmupRatio,
        weightDecay,
        maxGradNorm,
        seed,
        newMaxSteps,
        mnrlScale,
        adamBeta1,
        adamBeta2,
        adamEpsilon);
  }

  /** This config with the optimizer settings and seed replaced. */
  public TrainingConfig withOptimizer(
      double newLearningRate,
      double newWarmupRatio,
      double newWeightDecay,
      double newMaxGradNorm,
      long newSeed) {
    return new TrainingConfig(
        loss,
        epochs,
        batchSize,
        newLearningRate,
        newWarmupRatio,
        newWeightDecay,
        newMaxGradNorm,
        newSeed,
        maxSteps,
        mnrlScale,
        adamBeta1,
        adamBeta2,
        adamEpsilon);
  }

  /**
   * Optimizer steps for {@code examples} examples: {@code maxSteps} when set, else the batches per
   * epoch (the last one partial) times the epochs.
   */
  public int totalSteps(int examples) {
    if (maxSteps > 0) {
      return maxSteps;
    }
    long perEpoch = (examples + (long) batchSize - 1) / batchSize;
    return Math.toIntExact(perEpoch * epochs);
  }

  private static void positive(String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got: " + value);
    }
  }
}
