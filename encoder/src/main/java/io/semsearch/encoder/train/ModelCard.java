package io.semsearch.encoder.train;

import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.OutputLayer;
import io.semsearch.encoder.model.PoolingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code README.md} a training run writes into its output folder, in the layout of
 * sentence-transformers' model cards: YAML front matter, model details and the full architecture,
 * the training data and hyperparameters, the losses, and one evaluation table per evaluator with a
 * column for the base model, each checkpoint, and the result.
 *
 * @param base the model trained from (its id as given)
 * @param spec the model's layout (the output has the same)
 * @param config the hyperparameters
 * @param dataDescription what the data were (e.g. the file), or null
 * @param examples usable training examples
 * @param summary the run's outcome, with every evaluation
 */
public record ModelCard(
    String base,
    ModelSpec spec,
    TrainingConfig config,
    String dataDescription,
    int examples,
    TrainingSummary summary) {

  /** Writes the card as {@code folder/README.md}. */
  public void write(Path folder) throws IOException {
    Files.writeString(folder.resolve("README.md"), markdown(), StandardCharsets.UTF_8);
  }

  /** The card's text. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("---\n")
        .append("library_name: sentence-transformers\n")
        .append("pipeline_tag: sentence-similarity\n")
        .append("tags:\n- sentence-transformers\n- sentence-similarity\n- feature-extraction\n")
        .append("- semsearch\n")
        .append("---\n\n");
    md.append("# A sentence-transformers model trained with semsearch\n\n")
        .append("Trained from `")
        .append(base)
        .append("` by `semsearch train`. It maps sentences to a ")
        .append(spec.dimension())
        .append("-dimensional vector space for semantic search and similarity.\n\n");
    md.append("## Model Details\n\n")
        .append("- **Maximum Sequence Length:** ")
        .append(spec.transformer().maxSeqLength())
        .append(" tokens\n- **Output Dimensionality:** ")
        .append(spec.dimension())
        .append("\n- **Similarity Function:** Cosine Similarity\n\n");
    md.append("### Full Model Architecture\n\n```\n").append(architecture()).append("```\n\n");
    md.append("## Training Details\n\n### Training Dataset\n\n");
    if (dataDescription != null) {
      md.append("- **Data:** ").append(dataDescription).append('\n');
    }
    md.append("- **Examples:** ")
        .append(examples)
        .append("\n- **Loss:** ")
        .append(
            config.loss() == LossKind.MNRL
                ? String.format(
                    Locale.ROOT,
                    "MultipleNegativesRankingLoss (scale %s, cosine similarity)",
                    num(config.mnrlScale()))
                : "MSELoss (to target embeddings)")
        .append("\n\n### Training Hyperparameters\n\n");
    Map<String, String> hp = new LinkedHashMap<>();
    hp.put("per_device_train_batch_size", Integer.toString(config.batchSize()));
    hp.put("learning_rate", num(config.learningRate()));
    hp.put("num_train_epochs", Integer.toString(config.epochs()));
    hp.put("max_steps", config.maxSteps() > 0 ? Integer.toString(config.maxSteps()) : "-1");
    hp.put("lr_scheduler_type", "linear");
    hp.put("warmup_ratio", num(config.warmupRatio()));
    hp.put("weight_decay", num(config.weightDecay()));
    hp.put("max_grad_norm", num(config.maxGradNorm()));
    hp.put("adam_beta1", num(config.adamBeta1()));
    hp.put("adam_beta2", num(config.adamBeta2()));
    hp.put("adam_epsilon", num(config.adamEpsilon()));
    hp.put("seed", Long.toString(config.seed()));
    hp.forEach((k, v) -> md.append("- `").append(k).append("`: ").append(v).append('\n'));
    md.append("\n### Training Logs\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "%d steps, %d examples seen, %.1f s; loss %.4f at the first step, %.4f at the"
                    + " last%s.%n%n",
                summary.steps(),
                summary.examples(),
                summary.seconds(),
                summary.firstLoss(),
                summary.lastLoss(),
                summary.resumedFrom() > 0
                    ? " (resumed from the checkpoint of step " + summary.resumedFrom() + ")"
                    : ""));
    if (!summary.evaluations().isEmpty()) {
      md.append("## Evaluation\n\n### Metrics\n\n");
      evaluationTables(md);
    }
    return md.toString();
  }

  /** One table per evaluator: a row per metric, a column per evaluated step. */
  private void evaluationTables(StringBuilder md) {
    Set<String> evaluators = new LinkedHashSet<>();
    summary.evaluations().forEach(r -> evaluators.add(r.evaluator()));
    for (String evaluator : evaluators) {
      List<EvaluationResult> results =
          summary.evaluations().stream().filter(r -> r.evaluator().equals(evaluator)).toList();
      md.append("#### ").append(evaluator).append("\n\n| Metric |");
      for (EvaluationResult r : results) {
        md.append(' ').append(column(r.step())).append(" |");
      }
      md.append("\n|:--|");
      md.append("--:|".repeat(results.size()));
      md.append('\n');
      Set<String> metrics = new LinkedHashSet<>();
      results.forEach(r -> metrics.addAll(r.metrics().keySet()));
      for (String metric : metrics) {
        md.append("| ").append(metric).append(" |");
        for (EvaluationResult r : results) {
          Double v = r.metrics().get(metric);
          md.append(' ')
              .append(v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v))
              .append(" |");
        }
        md.append('\n');
      }
      md.append('\n');
    }
  }

  private String column(int step) {
    if (step == 0) {
      return "base";
    }
    return step == summary.steps() ? "final (step " + step + ")" : "step " + step;
  }

  /** The module list as sentence-transformers prints a model. */
  private String architecture() {
    BertConfig c = spec.transformer().config();
    PoolingConfig p = spec.pooling();
    List<String> modules = new ArrayList<>();
    modules.add(
        String.format(
            Locale.ROOT,
            "Transformer({'max_seq_length': %d, 'do_lower_case': %s}) with Transformer model:"
                + " BertModel (%d layers, hidden %d, %d heads, intermediate %d, vocabulary %d)",
            spec.transformer().maxSeqLength(),
            spec.transformer().doLowerCase() ? "True" : "False",
            c.numLayers(),
            c.hiddenSize(),
            c.numHeads(),
            c.intermediateSize(),
            c.vocabSize()));
    modules.add(
        String.format(
            Locale.ROOT,
            "Pooling({'word_embedding_dimension': %d, 'pooling_mode_cls_token': %s,"
                + " 'pooling_mode_mean_tokens': %s, 'pooling_mode_max_tokens': %s,"
                + " 'pooling_mode_mean_sqrt_len_tokens': %s})",
            p.wordEmbeddingDimension(),
            py(p.cls()),
            py(p.mean()),
            py(p.max()),
            py(p.meanSqrtLen())));
    for (OutputLayer layer : spec.outputLayers()) {
      modules.add(
          switch (layer) {
            case OutputLayer.Dense d ->
                String.format(
                    Locale.ROOT,
                    "Dense({'in_features': %d, 'out_features': %d, 'bias': %s,"
                        + " 'activation_function': '%s'})",
                    d.inFeatures(),
                    d.outFeatures(),
                    py(d.bias()),
                    d.activation().name().toLowerCase(Locale.ROOT));
            case OutputLayer.Normalize n -> "Normalize()";
          });
    }
    StringBuilder out = new StringBuilder("SentenceTransformer(\n");
    for (int i = 0; i < modules.size(); i++) {
      out.append("  (").append(i).append("): ").append(modules.get(i)).append('\n');
    }
    return out.append(")\n").toString();
  }

  private static String py(boolean b) {
    return b ? "True" : "False";
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
