package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.searcher.RankFusion.ScoredId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankFusionTest {

  @Test
  void reciprocalRankFusionWorkedOutByHand() {
    // x: 1/61 + 1/63; y: 1/62 + 1/61; z: 1/63; w: 1/62
    List<ScoredId<String>> fused =
        RankFusion.reciprocalRank(List.of(List.of("x", "y", "z"), List.of("y", "w", "x", "y")), 60);
    assertThat(fused).extracting(ScoredId::id).containsExactly("y", "x", "w", "z");
    assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-15));
    assertThat(fused.get(1).score()).isCloseTo(1.0 / 61 + 1.0 / 63, within(1e-15));
    assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-15));
  }

  @Test
  void tiesAreBrokenById() {
    List<ScoredId<String>> fused =
        RankFusion.reciprocalRank(List.of(List.of("b", "a"), List.of("a", "b")), 60);
    assertThat(fused).extracting(ScoredId::id).containsExactly("a", "b");
  }

  @Test
  void weightedSumNormalizesEachRanking() {
    // dense 0.9, 0.5, 0.1 -> 1, 0.5, 0; lexical 10, 2 -> 1, 0. w = 0.25:
    // p: 0.25 * 1 + 0.75 * 0 = 0.25; q: 0.25 * 0.5 = 0.125; r: 0 + 0.75 * 1 = 0.75
    List<ScoredId<String>> dense =
        List.of(new ScoredId<>("p", 0.9), new ScoredId<>("q", 0.5), new ScoredId<>("s", 0.1));
    List<ScoredId<String>> lexical = List.of(new ScoredId<>("r", 10), new ScoredId<>("p", 2));
    List<ScoredId<String>> fused = RankFusion.weightedSum(dense, lexical, 0.25);
    assertThat(fused).extracting(ScoredId::id).containsExactly("r", "p", "q", "s");
    assertThat(fused.get(0).score()).isCloseTo(0.75, within(1e-12));
    assertThat(fused.get(1).score()).isCloseTo(0.25, within(1e-12));
    assertThat(fused.get(2).score()).isCloseTo(0.125, within(1e-12));
    assertThat(fused.get(3).score()).isCloseTo(0.0, within(1e-12));
    assertThat(RankFusion.weightedSum(List.of(new ScoredId<>("o", 3)), List.of(), 1).get(0).score())
        .isEqualTo(1.0);
    assertThatThrownBy(() -> RankFusion.weightedSum(dense, lexical, 1.5))
        .hasMessageContaining("got: 1.5");
  }
}
