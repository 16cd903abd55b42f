package io.semsearch.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.ScoreTies;
import io.semsearch.encoder.testing.TestSeeds;
import io.semsearch.mining.ExactParaphraseMiner.TopK;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exact miner against a hand-worked example and against {@link BruteForceMining} on random
 * clustered vectors with planted near-duplicates, on both top-k layouts (Java symmetric tiles, and
 * sentence-transformers' layout with the engine's top-k).
 */
@ExtendWith(TestSeeds.class)
class ExactParaphraseMinerTest {

  private static final long SEED = TestSeeds.seed(ExactParaphraseMinerTest.class, 10);

  private static final int COUNT = 300;
  private static final int DIM = 32;
  private static final SimilarityKernel CPU = SentenceEncoders.similarityKernel(DeviceSpec.CPU);

  private static float[][] vectors(long seed) {
    return BruteForceMining.clustered(new Random(seed), COUNT, DIM, 8, 0.8);
  }

  private static ExactParaphraseMiner miner(MiningSettings settings, TopK topK, int threads) {
    return new ExactParaphraseMiner(settings, CPU, threads, topK);
  }

  /**
   * The brute-force score of every pair of vectors, the reference any reported pair is checked
   * against.
   */
  private static Map<List<Integer>, Double> allPairScores(float[][] vectors) {
    MiningSettings all =
        MiningSettings.defaults().withTopK(vectors.length).withMaxPairs(Integer.MAX_VALUE);
    return scores(BruteForceMining.mine(vectors, all));
  }

  private static Map<List<Integer>, Double> scores(List<ParaphrasePair> pairs) {
    Map<List<Integer>, Double> scores = new HashMap<>();
    pairs.forEach(p -> scores.put(List.of(p.first(), p.second()), p.score()));
    return scores;
  }

  /**
   * The expected scores in the same order, each reported pair truly scored (within 1e-5 of its
   * brute-force score). Where the reference keeps one of two nearly tied pairs (top-k or maxPairs
   * cut-off) the miner may keep the other: it scores the same within 1e-5, so it passes, while a
   * missing, extra or mislabelled pair does not.
   */
  static void assertSamePairs(
      List<ParaphrasePair> actual,
      List<ParaphrasePair> expected,
      Map<List<Integer>, Double> allScores) {
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(actual).extracting(p -> List.of(p.first(), p.second())).doesNotHaveDuplicates();
    for (int t = 0; t < actual.size(); t++) {
      ParaphrasePair p = actual.get(t);
      assertThat(allScores).containsKey(List.of(p.first(), p.second()));
      assertThat(p.score())
          .as("score of %s", p)
          .isCloseTo(
              allScores.get(List.of(p.first(), p.second())), within(ScoreTies.SCORE_TOLERANCE));
      assertThat(p.score())
          .as("score at %d", t)
          .isCloseTo(expected.get(t).score(), within(ScoreTies.SCORE_TOLERANCE));
      if (t > 0) {
        assertThat(p.score()).isLessThanOrEqualTo(actual.get(t - 1).score());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TopK.class)
  void handWorkedSquareGivesEveryPairAboveMinusOne(TopK topK) {
    // unit vectors at 0, 45, 90 and 180 degrees: cosines 0.7071 (0-1, 1-2), 0 (0-2, 2-3),
    // -0.7071 (1-3), and -1 (0-3), which sentence-transformers' queue never admits (floor -1)
    float[][] square = {{1, 0}, {3, 3}, {0, 2}, {-1, 0}};
    List<ParaphrasePair> pairs = miner(MiningSettings.defaults(), topK, 2).mine(square);
    assertThat(pairs)
        .extracting(ParaphrasePair::first, ParaphrasePair::second)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 1),
            org.assertj.core.groups.Tuple.tuple(1, 2),
            org.assertj.core.groups.Tuple.tuple(0, 2),
            org.assertj.core.groups.Tuple.tuple(2, 3),
            org.assertj.core.groups.Tuple.tuple(1, 3));
    assertThat(pairs.get(0).score()).isCloseTo(Math.sqrt(0.5), within(1e-6));
    assertThat(pairs.get(2).score()).isCloseTo(0, within(1e-6));
    assertThat(pairs.get(4).score()).isCloseTo(-Math.sqrt(0.5), within(1e-6));
  }

