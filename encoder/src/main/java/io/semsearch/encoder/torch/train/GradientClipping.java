package io.semsearch.encoder.torch.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.semsearch.encoder.torch.TrainableSentenceModel.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Clipping by global norm, as {@code torch.nn.utils.clip_grad_norm_}: the L2 norm of all gradients
 * together, and when it exceeds {@code maxNorm} every gradient is scaled by {@code maxNorm / (norm
 * + 1e-6)}.
 */
public final class GradientClipping {

  private GradientClipping() {}

  /**
   * Clips the parameters' gradients in place.
   *
   * @return the global norm before clipping
   */
  public static double clip(List<Parameter> parameters, double maxNorm) {
    try (NDManager scope = parameters.get(0).value().getManager().newSubManager()) {
      List<NDArray> gradients = new ArrayList<>();
      double squares = 0;
      for (Parameter p : parameters) {
        NDArray g = p.gradient(scope);
        gradients.add(g);
        double norm = g.norm().getFloat();
        squares += norm * norm;
      }
      double total = Math.sqrt(squares);
      double coefficient = maxNorm / (total + 1e-6);
      if (maxNorm > 0 && coefficient < 1) {
        for (NDArray g : gradients) {
          g.muli((float) coefficient);
        }
      }
      return total;
    }
  }
}
