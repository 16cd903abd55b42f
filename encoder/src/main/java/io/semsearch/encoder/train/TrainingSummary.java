package io.semsearch.encoder.train;

import java.util.List;

/**
 * The outcome of a training run; a resumed run's counts include the steps before its checkpoint.
 *
 * @param steps optimizer steps taken
 * @param examples examples seen (counting repeats over epochs)
 * @param firstLoss the loss of the first batch
 * @param lastLoss the loss of the last batch
 * @param seconds wall-clock seconds of the loop (for a resumed run, up to its checkpoint plus this
 *     session's)
 * @param resumedFrom the step of the checkpoint the run continued from; 0 for a fresh run
 * @param evaluations every evaluation in run order: the base model's (step 0), each checkpoint's,
 *     and the result's
 */
public record TrainingSummary(
    int steps,
    long examples,
    double firstLoss,
    double lastLoss,
    double seconds,
    int resumedFrom,
    List<EvaluationResult> evaluations) {

  /** Copies the evaluations. */
  public TrainingSummary {
    evaluations = List.copyOf(evaluations);
  }

  /** This summary with {@code more} evaluations appended. */
  public TrainingSummary withEvaluations(List<EvaluationResult> more) {
    List<EvaluationResult> all = new java.util.ArrayList<>(evaluations);
    all.addAll(more);
    return new TrainingSummary(steps, examples, firstLoss, lastLoss, seconds, resumedFrom, all);
  }
}
