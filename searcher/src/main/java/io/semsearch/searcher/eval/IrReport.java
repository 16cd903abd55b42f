package io.semsearch.searcher.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link IrMetrics#evaluate}: each metric's mean over the evaluated queries.
 *
 * @param queries how many queries were evaluated (those with at least one relevant document)
 * @param metrics metric name to mean value, in the order {@code accuracy@k}, {@code precision@k},
 *     {@code recall@k}, {@code mrr@k}, {@code ndcg@k}, {@code map@k}, each by the order of its
 *     cutoffs; values are in [0, 1]
 */
public record IrReport(int queries, Map<String, Double> metrics) {

  /** Checks the values and keeps an unmodifiable copy of the metrics, in their order. */
  public IrReport {
    if (queries < 0) {
      throw new IllegalArgumentException("queries must be at least 0, got: " + queries);
    }
    Objects.requireNonNull(metrics, "metrics");
    for (Map.Entry<String, Double> metric : metrics.entrySet()) {
      Objects.requireNonNull(metric.getKey(), "metric name");
      Objects.requireNonNull(metric.getValue(), metric.getKey());
    }
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /**
   * One metric's value.
   *
   * @param name a key such as {@code "ndcg@10"}
   * @throws IllegalArgumentException if the report has no such metric; the message lists those it
   *     has
   */
  public double get(String name) {
    Double value = metrics.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "no metric '" + name + "' in this report; it has " + metrics.keySet());
    }
    return value;
  }
}
