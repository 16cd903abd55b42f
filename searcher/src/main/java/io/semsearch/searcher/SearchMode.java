package io.semsearch.searcher;

import java.util.Locale;

/** How a query is matched. */
public enum SearchMode {
  /**
   * Approximate nearest neighbours of the query embedding (HNSW), documents ranked by their best
   * passage.
   */
  DENSE,
  /**
   * Exact nearest neighbours: every passage vector compared with the query (the ground truth for
   * recall).
   */
  EXACT,
  /** BM25 on title and text. */
  LEXICAL,
  /** Dense and lexical rankings fused (reciprocal rank fusion by default). */
  HYBRID;

  /**
   * Parses a mode name, case-insensitively; {@code semantic} means dense and {@code keyword}
   * lexical.
   */
  public static SearchMode parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "dense", "semantic", "knn" -> DENSE;
      case "exact" -> EXACT;
      case "lexical", "keyword", "bm25" -> LEXICAL;
      case "hybrid" -> HYBRID;
      default ->
          throw new IllegalArgumentException(
              "unknown mode '" + value + "': use dense, exact, lexical or hybrid");
    };
  }

  /** The lower-case name used on the command line and in the API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
