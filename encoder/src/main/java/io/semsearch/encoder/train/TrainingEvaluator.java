package io.semsearch.encoder.train;

import io.semsearch.encoder.SentenceEncoder;
import java.io.IOException;
import java.util.Map;

/**
 * Scores a model while it trains, as sentence-transformers' evaluators do: the trainer calls it on
 * the base model before the first step, at each checkpoint, and on the written model at the end,
 * each time with an encoder that embeds exactly as {@code --model FOLDER} would.
 */
public interface TrainingEvaluator {

  /** A short name for tables and JSON (e.g. {@code sts}, {@code ir}). */
  String name();

  /**
   * The metrics of the model {@code encoder} runs, by name in report order; NaN where undefined.
   *
   * @throws IOException if the evaluation data can't be read
   */
  Map<String, Double> evaluate(SentenceEncoder encoder) throws IOException;
}
