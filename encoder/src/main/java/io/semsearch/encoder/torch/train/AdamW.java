package io.semsearch.encoder.torch.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.semsearch.encoder.torch.TrainableSentenceModel.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW as {@code torch.optim.AdamW} computes it, for each parameter {@code p} with gradient {@code
 * g} at step {@code t} (1-based):
 *
 * <ol>
 *   <li>decoupled weight decay, for parameters that decay: {@code p -= lr * weightDecay * p};
 *   <li>moments: {@code m = beta1 m + (1 - beta1) g}, {@code v = beta2 v + (1 - beta2) g^2};
 *   <li>bias-corrected update: {@code p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) +
 *       eps)}.
 * </ol>
 *
 * <p>This object owns the moment arrays (one {@link NDManager}); each step works in a sub-manager
 * to which the moments are attached for the step only, so its temporaries are freed at once.
 */
public final class AdamW implements AutoCloseable {

  private final List<Parameter> parameters;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final NDManager manager;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private int steps;

  /** Zero moments for each parameter. */
  public AdamW(
      List<Parameter> parameters, double beta1, double beta2, double epsilon, double weightDecay) {
    this.parameters = List.copyOf(parameters);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.manager = this.parameters.get(0).value().getManager().newSubManager();
    for (Parameter p : this.parameters) {
      firstMoments.add(manager.zeros(p.value().getShape()));
      secondMoments.add(manager.zeros(p.value().getShape()));
    }
  }

  /** Steps taken so far. */
  public int steps() {
    return steps;
  }

  /** Parameter {@code i}'s first moment (torch's {@code exp_avg}), copied to the heap. */
  public float[] firstMoment(int i) {
    return firstMoments.get(i).toFloatArray();
  }

  /** Parameter {@code i}'s second moment (torch's {@code exp_avg_sq}), copied to the heap. */
  public float[] secondMoment(int i) {
    return secondMoments.get(i).toFloatArray();
  }

  /**
   * Restores the state of a checkpoint: the step count (for bias correction) and both moments of
   * every parameter, in parameter order.
   *
   * @throws IllegalArgumentException if a list's size or a moment's length does not fit
   */
  public void restore(int stepsTaken, List<float[]> first, List<float[]> second) {
    if (first.size() != parameters.size() || second.size() != parameters.size()) {
      throw new IllegalArgumentException(
          "moments for " + first.size() + " parameters, expected " + parameters.size());
    }
    for (int i = 0; i < parameters.size(); i++) {
      overwrite(firstMoments.get(i), first.get(i), parameters.get(i).name(), manager);
      overwrite(secondMoments.get(i), second.get(i), parameters.get(i).name(), manager);
    }
    steps = stepsTaken;
  }

  private static void overwrite(NDArray moment, float[] values, String name, NDManager manager) {
    if (moment.size() != values.length) {
      throw new IllegalArgumentException(
          "moment of " + name + " has " + moment.size() + " values, got " + values.length);
    }
    try (NDManager scope = manager.newSubManager()) {
      moment.set(new NDIndex("..."), scope.create(values, moment.getShape()));
    }
  }

  /** Updates every parameter from its accumulated gradient with learning rate {@code lr}. */
  public void step(double lr) {
    steps++;
    double correction1 = 1 - Math.pow(beta1, steps);
    double correction2 = Math.sqrt(1 - Math.pow(beta2, steps));
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      try (NDManager scope = manager.newSubManager()) {
        NDArray m = firstMoments.get(i);
        NDArray v = secondMoments.get(i);
        m.tempAttach(scope);
        v.tempAttach(scope);
        NDArray g = p.gradient(scope);
        NDArray data = p.data(scope);
        if (p.decays() && weightDecay != 0) {
          data.muli((float) (1 - lr * weightDecay));
        }
        m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
        v.muli((float) beta2).addi(g.mul(g).muli((float) (1 - beta2)));
        NDArray denominator = v.sqrt().divi((float) correction2).addi((float) epsilon);
        data.subi(m.div(denominator).muli((float) (lr / correction1)));
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
