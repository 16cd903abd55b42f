package io.semsearch.searcher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ordering of facet values every search backend shares: most frequent first, then by value, the
 * {@code size} first kept (see {@link SearchResults#facets()}).
 */
public final class FacetCounts {

  private FacetCounts() {}

  /** The {@code size} most frequent of {@code values}, most frequent first, then by value. */
  public static Map<String, Long> top(Map<String, Long> values, int size) {
    Map<String, Long> top = new LinkedHashMap<>();
    values.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(size)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }
}
