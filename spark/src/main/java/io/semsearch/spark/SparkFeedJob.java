package io.semsearch.spark;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.solr.SolrCollection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits, embeds and feeds a corpus into a SolrCloud collection, one partition per task: what
 * {@code semsearch index --solr} does on one machine, spread over the executors.
 *
 * <p>Strategy: the driver first creates the collection when it is missing (configset, schema, build
 * record with the model's fingerprint), or checks that an existing one was built with this model
 * and these settings, so that executors never race to create it. Each partition then goes through a
 * {@link PartitionFeed}: the executor's one encoder and one SolrJ client, {@code index --solr}'s
 * content-hash skip, splitter and retried batches. Nothing is collected on the driver; unlike
 * {@code index --solr --delete-missing}, documents of the collection absent from the corpus stay.
 *
 * @param input how the corpus is read
 * @param encoder the model and device
 * @param target the collection and its settings
 * @param partitions partitions to spread the documents over; 0 keeps the input's
 */
public record SparkFeedJob(
    CorpusInput input, EncoderKey encoder, SolrTarget target, int partitions) {

  private static final Logger LOG = LoggerFactory.getLogger(SparkFeedJob.class);

  /** Validates the values, naming the bad one. */
  public SparkFeedJob {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(target, "target");
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be at least 0, got: " + partitions);
    }
  }

  /**
   * What a run did.
   *
   * @param indexed documents embedded and written
   * @param unchanged documents skipped because the collection holds them already
   * @param passages passages written
   * @param badRecords input records skipped
   */
  public record Summary(long indexed, long unchanged, long passages, long badRecords) {}

  /** Feeds the corpus at {@code corpus} into the target collection. */
  public Summary run(SparkSession spark, String corpus) {
    prepareCollection();
    LongAccumulator bad = spark.sparkContext().longAccumulator("bad records");
    PartitionFeed.FeedCounts counts =
        new PartitionFeed.FeedCounts(
            spark.sparkContext().longAccumulator("documents indexed"),
            spark.sparkContext().longAccumulator("documents unchanged"),
            spark.sparkContext().longAccumulator("passages indexed"));
    JavaRDD<SourceDocument> documents = input.read(spark, corpus, bad);
    if (partitions > 0) {
      documents = documents.repartition(partitions);
    }
    documents.foreachPartition(new PartitionFeed(encoder, target, counts));
    Summary summary =
        new Summary(
            counts.indexed().value(),
            counts.unchanged().value(),
            counts.passages().value(),
            bad.value());
    LOG.info("fed {} into collection {}: {}", corpus, target.collection(), summary);
    return summary;
  }

  /** Creates the collection, or checks that it was built with this model and these settings. */
  private void prepareCollection() {
    SentenceEncoder enc = ExecutorEncoders.encoder(encoder);
    try (SolrCollection collection = SolrCollection.connect(target.urls(), target.collection())) {
      collection.create(enc.model(), target.settings(), target.layout());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "can't prepare collection " + target.collection() + ": " + e.getMessage(), e);
    }
  }
}
