package io.semsearch.solr;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.SearchRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node of a two-node cluster stops in the middle of a feed: the feed retries until the other
 * node's replicas lead their shards, finishes, and the collection holds every document of the
 * corpus exactly once; searches keep answering from the remaining replicas.
 */
class SolrNodeFailureTest {

  private static final Path CORPUS = SolrClusterTest.rootPath().resolve("samples/corpus");

  @TempDir static Path dir;
  private static SolrServerProcess cluster;
  private static SentenceEncoder encoder;

  @BeforeAll
  static void start() throws IOException {
    cluster = SolrServerProcess.start(SolrClusterTest.rootPath(), 2, dir, System.out, 180);
    encoder = TestModels.defaultEncoder();
  }

  @AfterAll
  static void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aFeedThatLosesANodeFinishesWithEveryDocumentOnceAndSearchesKeepAnswering()
      throws IOException {
    List<CorpusRecord> corpus = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(CORPUS.resolve("docs.jsonl"))) {
      reader.forEachRemaining(corpus::add);
    }
    TreeSet<String> ids = new TreeSet<>();
    corpus.forEach(r -> ids.add(((CorpusDocument) r).id()));
    IndexSummary summary;
    try (SolrCollection c = SolrCollection.connect(cluster.url(), "failover")) {
      SolrWrites writes =
          SolrWrites.open(c, encoder, IndexSettings.defaults(), CollectionLayout.DEFAULT);
      // batches of 32, a commit every 64: three batches are in (one uncommitted) when node 1 stops
      summary =
          new SolrFeed(c, writes, 32, 64, false)
              .run(stoppingNodeOneAfter(100, corpus.iterator()), IndexProgress.NONE);
    }
    assertThat(summary.documentsIndexed()).isEqualTo(ids.size());
    // only the surviving node is asked from here on
    try (SolrCollection survivor = SolrCollection.connect(cluster.urls().get(0), "failover");
        SolrSearchBackend backend =
            SolrSearchBackend.open(
                SolrCollection.connect(cluster.urls().get(0), "failover"), encoder, null)) {
      SolrWrites writes =
          SolrWrites.open(survivor, encoder, IndexSettings.defaults(), CollectionLayout.DEFAULT);
      List<String> stored = new SolrFeed(survivor, writes, 32, 64, false).documentIds();
      assertThat(stored).hasSize(ids.size());
      assertThat(new TreeSet<>(stored)).isEqualTo(ids);
      assertThat(backend.stats().documents()).isEqualTo(ids.size());
      assertThat(backend.stats().passages()).isEqualTo(summary.passagesIndexed());
      assertThat(backend.search(SearchRequest.of("symptoms of a heart attack")).hits()).hasSize(10);
      assertThat(backend.document("health-010")).isPresent();
    }
  }

  /** {@code records}, stopping node 1 of the cluster when the first {@code n} were read. */
  private static Iterator<CorpusRecord> stoppingNodeOneAfter(
      int n, Iterator<CorpusRecord> records) {
    return new Iterator<>() {
      private int read;

      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public CorpusRecord next() {
        if (read++ == n) {
          try {
            cluster.stopNode(1);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return records.next();
      }
    };
  }
}
