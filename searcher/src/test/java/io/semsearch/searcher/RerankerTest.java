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
    return scripted(FIRST, request);
  }

  /** The first {@code request.window()} of {@code hits}, the request recorded. */
  private SearchResults scripted(List<SearchHit> hits, SearchRequest request) {
    firstStageRequests.add(request);
    return new SearchResults(
        hits.subList(0, Math.min(request.window(), hits.size())), request.mode(), 1.0);
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
              assertThat(r.passagesPerHit()).isEqualTo(Reranker.PASSAGES_PER_DOCUMENT);
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
  void passagesPerHitIsBoundedAndNamedWhenBad() {
    assertThat(SearchRequest.of("q").passagesPerHit()).isEqualTo(1);
    assertThat(SearchRequest.of("q").withPassagesPerHit(SearchRequest.MAX_PASSAGES_PER_HIT).k())
        .isEqualTo(10);
    for (int bad : new int[] {0, SearchRequest.MAX_PASSAGES_PER_HIT + 1}) {
      assertThatThrownBy(() -> SearchRequest.of("q").withPassagesPerHit(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "passages per hit must be in 1.."
                  + SearchRequest.MAX_PASSAGES_PER_HIT
                  + ", got: "
                  + bad);
    }
    // the copies keep it
    assertThat(SearchRequest.of("q").withPassagesPerHit(3).withK(5).withOffset(2).passagesPerHit())
        .isEqualTo(3);
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
    assertThat(hit.get("first_stage_passage").asInt()).isZero();
    JsonNode plain =
        json.valueToTree(SearchResponse.of(request, firstStage(request), 1)).get("hits").get(0);
    assertThat(plain.has("first_stage_score")).isFalse();
    assertThat(plain.has("rerank_score")).isFalse();
  }

  /**
   * d0: one passage s0; d1: three, the first stage's best first (x0 is passage 2, its snippet); d2:
   * two. The cross-encoder likes d1's second-best passage x1 most.
   */
  private static final List<SearchHit> MULTI =
      List.of(
          new SearchHit("d0", 0.9, null, "s0", 0, Map.of()),
          new SearchHit("d1", 0.8, null, "x0", 2, Map.of())
              .withPassages(
                  List.of(
                      new HitPassage(2, "x0"), new HitPassage(0, "x1"), new HitPassage(1, "x2"))),
          new SearchHit("d2", 0.7, null, "y0", 0, Map.of())
              .withPassages(List.of(new HitPassage(0, "y0"), new HitPassage(1, "y1"))));

  private static final Map<String, Double> MULTI_TABLE =
      Map.of("s0", 0.5, "x0", 0.1, "x1", 0.95, "x2", 0.3, "y0", 0.2, "y1", 0.6);

  private SearchResults multiFirstStage(SearchRequest request) {
    return scripted(MULTI, request);
  }

  @Test
  void aDocumentRisesByAPassageThatWasNotItsSnippet() throws Exception {
    TableCrossEncoder model = new TableCrossEncoder(MULTI_TABLE);
    SearchResults results =
        new Reranker(model)
            .search(SearchRequest.of("q").withK(3), 50, Cancellation.NONE, this::multiFirstStage);
    // every passage, in one call, documents in first-stage order and passages best first
    assertThat(model.calls).containsExactly(List.of("s0", "x0", "x1", "x2", "y0", "y1"));
    // snippets only would give d0 (0.5), d2 (0.2), d1 (0.1)
    assertThat(results.hits()).extracting(SearchHit::id).containsExactly("d1", "d2", "d0");
    SearchHit d1 = results.hits().get(0);
    assertThat(d1.snippet()).isEqualTo("x1");
    assertThat(d1.passage()).isZero();
    assertThat(d1.firstStagePassage()).isEqualTo(2);
    assertThat(d1.firstStageScore()).isEqualTo(0.8);
    assertThat(d1.rerankScore()).isEqualTo((double) 0.95f);
    assertThat(d1.score()).isEqualTo((double) 0.95f);
    assertThat(d1.passages()).isEmpty();
    SearchHit d2 = results.hits().get(1);
    assertThat(d2.snippet()).isEqualTo("y1");
    assertThat(d2.passage()).isEqualTo(1);
    assertThat(d2.firstStagePassage()).isZero();
  }

  @Test
  void theDepthCountsPassagesAndTheLastDocumentMayGiveFewer() throws Exception {
    TableCrossEncoder model = new TableCrossEncoder(MULTI_TABLE);
    SearchResults results =
        new Reranker(model)
            .search(SearchRequest.of("q").withK(3), 2, Cancellation.NONE, this::multiFirstStage);
    assertThat(firstStageRequests.get(0).k()).isEqualTo(3); // the window is deeper than 2
    // two passages: d0's one and d1's best; d1's x1 is not seen, d2 is below the depth
    assertThat(model.calls).containsExactly(List.of("s0", "x0"));
    assertThat(results.hits()).extracting(SearchHit::id).containsExactly("d0", "d1", "d2");
    SearchHit d1 = results.hits().get(1);
    assertThat(d1.snippet()).isEqualTo("x0");
    assertThat(d1.rerankScore()).isEqualTo((double) 0.1f);
    SearchHit d2 = results.hits().get(2);
    assertThat(d2.rerankScore()).isNull();
    assertThat(d2.score()).isEqualTo(0.7);
    assertThat(d2.firstStageScore()).isEqualTo(0.7);
    assertThat(d2.snippet()).isEqualTo("y0");
    assertThat(d2.firstStagePassage()).isZero();
    assertThat(d2.passages()).isEmpty();

    model.calls.clear();
    new Reranker(model)
        .search(SearchRequest.of("q").withK(3), 3, Cancellation.NONE, this::multiFirstStage);
    assertThat(model.calls).containsExactly(List.of("s0", "x0", "x1"));
  }

  @Test
  void atMostThreePassagesOfADocumentAreRescored() throws Exception {
    List<HitPassage> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(new HitPassage(i, "z" + i));
    }
    SearchHit many = new SearchHit("d", 1.0, null, "z0", 0, Map.of()).withPassages(five);
    TableCrossEncoder model =
        new TableCrossEncoder(Map.of("z0", 0.1, "z1", 0.2, "z2", 0.3, "z3", 0.9, "z4", 0.9));
    SearchResults results =
        new Reranker(model)
            .search(
                SearchRequest.of("q"),
                50,
                Cancellation.NONE,
                r -> new SearchResults(List.of(many), r.mode(), 1.0));
    assertThat(model.calls).containsExactly(List.of("z0", "z1", "z2"));
    assertThat(results.hits().get(0).snippet()).isEqualTo("z2");
  }

  @Test
  void theJsonOfARerankedHitNamesTheFirstStagePassage() throws Exception {
    ObjectMapper json = new ObjectMapper();
    SearchRequest request = SearchRequest.of("q").withK(3);
    SearchResults reranked =
        new Reranker(new TableCrossEncoder(MULTI_TABLE))
            .search(request, 50, Cancellation.NONE, this::multiFirstStage);
    JsonNode hit = json.valueToTree(SearchResponse.of(request, reranked, 1)).get("hits").get(0);
    assertThat(hit.get("id").asText()).isEqualTo("d1");
    assertThat(hit.get("snippet").asText()).isEqualTo("x1");
    assertThat(hit.get("passage").asInt()).isZero();
    assertThat(hit.get("first_stage_passage").asInt()).isEqualTo(2);
    assertThat(hit.get("first_stage_score").asDouble()).isEqualTo(0.8);
    assertThat(hit.has("passages")).isFalse();
    JsonNode plain =
        json.valueToTree(SearchResponse.of(request, multiFirstStage(request), 1))
            .get("hits")
            .get(1);
    assertThat(plain.has("first_stage_passage")).isFalse();
  }
}