  @ParameterizedTest
  @EnumSource(TopK.class)
  void handWorkedMaxPairsKeepsMaxPairsMinusOneDirectedPairs(TopK topK) {
    float[][] square = {{1, 0}, {3, 3}, {0, 2}, {-1, 0}};
    // maxPairs 3: the queue holds 2 directed pairs. Row 0 pushes (.7071, 0, 1), (0, 0, 2); row 1's
    // (.7071, 1, 0) pushes out (0, 0, 2) (floor 0), its (.7071, 1, 2) pushes out (.7071, 0, 1)
    // (floor .7071); row 2's (.7071, 2, 1) is not above the floor. Left: (1, 0) and (1, 2).
    List<ParaphrasePair> three =
        miner(MiningSettings.defaults().withMaxPairs(3), topK, 1).mine(square);
    assertThat(three)
        .extracting(ParaphrasePair::first, ParaphrasePair::second)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 2));
    // maxPairs 1: every pair is pushed out as it enters
    assertThat(miner(MiningSettings.defaults().withMaxPairs(1), topK, 1).mine(square)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TopK.class)
  void smallChunksForcingSeveralQueryAndCorpusChunksMatchTheReference(TopK topK) {
    float[][] vectors = vectors(SEED + 1);
    // 3 corpus chunks (110, 110, 80), query chunks of 37 that do not divide them
    MiningSettings settings =
        MiningSettings.defaults().withTopK(5).withQueryChunkSize(37).withCorpusChunkSize(110);
    List<ParaphrasePair> expected = BruteForceMining.mine(vectors, settings);
    assertThat(expected.size()).isGreaterThan(COUNT * 5 / 2);
    Map<List<Integer>, Double> allScores = allPairScores(vectors);
    assertSamePairs(miner(settings, topK, 2).mine(vectors), expected, allScores);
    assertSamePairs(miner(settings, topK, 1).mine(vectors), expected, allScores);
  }

  @ParameterizedTest
  @EnumSource(TopK.class)
  void topKSmallerThanTheInputMatchesTheReference(TopK topK) {
    float[][] vectors = vectors(SEED + 2);
    MiningSettings settings = MiningSettings.defaults().withTopK(3);
    List<ParaphrasePair> expected = BruteForceMining.mine(vectors, settings);
    Map<List<Integer>, Double> allScores = allPairScores(vectors);
    assertSamePairs(miner(settings, topK, 2).mine(vectors), expected, allScores);
    // with top-k at least N every pair above -1 comes back
    List<ParaphrasePair> all =
        miner(MiningSettings.defaults().withTopK(COUNT), topK, 2).mine(vectors);
    assertThat(all).hasSize(COUNT * (COUNT - 1) / 2);
    assertSamePairs(
        all, BruteForceMining.mine(vectors, MiningSettings.defaults().withTopK(COUNT)), allScores);
  }

  @ParameterizedTest
  @EnumSource(TopK.class)
  void maxPairsBelowThePairCountMatchesTheReference(TopK topK) {
    float[][] vectors = vectors(SEED + 3);
    MiningSettings settings =
        MiningSettings.defaults()
            .withTopK(10)
            .withMaxPairs(301)
            .withQueryChunkSize(64)
            .withCorpusChunkSize(128);
    List<ParaphrasePair> expected = BruteForceMining.mine(vectors, settings);
    // 300 directed places: both directions of most pairs survive, so about 150 pairs
    assertThat(expected.size()).isBetween(150, 300);
    assertSamePairs(miner(settings, topK, 2).mine(vectors), expected, allPairScores(vectors));
  }

  @ParameterizedTest
  @EnumSource(TopK.class)
  void thresholdDropsLowPairsAsTheReferenceDoes(TopK topK) {
    float[][] vectors = vectors(SEED + 4);
    MiningSettings settings =
        MiningSettings.defaults().withTopK(20).withThreshold(0.5).withQueryChunkSize(50);
    List<ParaphrasePair> expected = BruteForceMining.mine(vectors, settings);
    List<ParaphrasePair> actual = miner(settings, topK, 2).mine(vectors);
    assertSamePairs(actual, expected, allPairScores(vectors));
    assertThat(actual)
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.score()).isGreaterThanOrEqualTo(0.5));
    // the planted near-duplicates (i, i + 1 for i = 0, 5, 10, ...) come first
    assertThat(actual.subList(0, 10))
        .allSatisfy(
            p -> {
              assertThat(p.second()).isEqualTo(p.first() + 1);
              assertThat(p.first() % 5).isZero();
            });
  }

  @ParameterizedTest
  @EnumSource(TopK.class)
  void groupsGiveGroupPairsAtTheirBestScore(TopK topK) {
    Random random = new Random(SEED + 5);
    float[][] vectors = BruteForceMining.clustered(random, COUNT, DIM, 8, 0.8);
    int[] groups = BruteForceMining.randomGroups(random, COUNT);
    MiningSettings settings =
        MiningSettings.defaults()
            .withTopK(4)
            .withQueryChunkSize(41)
            .withCorpusChunkSize(150)
            .withMaxPairs(700);
    List<ParaphrasePair> expected = BruteForceMining.mine(vectors, groups, settings);
    List<Long> progress = new ArrayList<>();
    List<ParaphrasePair> actual =
        miner(settings, topK, 2)
            .mine(
                vectors,
                groups,
                (done, total) -> {
                  assertThat(total).isEqualTo(COUNT);
                  progress.add(done);
                });
    // a group pair scores its best selected vector pair, not its best one: checked against the
    // reference's own pairs
    assertSamePairs(actual, expected, scores(expected));
    assertThat(actual).allSatisfy(p -> assertThat(p.first()).isNotEqualTo(p.second()));
    assertThat(progress).isSorted().last().isEqualTo((long) COUNT);
  }

  @Test
  void identityGroupsGiveTheSameResultAsNoGroups() {
    float[][] vectors = vectors(SEED + 6);
    MiningSettings settings = MiningSettings.defaults().withTopK(7).withQueryChunkSize(45);
    ExactParaphraseMiner miner = new ExactParaphraseMiner(settings, CPU);
    assertThat(miner.mine(vectors, MiningInput.identity(COUNT), MiningProgress.NONE))
        .isEqualTo(miner.mine(vectors));
  }

  @Test
  void bothLayoutsAgree() {
    float[][] vectors = vectors(SEED + 7);
    MiningSettings settings =
        MiningSettings.defaults().withTopK(6).withQueryChunkSize(70).withCorpusChunkSize(200);
    assertSamePairs(
        miner(settings, TopK.ENGINE, 1).mine(vectors),
        miner(settings, TopK.JAVA_SYMMETRIC, 2).mine(vectors),
        allPairScores(vectors));
  }

  @ParameterizedTest
  @EnumSource(TopK.class)
  void hugeChunkSizesDoNotOverflow(TopK topK) {
    float[][] vectors = vectors(SEED + 8);
    MiningSettings huge =
        MiningSettings.defaults().withTopK(4).withQueryChunkSize(Integer.MAX_VALUE);
    Map<List<Integer>, Double> allScores = allPairScores(vectors);
    assertSamePairs(
        miner(huge.withCorpusChunkSize(Integer.MAX_VALUE), topK, 2).mine(vectors),
        BruteForceMining.mine(vectors, huge.withCorpusChunkSize(COUNT)),
        allScores);
    // query chunks starting past 0 (second corpus chunk on) must not wrap around
    assertSamePairs(
        miner(huge.withCorpusChunkSize(110), topK, 2).mine(vectors),
        BruteForceMining.mine(vectors, huge.withCorpusChunkSize(110)),
        allScores);
  }

  @ParameterizedTest
  @EnumSource(TopK.class)
  void aCancelledRunStopsBeforeItsNextTile(TopK topK) {
    float[][] vectors = vectors(SEED + 9);
    // 10 bands of 30 rows: 55 symmetric tiles, or 10 query chunks; each reports progress
    MiningSettings settings = MiningSettings.defaults().withTopK(5).withQueryChunkSize(30);
    AtomicReference<String> reason = new AtomicReference<>();
    List<Long> reports = new ArrayList<>();
    MiningProgress cancelAfterFirstTile =
        (rowsDone, rowsTotal) -> {
          reports.add(rowsDone);
          reason.set("the client has gone");
        };
    assertThatThrownBy(
            () ->
                miner(settings, topK, 1)
                    .mine(vectors, MiningInput.identity(COUNT), cancelAfterFirstTile, reason::get))
        .isInstanceOf(CancellationException.class)
        .hasMessage("the client has gone");
    assertThat(reports).as("tiles run").hasSize(1);
    assertThat(reports.get(0)).isLessThan(COUNT);
  }

  @Test
  void tooFewVectorsGiveNoPairs() {
    ExactParaphraseMiner miner = new ExactParaphraseMiner(MiningSettings.defaults(), CPU);
    assertThat(miner.mine(new float[0][])).isEmpty();
    assertThat(miner.mine(new float[][] {{1, 2}})).isEmpty();
    assertThat(miner.mine(new float[][] {{1, 2}, {2, 4}}, new int[] {5, 5}, MiningProgress.NONE))
        .isEmpty();
  }

  @Test
  void malformedInputIsRefusedNamingTheProblem() {
    ExactParaphraseMiner miner = new ExactParaphraseMiner(MiningSettings.defaults(), CPU);
    float[][] two = {{1, 0}, {0, 1}};
    assertThatThrownBy(() -> miner.mine(two, new int[] {0}, MiningProgress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("groups must have one entry per vector: 2 vectors, got 1 groups");
    assertThatThrownBy(() -> miner.mine(two, new int[] {0, -3}, MiningProgress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group ids must be at least 0, got: -3 for vector 1");
    assertThatThrownBy(() -> miner.mine(new float[][] {{1, 0}, {1, 0, 0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("all vectors must have the same dimension: vector 0 has 2, vector 1 has 3");
    assertThatThrownBy(() -> miner.mine(new float[][] {{1, 0}, {Float.NaN, 0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector 1 has a value that is not finite at 0: NaN");
    assertThatThrownBy(() -> miner.mine(new float[][] {{1, 0}, null}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector 1 is null");
    assertThatThrownBy(() -> miner.mine(new float[][] {{}, {}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector 0 is empty");
    assertThatThrownBy(() -> new ExactParaphraseMiner(MiningSettings.defaults(), CPU, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be at least 1, got: 0");
  }
}
