package io.semsearch.spark;

import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits and embeds a corpus into Parquet ({@link PassageVectors#SCHEMA}), one partition per task.
 *
 * <p>Strategy: the corpus is read by {@link CorpusInput} and, when asked, repartitioned so that
 * every executor core has work; each partition then streams through a {@link PartitionEncoder},
 * which uses the executor JVM's one encoder (loaded by the first task, kept for the later ones).
 * Nothing is collected on the driver. The per-record cost over the CLI's encoder is Spark's row
 * conversion and Parquet writing (figures in BENCHMARKS.md).
 *
 * @param input how the corpus is read
 * @param encoder the model and device
 * @param overlapTokens tokens shared by consecutive passages (the indexer's default is 32)
 * @param passagesPerCall passages embedded per encoder call
 * @param partitions partitions to spread the documents over; 0 keeps the input's
 */
public record SparkEncodeJob(
    CorpusInput input, EncoderKey encoder, int overlapTokens, int passagesPerCall, int partitions) {

  private static final Logger LOG = LoggerFactory.getLogger(SparkEncodeJob.class);

  /** Validates the values, naming the bad one. */
  public SparkEncodeJob {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(encoder, "encoder");
    if (overlapTokens < 0) {
      throw new IllegalArgumentException("overlap must be at least 0, got: " + overlapTokens);
    }
    if (passagesPerCall < 1) {
      throw new IllegalArgumentException(
          "passages per call must be at least 1, got: " + passagesPerCall);
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be at least 0, got: " + partitions);
    }
  }

  /** The passage vectors of the corpus at {@code corpus}, not yet computed (a lazy dataset). */
  public Dataset<Row> passages(SparkSession spark, String corpus, LongAccumulator badRecords) {
    JavaRDD<SourceDocument> documents = input.read(spark, corpus, badRecords);
    if (partitions > 0) {
      documents = documents.repartition(partitions);
    }
    JavaRDD<Row> rows =
        documents.mapPartitions(new PartitionEncoder(encoder, overlapTokens, passagesPerCall));
    return spark.createDataFrame(rows, PassageVectors.SCHEMA);
  }

  /**
   * Embeds the corpus at {@code corpus} and writes the passages to {@code output} as Parquet,
   * replacing what is there.
   *
   * @return the passages written
   */
  public long run(SparkSession spark, String corpus, String output) {
    LongAccumulator badRecords = spark.sparkContext().longAccumulator("bad records");
    passages(spark, corpus, badRecords).write().mode(SaveMode.Overwrite).parquet(output);
    long written = spark.read().parquet(output).count();
    LOG.info(
        "encoded {} into {}: {} passages, {} bad records skipped",
        corpus,
        output,
        written,
        badRecords.value());
    return written;
  }
}
