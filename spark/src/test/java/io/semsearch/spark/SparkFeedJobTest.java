package io.semsearch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.IndexVectors;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.solr.CollectionLayout;
import io.semsearch.solr.SolrCollection;
import io.semsearch.solr.SolrFeed;
import io.semsearch.solr.SolrSearchBackend;
import io.semsearch.solr.SolrServerProcess;
import io.semsearch.solr.SolrVectors;
import io.semsearch.solr.SolrWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark feed against {@code index --solr}'s feed ({@link SolrFeed} on the same corpus, one
 * process), on a two-node test cluster: the collections hold the same documents, passages and
 * vectors.
 */
class SparkFeedJobTest {

  private static final Path ROOT =
      Path.of(System.getProperty("semsearch.jvm.flags.file")).toAbsolutePath().getParent();

  @TempDir static Path dir;
  private static SolrServerProcess cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = SolrServerProcess.start(ROOT, 2, dir.resolve("solr"), System.out, 180);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** 40 sample documents (titles, metadata), two long ones of several passages, a bad record. */
  private static Path corpus() throws Exception {
    List<String> lines =
        new ArrayList<>(
            Files.readAllLines(ROOT.resolve("samples/corpus/docs.jsonl")).subList(0, 40));
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 2; i++) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("id", "long-" + i);
      doc.put("title", "A long one " + i);
      doc.put("text", FidelitySentences.longText(500, 11 + i));
      doc.put("section", "long");
      doc.put("year", 2000 + i);
      lines.add(json.writeValueAsString(doc));
    }
    lines.add("{\"id\":\"no-text\"}");
    Path input = dir.resolve("corpus.jsonl");
    Files.write(input, lines);
    return input;
  }

  @Test
  void theCollectionHoldsWhatIndexSolrWrites() throws Exception {
    Path input = corpus();
    SentenceEncoder encoder = TestModels.defaultEncoder();
    try (SolrCollection reference = SolrCollection.connect(cluster.url(), "reference");
        CorpusReader reader = CorpusReader.open(input)) {
      SolrWrites writes =
          SolrWrites.open(reference, encoder, IndexSettings.defaults(), CollectionLayout.DEFAULT);
      new SolrFeed(reference, writes, 16, 1000, false).run(reader, IndexProgress.NONE);
    }
    EncoderKey key = new EncoderKey(TestModels.defaultModelFolder().toString(), "cpu", 1, 1);
    SparkFeedJob job =
        new SparkFeedJob(CorpusInput.defaults(), key, SolrTarget.of(cluster.url(), "spark"), 3);

    SparkFeedJob.Summary first = job.run(LocalSpark.session(), input.toString());

    assertThat(first.indexed()).isEqualTo(42);
    assertThat(first.unchanged()).isZero();
    assertThat(first.badRecords()).isEqualTo(1);
    IndexVectors expected = vectors("reference");
    IndexVectors actual = vectors("spark");
    assertThat(expected.ids()).hasSize(42);
    assertThat(expected.vectors().length).isGreaterThan(42); // the long ones have several passages
    assertThat(first.passages()).isEqualTo(expected.vectors().length);
    assertThat(actual.ids()).isEqualTo(expected.ids());
    assertThat(actual.titles()).isEqualTo(expected.titles());
    assertThat(actual.groups()).isEqualTo(expected.groups());
    for (int i = 0; i < expected.vectors().length; i++) {
      float[] e = expected.vectors()[i];
      float[] a = actual.vectors()[i];
      assertThat(a).hasSameSizeAs(e);
      for (int d = 0; d < e.length; d++) {
        assertThat(Math.abs(a[d] - e[d])).as("vector %d, component %d", i, d).isLessThan(1e-5f);
      }
    }
    try (SolrSearchBackend ref =
            SolrSearchBackend.open(
                SolrCollection.connect(cluster.url(), "reference"), encoder, null);
        SolrSearchBackend fed =
            SolrSearchBackend.open(SolrCollection.connect(cluster.url(), "spark"), encoder, null)) {
      for (String id : expected.ids()) {
        assertThat(fed.document(id)).isEqualTo(ref.document(id)).isPresent();
      }
    }

    // run again: every document's content hash is stored already, nothing is embedded
    SparkFeedJob.Summary again = job.run(LocalSpark.session(), input.toString());
    assertThat(again.indexed()).isZero();
    assertThat(again.unchanged()).isEqualTo(42);
  }

  @Test
  void aCollectionBuiltWithOtherSettingsIsRefusedOnTheDriver() throws Exception {
    Path input = dir.resolve("one.jsonl");
    Files.writeString(input, "{\"id\":\"a\",\"text\":\"One short document.\"}\n");
    EncoderKey key = new EncoderKey(TestModels.defaultModelFolder().toString(), "cpu", 1, 1);
    SolrTarget other = new SolrTarget(cluster.url(), "other-settings", 1, 1, 8, 50, 32, 16);
    new SparkFeedJob(CorpusInput.defaults(), key, other, 0)
        .run(LocalSpark.session(), input.toString());
    SparkFeedJob changed =
        new SparkFeedJob(
            CorpusInput.defaults(), key, SolrTarget.of(cluster.url(), "other-settings"), 0);
    assertThatThrownBy(() -> changed.run(LocalSpark.session(), input.toString()))
        .hasMessageContaining("other-settings");
  }

  private static IndexVectors vectors(String name) throws Exception {
    try (SolrCollection c = SolrCollection.connect(cluster.url(), name)) {
      return SolrVectors.read(c);
    }
  }
}
