package io.semsearch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.mining.ExactParaphraseMiner;
import io.semsearch.mining.MiningSettings;
import io.semsearch.mining.ParaphrasePair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Spark miner against the mining module's exact miner on the same vectors (real sentence
 * embeddings), in settings that exercise several corpus chunks, several bands per chunk, the pair
 * bound and documents of several passages.
 */
class SparkMineJobTest {

  private static final int SENTENCES = 70;

  private static float[][] vectors;

  private static synchronized float[][] vectors() {
    if (vectors == null) {
      List<String> sentences = FidelitySentences.shortSentences(SENTENCES, 11);
      vectors = TestModels.defaultEncoder().encode(sentences);
    }
    return vectors;
  }

  @ParameterizedTest(
      name =
          "top-k {0}, max pairs {1}, threshold {2}, chunk {3}, band {4}, passages per document {5}")
  @CsvSource({
    "100, 500000, -Infinity, 100000, 16, 1",
    "3, 40, -Infinity, 25, 10, 1",
    "5, 1000, 0.3, 30, 30, 1",
    "4, 60, -Infinity, 32, 9, 3",
  })
  void minesThePairsOfTheExactMiner(
      int topK, int maxPairs, double threshold, int chunk, int band, int perDocument) {
    float[][] v = vectors();
    // vector i is passage i % perDocument of document i / perDocument; ids sort as numbers do
    int[] groups = new int[v.length];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      int doc = i / perDocument;
      groups[i] = doc * perDocument;
      rows.add(RowFactory.create(id(doc), i % perDocument, 0, 1, "s", v[i]));
    }
    SparkSession spark = LocalSpark.session();
    Dataset<Row> passages = spark.createDataFrame(rows, PassageVectors.SCHEMA).repartition(3);
    SparkMineJob job = new SparkMineJob(topK, maxPairs, threshold, chunk, band, "cpu");

    List<SparkMineJob.DocumentPair> mined = job.mine(spark, passages);

    MiningSettings settings =
        MiningSettings.defaults()
            .withTopK(topK)
            .withMaxPairs(maxPairs)
            .withThreshold(threshold)
            .withCorpusChunkSize(chunk)
            .withQueryChunkSize(7);
    List<ParaphrasePair> expected =
        new ExactParaphraseMiner(settings, SentenceEncoders.similarityKernel(DeviceSpec.CPU), 2)
            .mine(v, groups, (done, total) -> {});
    assertThat(expected).as("the case has pairs").isNotEmpty();
    List<String> want = new ArrayList<>();
    for (ParaphrasePair p : expected) {
      want.add(id(p.first() / perDocument) + " " + id(p.second() / perDocument));
    }
    List<String> got = new ArrayList<>();
    for (SparkMineJob.DocumentPair p : mined) {
      got.add(p.first() + " " + p.second());
    }
    assertThat(got).containsExactlyElementsOf(want);
    // scores: the same dot products, in tiles of other shapes (the last bit may differ)
    for (int k = 0; k < mined.size(); k++) {
      assertThat(mined.get(k).score())
          .as(got.get(k))
          .isCloseTo(expected.get(k).score(), within(1e-6));
    }
  }

  private static String id(int doc) {
    return String.format(Locale.ROOT, "doc-%03d", doc);
  }
}
