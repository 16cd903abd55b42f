package io.semsearch.searcher.eval;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The retrieval metrics of sentence-transformers' {@code InformationRetrievalEvaluator} ({@code
 * compute_metrics}), computed the same way so that numbers can be compared with it.
 *
 * <p>Relevance is binary, as in sentence-transformers, whose relevant documents are a set: a
 * document is relevant to a query when its qrel has relevance above 0; grades above 1 count as 1,
 * and a qrel with relevance 0 or below is the same as no qrel. For a query with the set R of
 * relevant documents and its ranking cut at rank k:
 *
 * <ul>
 *   <li>Accuracy@k: 1 if a relevant document is in the top k, else 0.
 *   <li>Precision@k: relevant documents in the top k, divided by k (not by the number of hits
 *       returned, so a ranking shorter than k is not rewarded).
 *   <li>Recall@k: relevant documents in the top k, divided by |R|.
 *   <li>MRR@k: 1 / rank of the first relevant document in the top k, 0 if there is none.
 *   <li>nDCG@k: binary gains, DCG = sum over relevant documents at rank r &le; k of 1 / log2(r +
 *       1), divided by the ideal DCG of min(|R|, k) relevant documents at ranks 1, 2, ...
 *   <li>MAP@k: the sum, over relevant documents at rank r &le; k, of the precision at r, divided by
 *       min(k, |R|).
 * </ul>
 *
 * <p>Each metric is the mean of its per-query values over the evaluated queries. Like
 * sentence-transformers, which only evaluates queries that have relevant documents, the evaluated
 * queries are those of {@code qrels} with at least one relevant document; the others are skipped
 * and not counted. A ranking for a query that is not evaluated is ignored. An evaluated query with
 * no ranking, or an empty one, scores 0 on every metric and still counts in the means (in
 * sentence-transformers every evaluated query is searched, so it always has a ranking).
 */
public final class IrMetrics {

  private IrMetrics() {}

  /**
   * Evaluates rankings against relevance judgements.
   *
   * @param rankings query id to document ids, best first; may be longer or shorter than the
   *     cutoffs. A document may appear only once in a ranking
   * @param qrels query id to document id to relevance; relevance above 0 means relevant
   * @param cutoffs the ranks at which each metric is computed
   * @return the means and the number of evaluated queries
   * @throws IllegalArgumentException if no query in {@code qrels} has a relevant document, or a
   *     ranking lists a document twice
   */
  public static IrReport evaluate(
      Map<String, List<String>> rankings,
      Map<String, Map<String, Integer>> qrels,
      IrCutoffs cutoffs) {
    Objects.requireNonNull(rankings, "rankings");
    Objects.requireNonNull(qrels, "qrels");
    Objects.requireNonNull(cutoffs, "cutoffs");
    Sums sums = new Sums(cutoffs);
    int queries = 0;
    for (Map.Entry<String, Map<String, Integer>> judged : qrels.entrySet()) {
      Set<String> relevant = relevant(judged.getKey(), judged.getValue());
      if (relevant.isEmpty()) {
        continue;
      }
      queries++;
      List<String> ranking = rankings.getOrDefault(judged.getKey(), List.of());
      sums.add(judged.getKey(), ranking == null ? List.of() : ranking, relevant);
    }
    if (queries == 0) {
      throw new IllegalArgumentException(
          "no query to evaluate: none of the "
              + qrels.size()
              + " queries in the qrels has a document with relevance above 0");
    }
    return new IrReport(queries, sums.means(queries));
  }

  private static Set<String> relevant(String qid, Map<String, Integer> judgements) {
    Objects.requireNonNull(judgements, () -> "qrels for query '" + qid + "'");
    Set<String> relevant = new HashSet<>();
    for (Map.Entry<String, Integer> judgement : judgements.entrySet()) {
      Integer relevance =
          Objects.requireNonNull(
              judgement.getValue(),
              () -> "relevance of '" + judgement.getKey() + "' for query '" + qid + "'");
      if (relevance > 0) {
        relevant.add(judgement.getKey());
      }
    }
    return relevant;
  }

