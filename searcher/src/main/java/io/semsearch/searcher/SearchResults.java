package io.semsearch.searcher;

import java.util.List;

/**
 * The hits of one search, best first.
 *
 * @param hits at most k hits after the offset
 * @param mode how they were found
 * @param tookMillis time spent, embedding the query included
 */
public record SearchResults(List<SearchHit> hits, SearchMode mode, double tookMillis) {

  /** Copies the hits. */
  public SearchResults {
    hits = List.copyOf(hits);
  }
}
