package io.semsearch.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Counters and histograms written in the Prometheus text exposition format (version 0.0.4), by
 * hand: requests by route and status, request latency per route, time spent embedding and
 * searching. Safe for concurrent use; recording is a few lock-free additions.
 */
final class Metrics {

  /**
   * Histogram upper bounds in seconds (Prometheus client defaults plus sub-millisecond buckets).
   */
  static final double[] BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, Histogram> encode = new ConcurrentHashMap<>();
  private final Map<String, Histogram> search = new ConcurrentHashMap<>();
  private final LongAdder encodedTexts = new LongAdder();

  private record RequestKey(String method, String route, int status) {}

  /** The methods counted by name; any other is counted as {@value #OTHER}. */
  static final Set<String> KNOWN_METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  /** The label of methods outside {@link #KNOWN_METHODS}. */
  static final String OTHER = "other";

  /**
   * One request finished. {@code route} must come from a bounded set (a route template, not the
   * request's path); {@code method} may be anything the client sent, as methods outside {@link
   * #KNOWN_METHODS} share one label, so no client can grow the number of series.
   */
  void request(String method, String route, int status, double seconds) {
    method = KNOWN_METHODS.contains(method) ? method : OTHER;
    requests
        .computeIfAbsent(new RequestKey(method, route, status), k -> new LongAdder())
        .increment();
    latency.computeIfAbsent(method + " " + route, k -> new Histogram()).observe(seconds);
  }

  /**
   * {@code texts} texts were embedded in {@code seconds} for {@code purpose} (query, embed,
   * index...).
   */
  void encoded(String purpose, int texts, double seconds) {
    encodedTexts.add(texts);
    encode.computeIfAbsent(purpose, k -> new Histogram()).observe(seconds);
  }

  /** A search in {@code mode} took {@code seconds}, embedding excluded. */
  void searched(String mode, double seconds) {
    search.computeIfAbsent(mode, k -> new Histogram()).observe(seconds);
  }

  /** The exposition text; {@code gauges} are read now (name to value, with HELP text). */
  String scrape(Map<String, Gauge> gauges) {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP semsearch_http_requests_total HTTP requests by method, route and status.\n");
    out.append("# TYPE semsearch_http_requests_total counter\n");
    new TreeMap<String, Long>(
            requests.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        e ->
                            "{method=\""
                                + escape(e.getKey().method())
                                + "\",route=\""
                                + escape(e.getKey().route())
                                + "\",status=\""
                                + e.getKey().status()
                                + "\"}",
                        e -> e.getValue().sum())))
        .forEach(
            (labels, count) ->
                out.append("semsearch_http_requests_total")
                    .append(labels)
                    .append(' ')
                    .append(count)
                    .append('\n'));
    histograms(
        out,
        "semsearch_http_request_duration_seconds",
        "HTTP request latency by method and route.",
        latency,
        key -> {
          int space = key.indexOf(' ');
          return "method=\""
              + escape(key.substring(0, space))
              + "\",route=\""
              + escape(key.substring(space + 1))
              + "\"";
        });
    histograms(
        out,
        "semsearch_encode_seconds",
        "Time in the encoder per call, by purpose.",
        encode,
        key -> "purpose=\"" + escape(key) + "\"");
    out.append(
        "# HELP semsearch_encoded_texts_total Texts embedded.\n"
            + "# TYPE semsearch_encoded_texts_total counter\n");
    out.append("semsearch_encoded_texts_total ").append(encodedTexts.sum()).append('\n');
    histograms(
        out,
        "semsearch_search_seconds",
        "Time in the index per search (embedding excluded), by mode.",
        search,
        key -> "mode=\"" + escape(key) + "\"");
    new TreeMap<>(gauges)
        .forEach(
            (name, gauge) -> {
              out.append("# HELP ").append(name).append(' ').append(gauge.help()).append('\n');
              out.append("# TYPE ")
                  .append(name)
                  .append(gauge.counter() ? " counter\n" : " gauge\n");
              out.append(name).append(' ').append(number(gauge.value().get())).append('\n');
            });
    return out.toString();
  }

  /** A value read at scrape time; a counter (only grows) or a gauge. */
  record Gauge(String help, Supplier<Double> value, boolean counter) {

    /** A gauge. */
    Gauge(String help, Supplier<Double> value) {
      this(help, value, false);
    }
  }

  private static void histograms(
      StringBuilder out,
      String name,
      String help,
      Map<String, Histogram> byKey,
      Function<String, String> labels) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" histogram\n");
    new TreeMap<>(byKey).forEach((key, h) -> h.write(out, name, labels.apply(key)));
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** A cumulative histogram over {@link #BUCKETS}. */
  private static final class Histogram {
    private final LongAdder[] counts = new LongAdder[BUCKETS.length];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          counts[i].increment();
          break;
        }
      }
      count.increment();
      sum.add(seconds);
    }

    void write(StringBuilder out, String name, String labels) {
      long cumulative = 0;
      long total = count.sum();
      for (int i = 0; i < BUCKETS.length; i++) {
        cumulative += counts[i].sum();
        out.append(name)
            .append("_bucket{")
            .append(labels)
            .append(",le=\"")
            .append(number(BUCKETS[i]))
            .append("\"} ")
            .append(Math.min(cumulative, total))
            .append('\n');
      }
      out.append(name)
          .append("_bucket{")
          .append(labels)
          .append(",le=\"+Inf\"} ")
          .append(total)
          .append('\n');
      out.append(name)
          .append("_sum{")
          .append(labels)
          .append("} ")
          .append(String.format(Locale.ROOT, "%.6f", sum.sum()))
          .append('\n');
      out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
    }
  }
}
