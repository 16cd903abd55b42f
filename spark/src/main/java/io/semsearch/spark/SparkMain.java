package io.semsearch.spark;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The entry point for {@code spark-submit}: {@code encode} a corpus into Parquet passage vectors,
 * {@code mine} paraphrase pairs over them. The master and resources come from {@code spark-submit};
 * a bad argument exits with status 2 and a one-line message.
 */
@Command(
    name = "semsearch-spark",
    mixinStandardHelpOptions = true,
    subcommands = {SparkMain.Encode.class, SparkMain.Mine.class},
    description = "semsearch's Spark jobs: encode a corpus, mine paraphrase pairs.")
public final class SparkMain {

  private SparkMain() {}

  /** Runs a job; exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a job and returns the exit status (0 when it worked). */
  public static int run(String... args) {
    CommandLine line = new CommandLine(new SparkMain());
    line.setParameterExceptionHandler(
        (e, args1) -> {
          e.getCommandLine().getErr().println("semsearch-spark: " + e.getMessage());
          return 2;
        });
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("semsearch-spark: " + e.getMessage());
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
    return line.execute(args);
  }

  /** Runs {@code job} in a session named for it, stopped afterwards. */
  private static int inSession(String name, Consumer<SparkSession> job) {
    SparkSession spark = SparkSession.builder().appName("semsearch " + name).getOrCreate();
    try {
      job.accept(spark);
    } finally {
      spark.stop();
    }
    return 0;
  }

  @Command(
      name = "encode",
      mixinStandardHelpOptions = true,
      description =
          "Splits and embeds a corpus (JSON Lines, or Parquet when the path ends in"
              + " .parquet) into Parquet: id, passage, start, end, text, vector.")
  static final class Encode implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Corpus path (any Hadoop path).")
    String input;

    @Option(names = "--output", required = true, description = "Parquet output path.")
    String output;

    @Option(names = "--model", defaultValue = "", description = "Model folder or id.")
    String model;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu:N.")
    String device;

    @Option(names = "--id-field", defaultValue = "id")
    String idField;

    @Option(names = "--text-field", defaultValue = "text")
    String textField;

    @Option(names = "--strict", description = "Fail on the first bad record.")
    boolean strict;

    @Option(names = "--passage-overlap", defaultValue = "32")
    int overlap;

    @Option(names = "--passages-per-call", defaultValue = "1024")
    int perCall;

    @Option(names = "--partitions", defaultValue = "0", description = "Repartition (0: keep).")
    int partitions;

    @Option(names = "--workers", defaultValue = "0", description = "Encoder workers per JVM.")
    int workers;

    @Option(names = "--intra-op-threads", defaultValue = "0")
    int intraOp;

    @Override
    public Integer call() {
      SparkEncodeJob job =
          new SparkEncodeJob(
              new CorpusInput(idField, textField, strict),
              new EncoderKey(model, device, workers, intraOp),
              overlap,
              perCall,
              partitions);
      return inSession("encode", spark -> job.run(spark, input, output));
    }
  }

  @Command(
      name = "mine",
      mixinStandardHelpOptions = true,
      description =
          "Mines paraphrase pairs of documents over the encode job's Parquet vectors,"
              + " exactly; writes Parquet: first, second, score.")
  static final class Mine implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Parquet passage vectors.")
    String input;

    @Option(names = "--output", required = true, description = "Parquet output path.")
    String output;

    @Option(names = "--top-k", defaultValue = "100")
    int topK;

    @Option(names = "--max-pairs", defaultValue = "500000")
    int maxPairs;

    @Option(names = "--threshold", defaultValue = "-Infinity")
    double threshold;

    @Option(names = "--corpus-chunk-size", defaultValue = "100000")
    int corpusChunkSize;

    @Option(names = "--band-size", defaultValue = "4096", description = "Vectors per block side.")
    int bandSize;

    @Option(names = "--device", defaultValue = "auto")
    String device;

    @Override
    public Integer call() {
      SparkMineJob job =
          new SparkMineJob(topK, maxPairs, threshold, corpusChunkSize, bandSize, device);
      return inSession("mine", spark -> job.run(spark, input, output));
    }
  }
}
