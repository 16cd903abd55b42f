package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QueryVectorCacheTest {

  /** Embeds a text as {length, calls so far}, recording each call. */
  private static final class Embedder implements Function<String, float[]> {
    final List<String> calls = new ArrayList<>();

    @Override
    public float[] apply(String text) {
      calls.add(text);
      return new float[] {text.length(), calls.size()};
    }
  }

  @Test
  void aRepeatedQueryIsEmbeddedOnce() {
    QueryVectorCache cache = new QueryVectorCache(10);
    Embedder embed = new Embedder();
    float[] first = cache.get("red shoes", embed);
    float[] again = cache.get("red shoes", embed);
    cache.get("blue shoes", embed);
    assertThat(again).isSameAs(first);
    assertThat(embed.calls).containsExactly("red shoes", "blue shoes");
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(2);
  }

  @Test
  void aFullCacheDropsAnEighthAndStaysWithinCapacity() {
    QueryVectorCache cache = new QueryVectorCache(16);
    Embedder embed = new Embedder();
    for (int i = 0; i < 100; i++) {
      cache.get("query " + i, embed);
      assertThat(cache.size()).isLessThanOrEqualTo(16);
    }
    assertThat(cache.size()).isGreaterThan(16 - 16 / 8 - 1);
    assertThat(embed.calls).hasSize(100);
    // the newest entry survived its own insertion
    cache.get("query 99", embed);
    assertThat(embed.calls).hasSize(100);
  }

  @Test
  void capacityZeroEmbedsEveryTime() {
    QueryVectorCache cache = new QueryVectorCache(0);
    Embedder embed = new Embedder();
    cache.get("q", embed);
    cache.get("q", embed);
    assertThat(embed.calls).hasSize(2);
    assertThat(cache.size()).isZero();
    assertThat(cache.hits()).isZero();
    assertThatThrownBy(() -> new QueryVectorCache(-1))
        .hasMessage("capacity must be at least 0, got: -1");
  }
}
