package io.semsearch.searcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search answer as JSON shows it: the one rendering of {@link SearchResults} that the web API
 * ({@code /api/search}, {@code /api/documents/{id}/similar}) and {@code ./semsearch search --json}
 * both print. Its names are fixed by annotations, so any Jackson mapper writes the same JSON;
 * absent parts (a hit's title or highlight, facets not asked for) are left out.
 *
 * @param hits the page of hits, best first
 * @param tookMs time taken in milliseconds, to 0.01
 * @param mode the search mode's label, or {@code similar}
 * @param offset hits skipped
 * @param k hits asked for
 * @param facets for each metadata field its most frequent values, most frequent first; null unless
 *     the request asked for facets
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResponse(
    List<Hit> hits,
    @JsonProperty("took_ms") double tookMs,
    String mode,
    int offset,
    int k,
    Map<String, List<Bucket>> facets) {

  /** The mode shown for the neighbours of a stored document. */
  public static final String SIMILAR_MODE = "similar";

  /**
   * One hit; fields as in {@link SearchHit}.
   *
   * @param highlight the snippet's sentence closest to the query, or null when not asked for
   * @param firstStageScore after a rerank, the first stage's score; else left out
   * @param rerankScore after a rerank, the cross-encoder's score (then also {@code score}); left
   *     out when not reranked or below the rerank depth
   * @param firstStagePassage after a rerank, the passage the first stage found best ({@code
   *     passage} is then the one the cross-encoder scored highest); else left out
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hit(
      String id,
      double score,
      String title,
      String snippet,
      int passage,
      Map<String, Object> metadata,
      Highlight highlight,
      @JsonProperty("first_stage_score") Double firstStageScore,
      @JsonProperty("rerank_score") Double rerankScore,
      @JsonProperty("first_stage_passage") Integer firstStagePassage) {

    /** A hit of a search that was not reranked. */
    public Hit(
        String id,
        double score,
        String title,
        String snippet,
        int passage,
        Map<String, Object> metadata,
        Highlight highlight) {
      this(id, score, title, snippet, passage, metadata, highlight, null, null, null);
    }
  }

  /**
   * Where the best sentence of a snippet is.
   *
   * @param start char offset of the sentence in the snippet
   * @param end end char offset (exclusive)
   * @param score cosine similarity of the sentence with the query
   */
  public record Highlight(int start, int end, double score) {}

  /** One value of a metadata field and how many of the ranked documents have it. */
  public record Bucket(String value, long count) {}

  /** The answer to {@code request}, which found {@code results} in {@code tookMillis}. */
  public static SearchResponse of(SearchRequest request, SearchResults results, double tookMillis) {
    return new SearchResponse(
        hits(results),
        round(tookMillis),
        request.mode().label(),
        request.offset(),
        request.k(),
        request.facetSize() == 0 ? null : facets(results.facets()));
  }

  /** The answer to a request for the {@code k} neighbours of a stored document. */
  public static SearchResponse similar(SearchResults results, int k, double tookMillis) {
    return new SearchResponse(hits(results), round(tookMillis), SIMILAR_MODE, 0, k, null);
  }

  /**
   * A copy whose hits carry {@code highlights}, one per hit in order (null entries for none).
   *
   * @throws IllegalArgumentException if there is not one highlight per hit
   */
  public SearchResponse withHighlights(List<Highlight> highlights) {
    if (highlights.size() != hits.size()) {
      throw new IllegalArgumentException(
          highlights.size() + " highlights for " + hits.size() + " hits");
    }
    List<Hit> highlighted = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      Hit h = hits.get(i);
      highlighted.add(
          new Hit(
              h.id(),
              h.score(),
              h.title(),
              h.snippet(),
              h.passage(),
              h.metadata(),
              highlights.get(i),
              h.firstStageScore(),
              h.rerankScore(),
              h.firstStagePassage()));
    }
    return new SearchResponse(highlighted, tookMs, mode, offset, k, facets);
  }

  private static List<Hit> hits(SearchResults results) {
    return results.hits().stream()
        .map(
            h ->
                new Hit(
                    h.id(),
                    h.score(),
                    h.title(),
                    h.snippet(),
                    h.passage(),
                    h.metadata(),
                    null,
                    h.firstStageScore(),
                    h.rerankScore(),
                    h.firstStagePassage()))
        .toList();
  }

  private static Map<String, List<Bucket>> facets(Map<String, Map<String, Long>> counts) {
    Map<String, List<Bucket>> out = new LinkedHashMap<>();
    counts.forEach(
        (field, values) ->
            out.put(
                field,
                values.entrySet().stream()
                    .map(e -> new Bucket(e.getKey(), e.getValue()))
                    .toList()));
    return out;
  }

  private static double round(double millis) {
    return Math.round(millis * 100) / 100.0;
  }
}
