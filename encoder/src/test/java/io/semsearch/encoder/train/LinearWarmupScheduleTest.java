package io.semsearch.encoder.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LinearWarmupScheduleTest {

  @Test
  void risesOverTheWarmupThenFallsToZeroAtTheLastStep() {
    // peak 1, warmup 2, total 10: s/2 for s < 2, then (10 - s) / 8
    LinearWarmupSchedule schedule = new LinearWarmupSchedule(1.0, 2, 10);
    double[] expected = {
      0, 0.5, 1, 7 / 8.0, 6 / 8.0, 5 / 8.0, 4 / 8.0, 3 / 8.0, 2 / 8.0, 1 / 8.0, 0
    };
    for (int s = 0; s < expected.length; s++) {
      assertThat(schedule.rate(s)).as("step %d", s).isCloseTo(expected[s], Offset.offset(1e-12));
    }
    assertThat(schedule.rate(11)).isZero();
  }

  @Test
  void withoutWarmupTheFirstStepRunsAtThePeak() {
    LinearWarmupSchedule schedule = LinearWarmupSchedule.of(2e-5, 0, 4);
    assertThat(schedule.rate(0)).isCloseTo(2e-5, Offset.offset(1e-18));
    assertThat(schedule.rate(3)).isCloseTo(0.5e-5, Offset.offset(1e-18));
  }

  @Test
  void theCardsRunWarmsUpForTheCeilingOfTenPercentOfItsSteps() {
    // 277,277 examples in batches of 256: 1,084 steps (the card's log ends at step 1084)
    int total = TrainingConfig.defaults().totalSteps(277_277);
    assertThat(total).isEqualTo(1084);
    LinearWarmupSchedule schedule = LinearWarmupSchedule.of(2e-5, 0.1, total);
    assertThat(schedule.warmupSteps()).isEqualTo(109); // ceil(108.4)
    assertThat(schedule.rate(109)).isCloseTo(2e-5, Offset.offset(1e-18));
  }
}
