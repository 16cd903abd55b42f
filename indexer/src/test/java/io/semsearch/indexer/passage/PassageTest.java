package io.semsearch.indexer.passage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PassageTest {

  @Test
  void offsetsMustMatchTheText() {
    assertThatThrownBy(() -> new Passage(0, "abc", 2, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text length 3 does not match offsets 2..4");
  }

  @Test
  void badIndexAndOffsetsAreRejectedWithTheirValues() {
    assertThatThrownBy(() -> new Passage(-1, "", 0, 0))
        .hasMessage("index must be at least 0, got: -1");
    assertThatThrownBy(() -> new Passage(0, "", 5, 4))
        .hasMessage("need 0 <= start <= end, got: start 5, end 4");
    assertThatThrownBy(() -> new Passage(0, null, 0, 0)).isInstanceOf(NullPointerException.class);
  }
}