  /** Per-metric sums of the per-query values, in the report's key order. */
  private static final class Sums {
    private final IrCutoffs cutoffs;
    private final int depth;
    private final Map<String, Double> sums = new LinkedHashMap<>();

    Sums(IrCutoffs cutoffs) {
      this.cutoffs = cutoffs;
      this.depth = cutoffs.maxDepth();
      cutoffs.accuracyAt().forEach(k -> sums.put("accuracy@" + k, 0.0));
      cutoffs.precisionRecallAt().forEach(k -> sums.put("precision@" + k, 0.0));
      cutoffs.precisionRecallAt().forEach(k -> sums.put("recall@" + k, 0.0));
      cutoffs.mrrAt().forEach(k -> sums.put("mrr@" + k, 0.0));
      cutoffs.ndcgAt().forEach(k -> sums.put("ndcg@" + k, 0.0));
      cutoffs.mapAt().forEach(k -> sums.put("map@" + k, 0.0));
    }

    void add(String qid, List<String> ranking, Set<String> relevant) {
      requireDistinct(qid, ranking);
      // 1. Mark the relevant ranks up to the deepest cutoff; hits[i] = relevant documents in ranks
      // 1..i.
      int seen = Math.min(depth, ranking.size());
      boolean[] isRelevant = new boolean[seen];
      int[] hits = new int[depth + 1];
      int firstRelevant = -1;
      for (int i = 0; i < seen; i++) {
        isRelevant[i] = relevant.contains(ranking.get(i));
        if (isRelevant[i] && firstRelevant < 0) {
          firstRelevant = i + 1;
        }
      }
      for (int i = 0; i < depth; i++) {
        hits[i + 1] = hits[i] + (i < seen && isRelevant[i] ? 1 : 0);
      }
      // 2. Each metric at each cutoff, from the marks.
      for (int k : cutoffs.accuracyAt()) {
        sums.merge("accuracy@" + k, hits[k] > 0 ? 1.0 : 0.0, Double::sum);
      }
      for (int k : cutoffs.precisionRecallAt()) {
        sums.merge("precision@" + k, (double) hits[k] / k, Double::sum);
        sums.merge("recall@" + k, (double) hits[k] / relevant.size(), Double::sum);
      }
      for (int k : cutoffs.mrrAt()) {
        sums.merge(
            "mrr@" + k,
            firstRelevant > 0 && firstRelevant <= k ? 1.0 / firstRelevant : 0.0,
            Double::sum);
      }
      for (int k : cutoffs.ndcgAt()) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, seen); i++) {
          dcg += isRelevant[i] ? discount(i + 1) : 0;
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
          ideal += discount(i + 1);
        }
        sums.merge("ndcg@" + k, dcg / ideal, Double::sum);
      }
      for (int k : cutoffs.mapAt()) {
        double precisions = 0;
        for (int i = 0; i < Math.min(k, seen); i++) {
          precisions += isRelevant[i] ? (double) hits[i + 1] / (i + 1) : 0;
        }
        sums.merge("map@" + k, precisions / Math.min(k, relevant.size()), Double::sum);
      }
    }

    Map<String, Double> means(int queries) {
      Map<String, Double> means = new LinkedHashMap<>();
      sums.forEach((name, sum) -> means.put(name, sum / queries));
      return means;
    }

    /** The DCG discount of a 1-based rank: 1 / log2(rank + 1). */
    private static double discount(int rank) {
      return Math.log(2) / Math.log(rank + 1.0);
    }

    private static void requireDistinct(String qid, List<String> ranking) {
      Map<String, Integer> ranks = new HashMap<>();
      for (int i = 0; i < ranking.size(); i++) {
        String doc =
            Objects.requireNonNull(
                ranking.get(i), () -> "document id in the ranking for query '" + qid + "'");
        Integer earlier = ranks.putIfAbsent(doc, i + 1);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "ranking for query '"
                  + qid
                  + "' lists document '"
                  + doc
                  + "' twice, at ranks "
                  + earlier
                  + " and "
                  + (i + 1));
        }
      }
    }
  }
}
