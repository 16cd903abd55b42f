package io.semsearch.searcher;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hits of one search, best first.
 *
 * @param hits at most k hits after the offset
 * @param mode how they were found
 * @param tookMillis time spent, embedding the query included
 * @param facets for each metadata field, its most frequent values and their document counts (most
 *     frequent first, then by value) over the ranked candidates that pass the minimum score — for
 *     dense search the {@code num_candidates} nearest documents, as Elasticsearch computes kNN
 *     aggregations over its top hits; empty unless the request asked for facets
 */
public record SearchResults(
    List<SearchHit> hits,
    SearchMode mode,
    double tookMillis,
    Map<String, Map<String, Long>> facets) {

  /** Copies the hits and facets. */
  public SearchResults {
    hits = List.copyOf(hits);
    facets = facets == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facets));
  }

  /** Results without facets. */
  public SearchResults(List<SearchHit> hits, SearchMode mode, double tookMillis) {
    this(hits, mode, tookMillis, Map.of());
  }
}
