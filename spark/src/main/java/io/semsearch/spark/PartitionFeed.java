package io.semsearch.spark;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.solr.SolrCollection;
import io.semsearch.solr.SolrFeed;
import io.semsearch.solr.SolrWrites;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.util.LongAccumulator;

/**
 * Feeds one partition of documents into a collection, as {@code semsearch index --solr} feeds a
 * corpus: {@link SolrWrites} on the executor's one encoder ({@link ExecutorEncoders}) and one SolrJ
 * client ({@link ExecutorCollections}) checks the collection's model and settings, skips documents
 * whose content hash is stored already, splits and embeds the rest, and sends them in retried
 * batches; {@link SolrFeed} commits at the end of the partition. Every write replaces by key, so a
 * task that Spark runs again (after a failure, or speculatively) writes the same blocks again.
 *
 * @param encoder the encoder to use
 * @param target the collection and its settings
 * @param counts where the partition's counts are summed
 */
record PartitionFeed(EncoderKey encoder, SolrTarget target, FeedCounts counts)
    implements VoidFunction<Iterator<SourceDocument>> {

  @Override
  public void call(Iterator<SourceDocument> documents) {
    SentenceEncoder enc = ExecutorEncoders.encoder(encoder);
    SolrCollection collection = ExecutorCollections.collection(target.urls(), target.collection());
    Iterator<CorpusRecord> records =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return documents.hasNext();
          }

          @Override
          public CorpusRecord next() {
            return documents.next().toCorpusDocument();
          }
        };
    try {
      SolrWrites writes = SolrWrites.open(collection, enc, target.settings(), target.layout());
      IndexSummary summary =
          new SolrFeed(collection, writes, target.batchSize(), Integer.MAX_VALUE, false)
              .run(records, IndexProgress.NONE);
      counts.add(summary);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "feeding " + collection.location() + " failed: " + e.getMessage(), e);
    }
  }

  /** What the feed's tasks did, summed on the driver. */
  record FeedCounts(LongAccumulator indexed, LongAccumulator unchanged, LongAccumulator passages)
      implements Serializable {

    void add(IndexSummary summary) {
      indexed.add(summary.documentsIndexed());
      unchanged.add(summary.documentsUnchanged());
      passages.add(summary.passagesIndexed());
    }
  }
}
