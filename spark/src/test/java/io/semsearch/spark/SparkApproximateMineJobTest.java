package io.semsearch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.mining.ExactParaphraseMiner;
import io.semsearch.mining.MiningRecall;
import io.semsearch.mining.MiningSettings;
import io.semsearch.mining.ParaphrasePair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The sharded approximate Spark miner against the exact single-machine miner on the same vectors:
 * real sentence embeddings (the sample corpus's sentences and template sentences), two passages per
 * document, so that siblings and document pairs are exercised.
 */
class SparkApproximateMineJobTest {

  private static final Path ROOT =
      Path.of(System.getProperty("semsearch.jvm.flags.file")).toAbsolutePath().getParent();

  @Test
  void findsAtLeast95PercentOfTheExactPairs() throws Exception {
    Set<String> distinct = new LinkedHashSet<>();
    for (String line : Files.readAllLines(ROOT.resolve("samples/corpus/docs.jsonl"))) {
      String text = line.replaceAll(".*\"text\": \"", "").replaceAll("\".*", "");
      for (String sentence : text.split("(?<=[.!?]) ")) {
        if (sentence.split(" ").length >= 4) {
          distinct.add(sentence);
        }
      }
    }
    distinct.addAll(FidelitySentences.shortSentences(2000, 5));
    List<String> sentences = new ArrayList<>(distinct).subList(0, 2 * (distinct.size() / 2));
    float[][] v = TestModels.defaultEncoder().encode(sentences);
    int[] groups = new int[v.length];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      groups[i] = i - i % 2; // vector i is passage i % 2 of document i / 2
      rows.add(RowFactory.create(id(i / 2), i % 2, 0, 1, "s", v[i]));
    }
    SparkSession spark = LocalSpark.session();
    SparkApproximateMineJob job = new SparkApproximateMineJob(10, 20_000, 0.2, 4, 16, 100, 40);

    List<SparkMineJob.DocumentPair> mined =
        job.mine(spark, spark.createDataFrame(rows, PassageVectors.SCHEMA).repartition(3));

    MiningSettings settings =
        MiningSettings.defaults().withTopK(10).withMaxPairs(20_000).withThreshold(0.2);
    List<ParaphrasePair> exact =
        new ExactParaphraseMiner(settings, SentenceEncoders.similarityKernel(DeviceSpec.CPU), 2)
            .mine(v, groups, (done, total) -> {});
    assertThat(v.length).isGreaterThan(2500);
    assertThat(exact).hasSizeGreaterThan(1000);
    // the mined pairs as pairs of vector groups, with the exact pairs' numbering
    Map<String, Integer> group =
        IntStream.range(0, v.length / 2)
            .boxed()
            .collect(Collectors.toMap(SparkApproximateMineJobTest::id, d -> 2 * d));
    List<ParaphrasePair> approximate = new ArrayList<>();
    for (SparkMineJob.DocumentPair p : mined) {
      approximate.add(new ParaphrasePair(p.score(), group.get(p.first()), group.get(p.second())));
    }
    double recall = MiningRecall.recall(exact, approximate);
    System.out.printf(
        Locale.ROOT,
        "approximate Spark miner: recall %.4f of %d exact pairs%n",
        recall,
        exact.size());
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
    // nothing is made up: the pairs both miners found score the same, none is under the threshold
    Map<List<Integer>, Double> exactScores = new HashMap<>();
    exact.forEach(p -> exactScores.put(List.of(p.first(), p.second()), p.score()));
    for (ParaphrasePair p : approximate) {
      assertThat(p.score()).isGreaterThanOrEqualTo(0.2);
      Double e = exactScores.get(List.of(p.first(), p.second()));
      if (e != null) {
        assertThat(p.score()).isCloseTo(e, within(1e-5));
      }
    }
  }

  private static String id(int doc) {
    return String.format(Locale.ROOT, "doc-%05d", doc);
  }
}
