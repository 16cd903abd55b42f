package io.semsearch.encoder.train;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.eval.StsEvaluator;
import io.semsearch.encoder.eval.StsPair;
import io.semsearch.encoder.eval.StsTsv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Semantic textual similarity on a TSV of scored pairs ({@link StsTsv}), computed as {@code eval
 * sts} computes it: both sentences of every pair embedded, then {@link StsEvaluator}'s ten
 * correlations.
 */
public final class StsTrainingEvaluator implements TrainingEvaluator {

  private final List<StsPair> pairs;

  private StsTrainingEvaluator(List<StsPair> pairs) {
    this.pairs = pairs;
  }

  /**
   * Reads the pairs once, so a bad file fails before training starts.
   *
   * @throws IOException if the file can't be read or has fewer than 2 pairs, naming it
   */
  public static StsTrainingEvaluator read(Path file) throws IOException {
    List<StsPair> pairs = StsTsv.read(file);
    if (pairs.size() < 2) {
      throw new IOException(file + ": needs at least 2 sentence pairs, found " + pairs.size());
    }
    return new StsTrainingEvaluator(pairs);
  }

  @Override
  public String name() {
    return "sts";
  }

  @Override
  public Map<String, Double> evaluate(SentenceEncoder encoder) {
    float[][] first = encoder.encode(pairs.stream().map(StsPair::sentence1).toList());
    float[][] second = encoder.encode(pairs.stream().map(StsPair::sentence2).toList());
    double[] gold = pairs.stream().mapToDouble(StsPair::score).toArray();
    return StsEvaluator.evaluate(first, second, gold).asMap();
  }
}
