package io.semsearch.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.TestSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HNSW mining against the exact miner and the brute-force reference on clustered random vectors.
 */
@ExtendWith(TestSeeds.class)
class ApproximateParaphraseMinerTest {

  private static final long SEED = TestSeeds.seed(ApproximateParaphraseMinerTest.class, 20);

  private static final int COUNT = 1200;
  private static final int DIM = 32;
  private static final MiningSettings SETTINGS = MiningSettings.defaults().withTopK(10);

  @Test
  void findsAtLeast95PercentOfTheExactPairs() {
    float[][] vectors = BruteForceMining.clustered(new Random(SEED + 1), COUNT, DIM, 20, 0.6);
    List<ParaphrasePair> exact =
        new ExactParaphraseMiner(SETTINGS, SentenceEncoders.similarityKernel(DeviceSpec.CPU))
            .mine(vectors);
    List<ParaphrasePair> approximate =
        new ApproximateParaphraseMiner(SETTINGS, 16, 100, 50, 2).mine(vectors);
    assertThat(MiningRecall.recall(exact, approximate)).isGreaterThanOrEqualTo(0.95);
    // every pair found is a real pair with its exact cosine
    assertThat(approximate)
        .allSatisfy(
            p ->
                assertThat(p.score())
                    .isCloseTo(
                        BruteForceMining.cosine(vectors[p.first()], vectors[p.second()]),
                        within(1e-5)));
  }

  @Test
  void groupsAreMinedAsDocumentsWithHighRecall() {
    Random random = new Random(SEED + 2);
    float[][] vectors = BruteForceMining.clustered(random, COUNT, DIM, 20, 0.6);
    int[] groups = BruteForceMining.randomGroups(random, COUNT);
    List<ParaphrasePair> expected = BruteForceMining.mine(vectors, groups, SETTINGS);
    List<Long> progress = new ArrayList<>();
    List<ParaphrasePair> approximate =
        new ApproximateParaphraseMiner(SETTINGS, 16, 100, 50, 2)
            .mine(
                vectors,
                groups,
                (done, total) -> {
                  assertThat(total).isEqualTo(2L * COUNT);
                  progress.add(done);
                });
    assertThat(MiningRecall.recall(expected, approximate)).isGreaterThanOrEqualTo(0.95);
    assertThat(approximate).allSatisfy(p -> assertThat(p.first()).isLessThan(p.second()));
    assertThat(progress).isSorted().last().isEqualTo(2L * COUNT);
  }

  @Test
  void resultsAreRepeatableWhateverTheThreadCount() {
    float[][] vectors = BruteForceMining.clustered(new Random(SEED + 3), 600, DIM, 10, 0.6);
    MiningSettings settings = SETTINGS.withMaxPairs(500).withThreshold(0.2);
    List<ParaphrasePair> once =
        new ApproximateParaphraseMiner(settings, 8, 40, 20, 1).mine(vectors);
    assertThat(new ApproximateParaphraseMiner(settings, 8, 40, 20, 2).mine(vectors))
        .isEqualTo(once);
    assertThat(once)
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.score()).isGreaterThanOrEqualTo(0.2));
    assertThat(once.size()).isLessThanOrEqualTo(499);
  }

  @Test
  void badGraphSettingsAreRefusedWithTheValue() {
    MiningSettings d = MiningSettings.defaults();
    assertThatThrownBy(() -> new ApproximateParaphraseMiner(d, 1, 100, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HNSW M must be between 2 and 512, got: 1");
    assertThatThrownBy(() -> new ApproximateParaphraseMiner(d, 16, 0, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("beam width must be between 1 and 3200, got: 0");
    assertThatThrownBy(() -> new ApproximateParaphraseMiner(d, 16, 100, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number of candidates must be at least 1, got: 0");
    assertThatThrownBy(() -> new ApproximateParaphraseMiner(d, 16, 100, 50, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be at least 1, got: 0");
    assertThatThrownBy(
            () ->
                new ApproximateParaphraseMiner(d, 16, 100, 50)
                    .mine(new float[][] {{1}}, new int[2], MiningProgress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("groups must have one entry per vector: 1 vectors, got 2 groups");
  }
}
