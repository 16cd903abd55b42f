package io.semsearch.encoder.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The correlations of gold similarity scores with four embedding similarities, as reported by
 * sentence-transformers' {@code EmbeddingSimilarityEvaluator} and on model cards.
 *
 * <p>A value is NaN when the correlation is undefined, e.g. when all gold scores are equal.
 *
 * @param pearsonCosine Pearson correlation of gold scores with cosine similarity
 * @param spearmanCosine Spearman correlation of gold scores with cosine similarity
 * @param pearsonManhattan Pearson correlation with the negated Manhattan (L1) distance
 * @param spearmanManhattan Spearman correlation with the negated Manhattan (L1) distance
 * @param pearsonEuclidean Pearson correlation with the negated Euclidean (L2) distance
 * @param spearmanEuclidean Spearman correlation with the negated Euclidean (L2) distance
 * @param pearsonDot Pearson correlation with the dot product
 * @param spearmanDot Spearman correlation with the dot product
 * @param pearsonMax the largest of the four Pearson values (NaN values ignored; NaN if all are)
 * @param spearmanMax the largest of the four Spearman values (NaN values ignored; NaN if all are)
 */
public record StsMetrics(
    double pearsonCosine,
    double spearmanCosine,
    double pearsonManhattan,
    double spearmanManhattan,
    double pearsonEuclidean,
    double spearmanEuclidean,
    double pearsonDot,
    double spearmanDot,
    double pearsonMax,
    double spearmanMax) {

  /**
   * Returns the ten values under the key names of sentence-transformers and model cards, in this
   * order: {@code pearson_cosine, spearman_cosine, pearson_manhattan, spearman_manhattan,
   * pearson_euclidean, spearman_euclidean, pearson_dot, spearman_dot, pearson_max, spearman_max}.
   *
   * @return an unmodifiable map that iterates in that order
   */
  public Map<String, Double> asMap() {
    Map<String, Double> map = new LinkedHashMap<>();
    map.put("pearson_cosine", pearsonCosine);
    map.put("spearman_cosine", spearmanCosine);
    map.put("pearson_manhattan", pearsonManhattan);
    map.put("spearman_manhattan", spearmanManhattan);
    map.put("pearson_euclidean", pearsonEuclidean);
    map.put("spearman_euclidean", spearmanEuclidean);
    map.put("pearson_dot", pearsonDot);
    map.put("spearman_dot", spearmanDot);
    map.put("pearson_max", pearsonMax);
    map.put("spearman_max", spearmanMax);
    return Collections.unmodifiableMap(map);
  }
}
