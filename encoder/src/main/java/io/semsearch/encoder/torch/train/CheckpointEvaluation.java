package io.semsearch.encoder.torch.train;

import io.semsearch.encoder.torch.TrainableSentenceModel;
import io.semsearch.encoder.train.EvaluationResult;
import java.io.IOException;
import java.util.List;

/**
 * Evaluates the model being trained at a point of the run: before the first step (step 0) and at
 * each checkpoint. It must not change the model's weights or gradients.
 */
@FunctionalInterface
public interface CheckpointEvaluation {

  /** No evaluation. */
  CheckpointEvaluation NONE = (step, model) -> List.of();

  /** The evaluators' results for the model as it is after {@code step} steps. */
  List<EvaluationResult> evaluate(int step, TrainableSentenceModel model) throws IOException;
}
