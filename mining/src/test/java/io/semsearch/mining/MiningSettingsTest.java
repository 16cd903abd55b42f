package io.semsearch.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MiningSettingsTest {

  @Test
  void defaultsAreSentenceTransformers() {
    assertThat(MiningSettings.defaults())
        .isEqualTo(new MiningSettings(100, 500_000, Double.NEGATIVE_INFINITY, 5000, 100_000));
  }

  @Test
  void copiesChangeOneField() {
    MiningSettings s =
        MiningSettings.defaults()
            .withTopK(5)
            .withMaxPairs(9)
            .withThreshold(0.8)
            .withQueryChunkSize(7)
            .withCorpusChunkSize(11);
    assertThat(s).isEqualTo(new MiningSettings(5, 9, 0.8, 7, 11));
  }

  @Test
  void badValuesAreRefusedWithTheValue() {
    MiningSettings d = MiningSettings.defaults();
    assertThatThrownBy(() -> d.withTopK(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("top-k must be at least 1, got: 0");
    assertThatThrownBy(() -> d.withMaxPairs(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max pairs must be at least 1, got: -2");
    assertThatThrownBy(() -> d.withThreshold(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threshold must be a number, got: NaN");
    assertThatThrownBy(() -> d.withQueryChunkSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query chunk size must be at least 1, got: 0");
    assertThatThrownBy(() -> d.withCorpusChunkSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("corpus chunk size must be at least 1, got: 0");
  }

  @Test
  void pairsKeepTheirIndexesOrdered() {
    assertThatThrownBy(() -> new ParaphrasePair(0.5, 3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pair indexes must satisfy 0 <= first < second, got: 3, 3");
  }
}
