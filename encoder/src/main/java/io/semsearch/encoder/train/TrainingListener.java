package io.semsearch.encoder.train;

/** Hears about each optimizer step of a training run. */
@FunctionalInterface
public interface TrainingListener {

  /** Called after step {@code report.step()} has updated the weights. */
  void onStep(StepReport report);

  /**
   * One optimizer step.
   *
   * @param step 1-based step number
   * @param totalSteps steps in the run
   * @param epoch 1-based epoch
   * @param loss the batch's loss before the update
   * @param learningRate the rate the step used
   * @param gradientNorm the global gradient norm before clipping
   * @param examples examples seen so far
   * @param seconds seconds since the run started
   */
  record StepReport(
      int step,
      int totalSteps,
      int epoch,
      double loss,
      double learningRate,
      double gradientNorm,
      long examples,
      double seconds) {}
}
