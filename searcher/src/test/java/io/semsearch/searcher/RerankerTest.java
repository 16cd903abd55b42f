package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.EncodeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rerank stage on a scripted first stage and a cross-encoder that scores by a table. */
class RerankerTest {

  /** Scores a passage by its number in {@code scores}; records what it was asked. */
  private static final class TableCrossEncoder implements CrossEncoder {
    final Map<String, Double> scores;
    final List<List<String>> calls = new ArrayList<>();
    final List<EncodeRequest> requests = new ArrayList<>();

    TableCrossEncoder(Map<String, Double> scores) {
      this.scores = scores;
    }

    @Override
    public float[] score(String query, List<String> passages, EncodeRequest request) {
      calls.add(passages);
      requests.add(request);
      float[] out = new float[passages.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = scores.get(passages.get(i)).floatValue();
      }
      return out;
    }

    @Override
    public String modelId() {
      return "table";
    }

    @Override
    public int maxSeqLength() {
      return 512;
    }

    @Override
    public void close() {}
  }

  /** Five documents d0..d4 with first-stage scores 0.9, 0.8, ... and snippets p0..p4. */
  private static final List<SearchHit> FIRST =
      List.of(
          new SearchHit("d0", 0.9, null, "p0", 0, Map.of()),
          new SearchHit("d1", 0.8, null, "p1", 0, Map.of()),
          new SearchHit("d2", 0.7, null, "p2", 1, Map.of()),
          new SearchHit("d3", 0.6, null, "p3", 0, Map.of()),
          new SearchHit("d4", 0.5, null, "p4", 0, Map.of()));

  private static final Map<String, Double> TABLE =
      Map.of("p0", 0.1, "p1", 0.7, "p2", 0.9, "p3", 0.7, "p4", 0.99);

  private final List<SearchRequest> firstStageRequests = new ArrayList<>();

  private SearchResults firstStage(SearchRequest request) {
    firstStageRequests.add(request);
    return new SearchResults(
        FIRST.subList(0, Math.min(request.window(), FIRST.size())), request.mode(), 1.0);
  }

  @Test
  void theBestDocumentsAreReorderedByTheCrossEncoderKeepingBothScores() throws Exception {
    TableCrossEncoder model = new TableCrossEncoder(TABLE);
    SearchResults results =
        new Reranker(model)
            .search(SearchRequest.of("q").withK(3), 4, Cancellation.NONE, this::firstStage);
    // the first stage ran from the top, as deep as the rerank depth
    assertThat(firstStageRequests)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.offset()).isZero();
              assertThat(r.k()).isEqualTo(4);
            });
    assertThat(model.calls).containsExactly(List.of("p0", "p1", "p2", "p3"));
    assertThat(model.requests.get(0).priority()).isEqualTo(EncodeRequest.Priority.INTERACTIVE);
    // d2 (0.9), then d1 and d3 tied at 0.7 in first-stage order; d4 is below the depth
    assertThat(results.hits()).extracting(SearchHit::id).containsExactly("d2", "d1", "d3");
    SearchHit top = results.hits().get(0);
    assertThat(top.score()).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(top.rerankScore()).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(top.firstStageScore()).isEqualTo(0.7);
    assertThat(top.passage()).isEqualTo(1);
  }

  @Test
  void hitsBelowTheDepthFollowInFirstStageOrderWithTheirScores() throws Exception {
    TableCrossEncoder model = new TableCrossEncoder(TABLE);
    SearchResults results =
        new Reranker(model)
            .search(
                SearchRequest.of("q").withK(2).withOffset(2),
                2,
                Cancellation.NONE,
                this::firstStage);
    assertThat(firstStageRequests.get(0).k()).isEqualTo(4); // offset + k > depth
    assertThat(model.calls).containsExactly(List.of("p0", "p1"));
    // reranked: d1 (0.7), d0 (0.1); then d2, d3 unreranked: the page is d2, d3
    assertThat(results.hits()).extracting(SearchHit::id).containsExactly("d2", "d3");
    SearchHit d2 = results.hits().get(0);
    assertThat(d2.rerankScore()).isNull();
    assertThat(d2.score()).isEqualTo(0.7);
    assertThat(d2.firstStageScore()).isEqualTo(0.7);
  }

  @Test
  void badDepthsAndWindowsAreRefusedByName() {
    Reranker reranker = new Reranker(new TableCrossEncoder(TABLE));
    assertThatThrownBy(
            () -> reranker.search(SearchRequest.of("q"), 0, Cancellation.NONE, this::firstStage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rerank depth");
    assertThatThrownBy(
            () ->
                reranker.search(
                    SearchRequest.of("q").withK(500).withOffset(600),
                    10,
                    Cancellation.NONE,
                    this::firstStage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset + k");
  }

  @Test
  void theJsonOfAHitShowsBothScoresOnlyWhenReranked() throws Exception {
    ObjectMapper json = new ObjectMapper();
    SearchRequest request = SearchRequest.of("q").withK(2);
    SearchResults reranked =
        new Reranker(new TableCrossEncoder(TABLE))
            .search(request, 5, Cancellation.NONE, this::firstStage);
    JsonNode hit = json.valueToTree(SearchResponse.of(request, reranked, 1)).get("hits").get(0);
    assertThat(hit.get("id").asText()).isEqualTo("d4");
    assertThat(hit.get("first_stage_score").asDouble()).isEqualTo(0.5);
    assertThat(hit.get("rerank_score").asDouble())
        .isCloseTo(0.99, org.assertj.core.api.Assertions.within(1e-6));
    JsonNode plain =
        json.valueToTree(SearchResponse.of(request, firstStage(request), 1)).get("hits").get(0);
    assertThat(plain.has("first_stage_score")).isFalse();
    assertThat(plain.has("rerank_score")).isFalse();
  }
}
