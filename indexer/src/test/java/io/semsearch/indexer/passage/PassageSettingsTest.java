package io.semsearch.indexer.passage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PassageSettingsTest {

  @Test
  void defaultOverlapIs32TokensCappedAtAnEighthOfTheWindow() {
    assertThat(PassageSettings.of(512).overlapTokens()).isEqualTo(32);
    assertThat(PassageSettings.of(256).overlapTokens()).isEqualTo(32);
    assertThat(PassageSettings.of(128).overlapTokens()).isEqualTo(16);
    assertThat(PassageSettings.of(8).overlapTokens()).isEqualTo(1);
  }

  @Test
  void tooSmallWindowIsRejectedWithItsValue() {
    assertThatThrownBy(() -> new PassageSettings(7, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max tokens must be at least 8, got: 7");
  }

  @Test
  void overlapMustBeBelowHalfTheWindow() {
    assertThat(new PassageSettings(8, 3).overlapTokens()).isEqualTo(3);
    assertThatThrownBy(() -> new PassageSettings(8, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("overlap tokens must be at least 0 and less than half of max tokens 8, got: 4");
    assertThatThrownBy(() -> new PassageSettings(64, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got: -1");
  }

  @Test
  void withOverlapTokensKeepsTheWindow() {
    assertThat(PassageSettings.of(256).withOverlapTokens(0)).isEqualTo(new PassageSettings(256, 0));
  }
}
