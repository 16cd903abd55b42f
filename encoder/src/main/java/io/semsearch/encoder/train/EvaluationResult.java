package io.semsearch.encoder.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one evaluator measured at one point of a run.
 *
 * @param evaluator the evaluator's {@link TrainingEvaluator#name()}
 * @param step optimizer steps taken when it ran: 0 for the base model
 * @param metrics metric name to value, in the evaluator's order; NaN where undefined
 */
public record EvaluationResult(String evaluator, int step, Map<String, Double> metrics) {

  /** Copies the metrics, keeping their order. */
  public EvaluationResult {
    Objects.requireNonNull(evaluator, "evaluator");
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }
}
