package io.semsearch.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MiningRecallTest {

  @Test
  void recallIsTheShareOfExactPairsFoundWhateverTheScores() {
    List<ParaphrasePair> exact =
        List.of(
            new ParaphrasePair(0.9, 0, 1),
            new ParaphrasePair(0.8, 2, 3),
            new ParaphrasePair(0.7, 1, 4),
            new ParaphrasePair(0.6, 0, 5));
    // finds (0, 1) and (1, 4) with other scores; (3, 2) would not be a valid pair, (2, 5) is not
    // exact
    List<ParaphrasePair> approximate =
        List.of(
            new ParaphrasePair(0.5, 0, 1),
            new ParaphrasePair(0.69, 1, 4),
            new ParaphrasePair(0.65, 2, 5));
    assertThat(MiningRecall.recall(exact, approximate)).isEqualTo(0.5);
    assertThat(MiningRecall.recall(exact, exact)).isEqualTo(1.0);
    assertThat(MiningRecall.recall(exact, List.of())).isEqualTo(0.0);
    assertThat(MiningRecall.recall(List.of(), approximate)).isEqualTo(1.0);
  }

  @Test
  void largeIndexesDoNotCollide() {
    List<ParaphrasePair> exact = List.of(new ParaphrasePair(0.9, 1, 1 << 20));
    assertThat(MiningRecall.recall(exact, List.of(new ParaphrasePair(0.9, 0, (1 << 20) + 1))))
        .isEqualTo(0.0);
  }
}
