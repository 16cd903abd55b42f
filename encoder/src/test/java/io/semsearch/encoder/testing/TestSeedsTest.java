package io.semsearch.encoder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestSeedsTest {

  private final String before = System.getProperty(TestSeeds.PROPERTY);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(TestSeeds.PROPERTY);
    } else {
      System.setProperty(TestSeeds.PROPERTY, before);
    }
  }

  @Test
  void theFixedDefaultUnlessThePropertyIsSet() {
    System.clearProperty(TestSeeds.PROPERTY);
    assertThat(TestSeeds.seed(TestSeedsTest.class, 42)).isEqualTo(42);
    System.setProperty(TestSeeds.PROPERTY, " 7 ");
    assertThat(TestSeeds.seed(TestSeedsTest.class, 42)).isEqualTo(7);
  }

  @Test
  void aPropertyThatIsNotANumberIsRefusedNamingIt() {
    System.setProperty(TestSeeds.PROPERTY, "seven");
    assertThatThrownBy(() -> TestSeeds.seed(TestSeedsTest.class, 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tests.seed must be a number, got: seven");
  }
}
