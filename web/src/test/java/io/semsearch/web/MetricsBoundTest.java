package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The labels of /metrics come from a bounded set whatever clients send: methods outside the known
 * ones are counted as "other", paths as their route template (or "unmatched"), so junk requests add
 * no series.
 */
class MetricsBoundTest extends SharedIndexTest {

  private static final int JUNK = 300;

  private static long series(String scrape, String name) {
    return scrape.lines().filter(l -> l.startsWith(name + "{")).count();
  }

  @Test
  void manyDistinctJunkMethodsAndPathsLeaveTheSeriesCountBounded() throws IOException {
    try (SearchServer server = index.start(ServerConfig.defaults())) {
      int port = server.port();
      for (int i = 0; i < JUNK; i++) {
        RawHttp.exchange(
            port,
            "JUNK"
                + i
                + " /api/junk/"
                + i
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        RawHttp.exchange(port, RawHttp.get("/junk-" + i + "?x=" + i, "localhost"));
        RawHttp.exchange(port, RawHttp.get("/api/documents/junk-" + i, "localhost"));
      }
      String scrape = RawHttp.exchange(port, RawHttp.get("/metrics", "localhost")).body();
      assertThat(scrape).doesNotContain("JUNK").doesNotContain("junk");
      assertThat(scrape).contains("method=\"other\",route=\"unmatched\",status=\"404\"} " + JUNK);
      assertThat(scrape).contains("route=\"/api/documents/{id}\",status=\"404\"");
      assertThat(series(scrape, "semsearch_http_requests_total")).isLessThan(10);
      assertThat(series(scrape, "semsearch_http_request_duration_seconds_count")).isLessThan(10);
    }
  }

  @Test
  void unknownMethodsShareOneLabel() {
    Metrics metrics = new Metrics();
    for (int i = 0; i < JUNK; i++) {
      metrics.request("M" + i, "unmatched", 405, 0.001);
    }
    metrics.request("GET", "/api/search", 200, 0.001);
    String scrape = metrics.scrape(Map.of());
    assertThat(scrape)
        .contains(
            "semsearch_http_requests_total{method=\"other\",route=\"unmatched\",status=\"405\"} "
                + JUNK);
    assertThat(series(scrape, "semsearch_http_requests_total")).isEqualTo(2);
  }
}
