package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.testing.TestSeeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSeeds.class)
class TopCandidatesTest {

  private static final long SEED = TestSeeds.seed(TopCandidatesTest.class, 7);

  @Test
  void keepsTheBestAndEveryCandidateTiedWithTheLast() {
    TopCandidates top = new TopCandidates(2);
    for (double score : new double[] {0.1, 0.5, 0.3, 0.3, 0.9, 0.3, 0.2}) {
      top.offer(new Candidate(0, 0, score, null));
    }
    // best two: 0.9 and 0.5; nothing ties with 0.5
    assertThat(top.candidates()).extracting(Candidate::score).containsExactlyInAnyOrder(0.9, 0.5);
    TopCandidates ties = new TopCandidates(2);
    for (double score : new double[] {0.3, 0.9, 0.3, 0.1, 0.3}) {
      ties.offer(new Candidate(0, 0, score, null));
    }
    assertThat(ties.candidates())
        .extracting(Candidate::score)
        .containsExactlyInAnyOrder(0.9, 0.3, 0.3, 0.3);
  }

  @Test
  void agreesWithSortingEverything() {
    Random random = new Random(SEED);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(10);
      List<Candidate> all = new ArrayList<>();
      TopCandidates top = new TopCandidates(n);
      for (int i = 0; i < random.nextInt(60); i++) {
        Candidate c = new Candidate(i, i, random.nextInt(8) / 8.0, null);
        all.add(c);
        top.offer(c);
      }
      all.sort(Comparator.comparingDouble(Candidate::score).reversed());
      double cut = all.size() < n ? Double.NEGATIVE_INFINITY : all.get(n - 1).score();
      List<Candidate> expected = all.stream().filter(c -> c.score() >= cut).toList();
      assertThat(top.candidates()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
