package io.semsearch.encoder.train;

/**
 * The learning rate of transformers' {@code get_linear_schedule_with_warmup}: from 0 up linearly
 * over the warmup steps to the peak, then linearly down to 0 at the last step. Step {@code s}
 * (0-based: the {@code s+1}-th optimizer step) uses {@code peak * s / warmup} while {@code s <
 * warmup}, else {@code peak * max(0, (total - s) / max(1, total - warmup))}; so with warmup the
 * first step runs at rate 0, as in PyTorch.
 *
 * @param peak the peak learning rate
 * @param warmupSteps steps of warmup
 * @param totalSteps all steps of the run
 */
public record LinearWarmupSchedule(double peak, int warmupSteps, int totalSteps) {

  /** Validates the step counts. */
  public LinearWarmupSchedule {
    if (warmupSteps < 0 || totalSteps <= 0) {
      throw new IllegalArgumentException(
          "warmup steps must be >= 0 and total steps > 0, got: " + warmupSteps + ", " + totalSteps);
    }
  }

  /** The schedule of a run of {@code totalSteps}: warmup is {@code ceil(ratio * total)} steps. */
  public static LinearWarmupSchedule of(double peak, double warmupRatio, int totalSteps) {
    return new LinearWarmupSchedule(peak, (int) Math.ceil(warmupRatio * totalSteps), totalSteps);
  }

  /** The learning rate of 0-based step {@code step}. */
  public double rate(int step) {
    if (step < warmupSteps) {
      return peak * step / Math.max(1, warmupSteps);
    }
    return peak
        * Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
  }
}
