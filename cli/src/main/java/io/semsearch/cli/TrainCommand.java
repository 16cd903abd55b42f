package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.builtin.InitialModel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.train.LossKind;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingData;
import io.semsearch.encoder.train.TrainingOptions;
import io.semsearch.encoder.train.TrainingSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Fine-tunes a model on pairs or targets and writes it as a sentence-transformers folder. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Fine-tunes a model as sentence-transformers' trainer does (defaults: the seed model's",
      "recipe) and writes a model folder with a model card (README.md).",
      "Progress (step, loss, lr, examples/s, ETA) goes to stderr. --checkpoint-every N and",
      "--resume continue a stopped run; --eval-sts and --eval-ir evaluate the base model,",
      "each checkpoint and the result."
    })
final class TrainCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      paramLabel = "BASE",
      description = "The model to start from: a folder or a Hugging Face repo id.")
  String model;

  @Option(
      names = "--init",
      paramLabel = "SHAPE",
      description =
          "Start from a freshly initialized model instead of --model (seeded by --seed):"
              + " bert-tiny-dense, or bert-tiny-dense-pca (its embeddings the default model's,"
              + " reduced by PCA).")
  String init;

  @Option(
      names = "--train",
      required = true,
      paramLabel = "FILE",
      description =
          "Training rows: .tsv with a header or .jsonl (optionally .gz); columns anchor, positive,"
              + " optional negative (mnrl) or anchor, target (mse: numbers).")
  Path train;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "Folder for the trained model (must not exist or be empty).")
  Path output;

  @Option(
      names = "--loss",
      defaultValue = "mnrl",
      paramLabel = "L",
      description = "mnrl (MultipleNegativesRankingLoss) or mse (default: ${DEFAULT-VALUE}).")
  String loss;

  @Option(names = "--epochs", defaultValue = "1", paramLabel = "N", description = "Default: 1.")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "256",
      paramLabel = "N",
      description = "Examples per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--lr",
      defaultValue = "2e-5",
      paramLabel = "R",
      description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--weight-decay",
      defaultValue = "0",
      paramLabel = "F",
      description = "AdamW's decoupled weight decay (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(
      names = "--max-grad-norm",
      defaultValue = "1.0",
      paramLabel = "F",
      description = "Clip the global gradient norm to this; 0: no clipping (default: 1.0).")
  double maxGradNorm;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "N",
      description =
          "Seed of the shuffling; equal seeds give equal models up to float rounding (default:"
              + " 42).")
  long seed;

  @Mixin TrainingRunArgs run;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    TrainingConfig config;
    try {
      config =
          TrainingConfig.defaults()
              .withRun(LossKind.parse(loss), epochs, batchSize, run.maxSteps)
              .withOptimizer(lr, run.warmupRatio, weightDecay, maxGradNorm, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if ((model == null) == (init == null)) {
      throw new ParameterException(spec.commandLine(), "give one of --model or --init");
    }
    if (init != null && !InitialModel.IDS.contains(init)) {
      throw new ParameterException(
          spec.commandLine(),
          "--init " + init + ": unknown (known: " + String.join(", ", InitialModel.IDS) + ")");
    }
    PrintWriter err = spec.commandLine().getErr();
    TrainingOptions options =
        run.options(spec, output, err)
            .withReporting(
                init == null ? null : "a fresh " + init + " (seed " + seed + ")",
                train.getFileName().toString(),
                line -> {
                  err.println(line);
                  err.flush();
                });
    TrainingData data = TrainingData.read(train, config.loss());
    data.skipReasons().forEach(reason -> err.println("skipped " + reason));
    if (data.skipped() > 0) {
      err.printf(Locale.ROOT, "%d rows of %s skipped%n", data.skipped(), train);
    }
    int total = config.totalSteps(data.examples().size());
    err.printf(
        Locale.ROOT,
        "training %s on %,d examples (%s): %d steps of %d, lr %.3g, warmup %.2f%n",
        init == null ? model : "a fresh " + init,
        data.examples().size(),
        config.loss().name().toLowerCase(Locale.ROOT),
        total,
        config.batchSize(),
        config.learningRate(),
        config.warmupRatio());
    Path initFolder =
        init == null
            ? null
            : InitialModel.write(init, seed, Files.createTempDirectory("semsearch-init-"));
    TrainingSummary summary;
    try {
      summary =
          SentenceEncoders.train(
              init == null ? model : initFolder.toString(),
              data,
              config,
              output,
              report -> TrainingRunArgs.printProgress(report, err),
              options);
    } finally {
      if (initFolder != null) {
        deleteTree(initFolder);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (run.json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("model", init == null ? model : "init:" + init);
      node.put("output", output.toString());
      node.put("loss", config.loss().name().toLowerCase(Locale.ROOT));
      node.put("examples", data.examples().size());
      node.put("skipped", data.skipped());
      node.put("steps", summary.steps());
      node.put("examples_seen", summary.examples());
      node.put("first_loss", summary.firstLoss());
      node.put("last_loss", summary.lastLoss());
      node.put("seconds", summary.seconds());
      node.put("resumed_from", summary.resumedFrom());
      TrainingRunArgs.putEvaluations(node, summary.evaluations());
      out.println(node);
    } else {
      out.printf(
          Locale.ROOT,
          "trained %d steps in %.1f s: loss %.4f -> %.4f; model written to %s%n",
          summary.steps(),
          summary.seconds(),
          summary.firstLoss(),
          summary.lastLoss(),
          output);
    }
    out.flush();
    return 0;
  }

  /** Deletes a folder this command made, deepest entries first. */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
