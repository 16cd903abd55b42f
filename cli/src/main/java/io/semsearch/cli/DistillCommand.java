package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.builtin.InitialModel;
import io.semsearch.encoder.engine.Distillation;
import io.semsearch.encoder.train.LossKind;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Distills a teacher model into a (smaller) student on plain sentences. */
@Command(
    name = "distill",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a student model to reproduce a teacher's embeddings (MSE), as sentence-transformers'",
      "distillation example does; a wider teacher is reduced to the student's width with PCA."
    })
final class DistillCommand implements Callable<Integer> {

  @Option(
      names = "--teacher",
      paramLabel = "MODEL",
      description = "The teacher: a folder, a Hugging Face repo id (default: the default model).")
  String teacher;

  @Option(names = "--student", paramLabel = "MODEL", description = "The student to start from.")
  String student;

  @Option(
      names = "--init",
      paramLabel = "SHAPE",
      description =
          "Start from a freshly initialized student (seeded by --seed): bert-tiny-dense, or"
              + " bert-tiny-dense-pca (its embeddings the default model's, reduced by PCA).")
  String init;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "Sentences, one a line (UTF-8; blank lines skipped).")
  Path input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description =
          "Folder for the student (must not exist or be empty); the teacher's vectors are cached"
              + " in DIR.teacher-cache beside it.")
  Path output;

  @Option(names = "--epochs", defaultValue = "1", paramLabel = "N", description = "Default: 1.")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "64",
      paramLabel = "N",
      description = "Sentences per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--lr",
      defaultValue = "1e-4",
      paramLabel = "R",
      description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "N",
      description = "Seed of the initialization (--init) and the shuffling (default: 42).")
  long seed;

  @Mixin TrainingRunArgs run;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if ((student == null) == (init == null)) {
      throw new ParameterException(spec.commandLine(), "give one of --student or --init");
    }
    if (init != null && !InitialModel.IDS.contains(init)) {
      throw new ParameterException(
          spec.commandLine(),
          "--init " + init + ": unknown (known: " + String.join(", ", InitialModel.IDS) + ")");
    }
    TrainingConfig config;
    try {
      config =
          TrainingConfig.defaults()
              .withRun(LossKind.MSE, epochs, batchSize, run.maxSteps)
              .withOptimizer(
                  lr,
                  run.warmupRatio,
                  TrainingConfig.DEFAULT_WEIGHT_DECAY,
                  TrainingConfig.DEFAULT_MAX_GRAD_NORM,
                  seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (!Files.isRegularFile(input)) {
      throw new ParameterException(spec.commandLine(), "--input " + input + ": no such file");
    }
    PrintWriter err = spec.commandLine().getErr();
    TrainingOptions options = run.options(spec, output, err);
    if (init != null) {
      options =
          options.withReporting("a fresh " + init + " (seed " + seed + ")", null, options.log());
    }
    Path initFolder =
        init == null
            ? null
            : InitialModel.write(init, seed, Files.createTempDirectory("semsearch-init-"));
    Distillation.Summary summary;
    try {
      summary =
          Distillation.distill(
              teacher == null ? "" : teacher,
              init == null ? student : initFolder.toString(),
              input,
              config,
              output,
              report -> TrainingRunArgs.printProgress(report, err),
              options);
    } finally {
      if (initFolder != null) {
        TrainCommand.deleteTree(initFolder);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (run.json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("teacher", teacher == null ? "default" : teacher);
      node.put("student", init == null ? student : "init:" + init);
      node.put("output", output.toString());
      node.put("sentences", summary.sentences());
      node.put("teacher_dimension", summary.teacherDimension());
      node.put("student_dimension", summary.studentDimension());
      node.put("explained_variance", summary.explainedVariance());
      node.put("cache", summary.cache().toString());
      node.put("cache_reused", summary.cacheReused());
      node.put("steps", summary.training().steps());
      node.put("examples_seen", summary.training().examples());
      node.put("first_loss", summary.training().firstLoss());
      node.put("last_loss", summary.training().lastLoss());
      node.put("seconds", summary.training().seconds());
      node.put("resumed_from", summary.training().resumedFrom());
      TrainingRunArgs.putEvaluations(node, summary.training().evaluations());
      out.println(node);
    } else {
      out.printf(
          Locale.ROOT,
          "distilled %d steps in %.1f s: mse %.6f -> %.6f; model written to %s%n",
          summary.training().steps(),
          summary.training().seconds(),
          summary.training().firstLoss(),
          summary.training().lastLoss(),
          output);
    }
    out.flush();
    return 0;
  }
}
