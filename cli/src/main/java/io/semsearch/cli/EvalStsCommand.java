package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.eval.StsEvaluator;
import io.semsearch.encoder.eval.StsMetrics;
import io.semsearch.encoder.eval.StsPair;
import io.semsearch.encoder.eval.StsTsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Semantic textual similarity: pearson and spearman of gold scores against embedding similarity.
 */
@Command(
    name = "sts",
    mixinStandardHelpOptions = true,
    description = {
      "Scores a model on sentence pairs as sentence-transformers' EmbeddingSimilarityEvaluator"
          + " does:",
      "pearson and spearman of the gold scores against cosine, manhattan and euclidean (negated"
          + " distances)",
      "and dot-product similarity, and the max of each."
    })
final class EvalStsCommand implements Callable<Integer> {

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE.tsv",
      description = "Tab-separated sentence1, sentence2, score; header optional.")
  Path input;

  @Option(names = "--json", description = "Print one JSON object with the card's metric names.")
  boolean json;

  @Mixin EncoderArgs encoder;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<StsPair> pairs = StsTsv.read(input);
    if (pairs.size() < 2) {
      throw new IllegalArgumentException(
          input + ": needs at least 2 sentence pairs, found " + pairs.size());
    }
    StsMetrics metrics;
    String modelId;
    try (SentenceEncoder enc = encoder.open()) {
      modelId = enc.model().id();
      float[][] first = enc.encode(pairs.stream().map(StsPair::sentence1).toList());
      float[][] second = enc.encode(pairs.stream().map(StsPair::sentence2).toList());
      double[] gold = pairs.stream().mapToDouble(StsPair::score).toArray();
      metrics = StsEvaluator.evaluate(first, second, gold);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("model", modelId);
      node.put("pairs", pairs.size());
      for (Map.Entry<String, Double> e : metrics.asMap().entrySet()) {
        if (e.getValue().isNaN()) {
          node.putNull(e.getKey());
        } else {
          node.put(e.getKey(), e.getValue());
        }
      }
      out.println(node);
    } else {
      out.printf(Locale.ROOT, "model %s, %d pairs from %s%n", modelId, pairs.size(), input);
      out.printf(Locale.ROOT, "%-20s %s%n", "metric", "value");
      for (Map.Entry<String, Double> e : metrics.asMap().entrySet()) {
        out.printf(Locale.ROOT, "%-20s %.4f%n", e.getKey(), e.getValue());
      }
    }
    out.flush();
    return 0;
  }
}
