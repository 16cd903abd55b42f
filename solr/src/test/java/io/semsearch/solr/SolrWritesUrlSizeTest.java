package io.semsearch.solr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real-time gets of many long ids stay under Jetty's URI limit: a feed of 100,000 man-page
 * paragraphs (ids such as {@code d:man:systemd.exec.5#112}) failed with 414 URI Too Long when 500
 * ids went in one request.
 */
class SolrWritesUrlSizeTest {

  @Test
  void chunksKeepEveryKeyInOrderWithinTheBudget() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      keys.add("d:man:" + "x".repeat(i % 70) + "é#" + i); // non-ASCII: 6 bytes encoded
    }
    List<List<String>> chunks = SolrWrites.urlSized(keys, 6000);

    List<String> joined = new ArrayList<>();
    chunks.forEach(joined::addAll);
    assertThat(joined).isEqualTo(keys);
    for (List<String> chunk : chunks) {
      assertThat(chunk).hasSizeLessThanOrEqualTo(SolrWrites.MAX_KEYS_PER_GET);
      // the ids parameter as SolrJ sends it: comma-separated, URL-encoded
      String encoded = URLEncoder.encode(String.join(",", chunk), StandardCharsets.UTF_8);
      assertThat(encoded.length()).isLessThanOrEqualTo(6000);
    }
    assertThat(chunks.size()).isGreaterThan(1200 / SolrWrites.MAX_KEYS_PER_GET + 1);
  }

  @Test
  void shortKeysGoFiveHundredAtATimeAndALongKeyAlone() {
    List<String> shortKeys = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      shortKeys.add("d:" + i);
    }
    assertThat(SolrWrites.urlSized(shortKeys, 6000).stream().map(List::size).toList())
        .containsExactly(500, 500, 1);
    List<String> oneLong = List.of("a", "y".repeat(7000), "b");
    assertThat(SolrWrites.urlSized(oneLong, 6000)).hasSize(3);
  }
}
