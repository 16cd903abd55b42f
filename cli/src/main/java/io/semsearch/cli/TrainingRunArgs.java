package io.semsearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.train.EvaluationResult;
import io.semsearch.encoder.train.StsTrainingEvaluator;
import io.semsearch.encoder.train.TrainingEvaluator;
import io.semsearch.encoder.train.TrainingListener.StepReport;
import io.semsearch.encoder.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How train and distill run: threads, device, checkpoints, evaluation; and their progress. */
final class TrainingRunArgs {

  @Option(
      names = "--max-steps",
      defaultValue = "0",
      paramLabel = "N",
      description = "Stop after N steps, overriding --epochs (default: none).")
  int maxSteps;

  @Option(
      names = "--json",
      description = "Print a JSON summary: first and last loss, steps, evaluations.")
  boolean json;

  @Option(
      names = "--warmup-ratio",
      defaultValue = "0.1",
      paramLabel = "F",
      description = "Fraction of steps of linear warmup, then linear decay (default: 0.1).")
  double warmupRatio;

  @Option(
      names = "--threads",
      defaultValue = "0",
      paramLabel = "N",
      description = "libtorch intra-op threads (default: the cores); 1 repeats a run most closely.")
  int threads;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "D",
      description =
          "auto, cpu, gpu or gpu:N, as for inference; auto trains on the CPU when no GPU is seen"
              + " (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Write a checkpoint every N steps to OUTPUT/checkpoints (newest 2 kept, removed when the"
              + " model is written); also evaluates there (default: none).")
  int checkpointEvery;

  @Option(
      names = "--resume",
      description =
          "Continue a stopped run from the newest checkpoint in OUTPUT/checkpoints; the same"
              + " data and settings are required.")
  boolean resume;

  @Option(
      names = "--eval-sts",
      paramLabel = "FILE.tsv",
      description =
          "STS pairs (sentence1, sentence2, score) to evaluate on before training, at each"
              + " checkpoint and at the end, as 'eval sts' does.")
  Path evalSts;

  @Option(
      names = "--eval-ir",
      arity = "3",
      paramLabel = "FILE",
      description =
          "QUERIES QRELS CORPUS: judged retrieval to evaluate on like --eval-sts; exact cosine"
              + " ranking of the corpus (a format 'index' reads), metrics as 'eval ir'.")
  List<Path> evalIr;

  /**
   * The options for this run; refuses a bad count, device or evaluation file, and an output that is
   * not empty (or, with --resume, has no checkpoint), naming it.
   */
  TrainingOptions options(CommandSpec spec, Path output, PrintWriter err) throws IOException {
    if (resume) {
      if (!Files.isDirectory(SentenceEncoders.checkpointFolder(output))) {
        throw new ParameterException(
            spec.commandLine(),
            "--resume: no checkpoints in " + SentenceEncoders.checkpointFolder(output));
      }
    } else {
      checkOutput(spec, output);
    }
    List<TrainingEvaluator> evaluators = new ArrayList<>();
    if (evalSts != null) {
      evaluators.add(StsTrainingEvaluator.read(evalSts));
    }
    if (evalIr != null) {
      evaluators.add(IrTrainingEvaluator.read(evalIr.get(0), evalIr.get(1), evalIr.get(2)));
    }
    Consumer<String> log =
        line -> {
          err.println(line);
          err.flush();
        };
    try {
      return TrainingOptions.defaults()
          .withExecution(threads, DeviceSpec.parse(device))
          .withCheckpoints(checkpointEvery, resume)
          .withEvaluators(evaluators)
          .withReporting(null, null, log);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** Refuses an output that exists and is not an empty folder. */
  static void checkOutput(CommandSpec spec, Path output) throws IOException {
    if (Files.isDirectory(output)) {
      try (Stream<Path> entries = Files.list(output)) {
        if (entries.findAny().isPresent()) {
          boolean checkpoints = Files.isDirectory(SentenceEncoders.checkpointFolder(output));
          throw new ParameterException(
              spec.commandLine(),
              "--output "
                  + output
                  + ": exists and is not empty"
                  + (checkpoints ? " (it holds checkpoints: add --resume to continue)" : ""));
        }
      }
    } else if (Files.exists(output)) {
      throw new ParameterException(
          spec.commandLine(), "--output " + output + ": exists and is not a folder");
    }
  }

  /** Prints step 1, about 50 steps in all and the last one to {@code err}. */
  static void printProgress(StepReport report, PrintWriter err) {
    int every = Math.max(1, report.totalSteps() / 50);
    if (report.step() == 1 || report.step() % every == 0 || report.step() == report.totalSteps()) {
      err.println(progressLine(report));
      err.flush();
    }
  }

  /** Step, epoch, loss, rate, gradient norm, examples/s and the time left at the pace so far. */
  static String progressLine(StepReport r) {
    double perStep = r.seconds() / Math.max(1, r.step());
    return String.format(
        Locale.ROOT,
        "step %d/%d  epoch %d  loss %.4f  lr %.3g  grad norm %.3f  %.1f examples/s  ETA %s",
        r.step(),
        r.totalSteps(),
        r.epoch(),
        r.loss(),
        r.learningRate(),
        r.gradientNorm(),
        r.examples() / Math.max(1e-9, r.seconds()),
        duration(perStep * (r.totalSteps() - r.step())));
  }

  /** {@code 1h02m03s}, {@code 4m05s} or {@code 6s}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
    return s >= 60
        ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%ds", s);
  }

  /** The evaluations as a JSON array of {evaluator, step, metrics} (NaN as null). */
  static void putEvaluations(ObjectNode node, List<EvaluationResult> evaluations) {
    EvaluationResult.writeJson(evaluations, node.putArray("evaluations"));
  }
}
