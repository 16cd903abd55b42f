package io.semsearch.encoder.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * Appends {@code results} to {@code array} as {@code {"evaluator", "step", "metrics"}} objects,
   * NaN metrics as null (the form of checkpoints and of {@code --json} summaries).
   */
  public static void writeJson(List<EvaluationResult> results, ArrayNode array) {
    for (EvaluationResult r : results) {
      ObjectNode e = array.addObject();
      e.put("evaluator", r.evaluator());
      e.put("step", r.step());
      ObjectNode metrics = e.putObject("metrics");
      r.metrics()
          .forEach(
              (k, v) -> {
                if (v.isNaN()) {
                  metrics.putNull(k);
                } else {
                  metrics.put(k, v);
                }
              });
    }
  }
}
