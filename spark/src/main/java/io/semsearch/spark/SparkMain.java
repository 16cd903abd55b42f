package io.semsearch.spark;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The entry point for {@code spark-submit}: {@code encode} a corpus into Parquet passage vectors,
 * {@code feed} it into a SolrCloud collection, {@code mine} paraphrase pairs over the vectors. The
 * master and resources come from {@code spark-submit}; a bad argument exits with status 2 and a
 * one-line message.
 */
@Command(
    name = "semsearch-spark",
    mixinStandardHelpOptions = true,
    subcommands = {SparkMain.Encode.class, SparkMain.Feed.class, SparkMain.Mine.class},
    description =
        "semsearch's Spark jobs: encode a corpus (to Parquet or into a SolrCloud collection), mine"
            + " paraphrase pairs.")
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
    @Mixin CorpusAndModel corpus;

    @Option(names = "--output", required = true, description = "Parquet output path.")
    String output;

    @Option(names = "--passages-per-call", defaultValue = "1024")
    int perCall;

    @Override
    public Integer call() {
      SparkEncodeJob job =
          new SparkEncodeJob(
              corpus.corpus(), corpus.encoder(), corpus.overlap, perCall, corpus.partitions);
      return inSession("encode", spark -> job.run(spark, corpus.input, output));
    }
  }

  /** The corpus and encoder options of {@code encode} and {@code feed}. */
  static final class CorpusAndModel {
    @Option(names = "--input", required = true, description = "Corpus path (any Hadoop path).")
    String input;

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

    @Option(names = "--partitions", defaultValue = "0", description = "Repartition (0: keep).")
    int partitions;

    @Option(names = "--workers", defaultValue = "0", description = "Encoder workers per JVM.")
    int workers;

    @Option(names = "--intra-op-threads", defaultValue = "0")
    int intraOp;

    @Option(
        names = "--truncate-dim",
        defaultValue = "0",
        description = "Keep the first N dimensions (Matryoshka; 0: the model's own).")
    int truncateDim;

    CorpusInput corpus() {
      return new CorpusInput(idField, textField, strict);
    }

    EncoderKey encoder() {
      return new EncoderKey(model, device, workers, intraOp, truncateDim);
    }
  }

  @Command(
      name = "feed",
      mixinStandardHelpOptions = true,
      description =
          "Splits, embeds and feeds a corpus into a SolrCloud collection, as semsearch index --solr"
              + " does (created when missing; unchanged documents skipped by content hash).")
  static final class Feed implements Callable<Integer> {
    @Mixin CorpusAndModel corpus;

    @Option(names = "--solr", required = true, description = "Solr base URL(s), comma-separated.")
    String solr;

    @Option(names = "--collection", required = true, description = "The collection.")
    String collection;

    @Option(names = "--shards", defaultValue = "2", description = "Shards of a new collection.")
    int shards;

    @Option(names = "--replicas", defaultValue = "2", description = "Replicas of a new one.")
    int replicas;

    @Option(names = "--hnsw-m", defaultValue = "16")
    int hnswM;

    @Option(names = "--hnsw-beam-width", defaultValue = "100")
    int beamWidth;

    @Option(names = "--batch-size", defaultValue = "256", description = "Documents per batch.")
    int batchSize;

    @Override
    public Integer call() {
      SparkFeedJob job =
          new SparkFeedJob(
              corpus.corpus(),
              corpus.encoder(),
              new SolrTarget(
                  solr, collection, shards, replicas, hnswM, beamWidth, corpus.overlap, batchSize),
              corpus.partitions);
      return inSession("feed", spark -> job.run(spark, corpus.input));
    }
  }

  @Command(
      name = "mine",
      mixinStandardHelpOptions = true,
      description =
          "Mines paraphrase pairs of documents over the encode job's Parquet vectors,"
              + " exactly (or with --approximate, sharded HNSW graphs); writes Parquet: first,"
              + " second, score.")
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

    @Option(
        names = "--approximate",
        description = "Approximate: each vector searches an HNSW graph per shard.")
    boolean approximate;

    @Option(names = "--shards", defaultValue = "8", description = "Approximate: graphs (tasks).")
    int shards;

    @Option(names = "--hnsw-m", defaultValue = "16")
    int hnswM;

    @Option(names = "--hnsw-beam-width", defaultValue = "100")
    int beamWidth;

    @Option(
        names = "--num-candidates",
        defaultValue = "0",
        description = "Approximate: search breadth (default: 2 x (top-k + 1), at least 100).")
    int numCandidates;

    @Override
    public Integer call() {
      if (approximate) {
        int breadth = numCandidates > 0 ? numCandidates : Math.max(100, 2 * (topK + 1));
        SparkApproximateMineJob job =
            new SparkApproximateMineJob(
                topK, maxPairs, threshold, shards, hnswM, beamWidth, breadth);
        return inSession("mine", spark -> job.run(spark, input, output));
      }
      SparkMineJob job =
          new SparkMineJob(topK, maxPairs, threshold, corpusChunkSize, bandSize, device);
      return inSession("mine", spark -> job.run(spark, input, output));
    }
  }
}
