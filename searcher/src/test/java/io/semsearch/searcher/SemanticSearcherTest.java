package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.filter.FilterParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search modes on tiny indexes whose scores are worked out by hand. */
class SemanticSearcherTest {

  @TempDir Path dir;

  /** Three axes: a document's vector is set by a leading marker word. */
  private static float[] byMarker(String text) {
    Map<String, float[]> vectors =
        Map.of(
            "A", new float[] {1, 0, 0},
            "B", new float[] {0.6f, 0.8f, 0},
            "C", new float[] {0, 0, 1},
            "D", new float[] {0, 1, 0},
            "TWIN", new float[] {0.8f, 0.6f, 0});
    String marker = text.strip().split("\\s+")[0];
    float[] v = vectors.get(marker);
    return v != null ? v : new float[] {0.1f, 0.1f, 0.1f};
  }

  private static FunctionEncoder markerEncoder(boolean normalizes) {
    return new FunctionEncoder("markers", 3, normalizes, 64, SemanticSearcherTest::byMarker);
  }

  private static CorpusDocument doc(String id, String text, Map<String, Object> metadata) {
    return new CorpusDocument(id, null, text, metadata, "test:" + id);
  }

  private Path index(FunctionEncoder encoder, List<CorpusDocument> docs) throws IOException {
    Path index = dir.resolve("index-" + System.nanoTime());
    try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, IndexSettings.defaults())) {
      indexer.index(new ArrayList<CorpusRecord>(docs).iterator(), IndexProgress.NONE);
    }
    return index;
  }

  private static List<CorpusDocument> threeDocs() {
    return List.of(
        doc("a", "A apple banana", Map.of("section", "fruit", "year", 2001L)),
        doc("b", "B apple apple cherry", Map.of("section", "fruit", "year", 2010L)),
        doc("c", "C cherry date", Map.of("section", "tree", "year", 2020L)));
  }

  @Test
  void denseAndExactScoresAreTheCosinesWorkedOutByHand() throws IOException {
    FunctionEncoder encoder = markerEncoder(true);
    try (SemanticSearcher searcher = SemanticSearcher.open(index(encoder, threeDocs()), encoder)) {
      for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.EXACT)) {
        // query "A" = (1,0,0): a = (1,0,0) -> 1; b = (0.6,0.8,0) -> 0.6; c = (0,0,1) -> 0
        List<SearchHit> hits = searcher.search(SearchRequest.of("A query").withMode(mode)).hits();
        assertThat(hits).extracting(SearchHit::id).containsExactly("a", "b", "c");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-6));
        assertThat(hits.get(1).score()).isCloseTo(0.6, within(1e-6));
        assertThat(hits.get(2).score()).isCloseTo(0.0, within(1e-6));
        assertThat(hits.get(1).snippet()).isEqualTo("B apple apple cherry");
        assertThat(hits.get(1).metadata())
            .containsEntry("section", "fruit")
            .containsEntry("year", 2010);
      }
    }
  }

  @Test
  void cosineIndexesOfUnnormalizedModelsScoreByCosineToo() throws IOException {
    FunctionEncoder encoder =
        new FunctionEncoder(
            "raw",
            3,
            false,
            64,
            text -> {
              float[] v = byMarker(text);
              float scale = text.startsWith("B") ? 5 : 2; // lengths must not matter
              return new float[] {v[0] * scale, v[1] * scale, v[2] * scale};
            });
    try (SemanticSearcher searcher = SemanticSearcher.open(index(encoder, threeDocs()), encoder)) {
      assertThat(searcher.metadata().similarity().name()).isEqualTo("COSINE");
      List<SearchHit> hits = searcher.search(SearchRequest.of("A").withK(2)).hits();
      assertThat(hits).extracting(SearchHit::id).containsExactly("a", "b");
      assertThat(hits.get(1).score()).isCloseTo(0.6, within(1e-6));
    }
  }

  @Test
  void pagingMinScoreAndTiesBrokenById() throws IOException {
    FunctionEncoder encoder = markerEncoder(true);
    List<CorpusDocument> docs = new ArrayList<>(threeDocs());
    docs.add(doc("twin-2", "TWIN second", Map.of()));
    docs.add(doc("twin-1", "TWIN first", Map.of()));
    try (SemanticSearcher searcher = SemanticSearcher.open(index(encoder, docs), encoder)) {
      // query A: a 1.0, twin-1 0.8, twin-2 0.8 (tie: by id), b 0.6, c 0
      for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.EXACT)) {
        SearchRequest all = SearchRequest.of("A").withMode(mode);
        assertThat(searcher.search(all).hits())
            .extracting(SearchHit::id)
            .containsExactly("a", "twin-1", "twin-2", "b", "c");
        assertThat(searcher.search(all.withOffset(1).withK(2)).hits())
            .extracting(SearchHit::id)
            .containsExactly("twin-1", "twin-2");
        assertThat(searcher.search(all.withOffset(4)).hits())
            .extracting(SearchHit::id)
            .containsExactly("c");
        assertThat(searcher.search(all.withMinScore(0.7)).hits())
            .extracting(SearchHit::id)
            .containsExactly("a", "twin-1", "twin-2");
      }
    }
  }

  @Test
  void filtersApplyInsideTheSearchInEveryMode() throws IOException {
    FunctionEncoder encoder = markerEncoder(true);
    try (SemanticSearcher searcher = SemanticSearcher.open(index(encoder, threeDocs()), encoder)) {
      for (SearchMode mode : SearchMode.values()) {
        SearchRequest request = SearchRequest.of("A apple cherry").withMode(mode);
        assertThat(searcher.search(request.withFilter(FilterParser.parse("section:tree"))).hits())
            .as(mode.label())
            .extracting(SearchHit::id)
            .containsExactly("c");
        assertThat(
                searcher.search(request.withFilter(FilterParser.parse("year:[2005 TO *]"))).hits())
            .as(mode.label())
            .extracting(SearchHit::id)
            .containsExactlyInAnyOrder("b", "c");
        assertThat(
                searcher
                    .search(
                        request.withFilter(
                            FilterParser.parse("section:(fruit OR tree) year:<2010")))
                    .hits())
            .as(mode.label())
            .extracting(SearchHit::id)
            .containsExactly("a");
        assertThat(searcher.search(request.withFilter(FilterParser.parse("section:none"))).hits())
            .as(mode.label())
            .isEmpty();
      }
    }
  }

  @Test
  void lexicalScoresAreBm25WorkedOutByHand() throws IOException {
    FunctionEncoder encoder = markerEncoder(true);
    try (SemanticSearcher searcher = SemanticSearcher.open(index(encoder, threeDocs()), encoder)) {
      // Texts (StandardAnalyzer lower-cases): a "a apple banana" (3 terms), b "b apple apple
      // cherry" (4),
      // c "c cherry date" (3). avgdl = 10 / 3. "apple": docFreq 2 of 3 docs, idf = ln(1 + 1.5 /
      // 2.5) = ln 1.6.
      // Lucene's BM25 (k1 1.2, b 0.75): idf * tf / (tf + k1 * (1 - b + b * dl / avgdl)).
      double idf = Math.log(1.6);
      double avgdl = 10.0 / 3;
      double scoreB = idf * 2 / (2 + 1.2 * (0.25 + 0.75 * 4 / avgdl));
      double scoreA = idf * 1 / (1 + 1.2 * (0.25 + 0.75 * 3 / avgdl));
      List<SearchHit> hits =
          searcher.search(SearchRequest.of("Apple?").withMode(SearchMode.LEXICAL)).hits();
      assertThat(hits).extracting(SearchHit::id).containsExactly("b", "a");
      assertThat(hits.get(0).score()).isCloseTo(scoreB, within(1e-5));
      assertThat(hits.get(1).score()).isCloseTo(scoreA, within(1e-5));
      assertThat(searcher.search(SearchRequest.of("zebra").withMode(SearchMode.LEXICAL)).hits())
          .isEmpty();
    }
  }

  @Test
  void facetsCountMetadataValuesOverTheRankedDocuments() throws IOException {
    FunctionEncoder encoder = markerEncoder(true);
    try (SemanticSearcher searcher = SemanticSearcher.open(index(encoder, threeDocs()), encoder)) {
      for (SearchMode mode : SearchMode.values()) {
        // every document matches "A apple cherry" in each mode: a, b (fruit), c (tree)
        SearchResults results =
            searcher.search(
                SearchRequest.of("A apple cherry").withMode(mode).withK(1).withFacets(10));
        assertThat(results.hits()).hasSize(1);
        assertThat(results.facets().get("section"))
            .as(mode.label())
            .containsExactly(Map.entry("fruit", 2L), Map.entry("tree", 1L));
        assertThat(results.facets().get("year"))
            .as(mode.label())
            .hasSize(3)
            .containsEntry("2001", 1L);
        assertThat(
                searcher
                    .search(SearchRequest.of("A apple cherry").withMode(mode).withFacets(1))
                    .facets()
                    .get("section"))
            .containsExactly(Map.entry("fruit", 2L));
      }
      // only documents above the minimum score count: a (1.0) and b (0.6)
      SearchResults strict = searcher.search(SearchRequest.of("A").withMinScore(0.5).withFacets(5));
      assertThat(strict.facets().get("section")).containsExactly(Map.entry("fruit", 2L));
      assertThat(searcher.search(SearchRequest.of("A")).facets()).isEmpty();
    }
  }

  @Test
  void hybridFusesBothRankingsByReciprocalRank() throws IOException {
    FunctionEncoder encoder = markerEncoder(true);
    try (SemanticSearcher searcher = SemanticSearcher.open(index(encoder, threeDocs()), encoder)) {
      // query "C apple": dense ranks c (1.0), then a and b (0.0 each, tie by id: a, b);
      // lexical ("c", "apple"): c has "c" once (rank 1 or 2), b has apple twice, a once.
      SearchRequest request = SearchRequest.of("C apple").withMode(SearchMode.HYBRID);
      List<String> dense = ids(searcher.search(request.withMode(SearchMode.DENSE)));
      List<String> lexical = ids(searcher.search(request.withMode(SearchMode.LEXICAL)));
      assertThat(dense).containsExactly("c", "a", "b");
      Map<String, Double> expected = new HashMap<>();
      for (List<String> ranking : List.of(dense, lexical)) {
        for (int r = 0; r < ranking.size(); r++) {
          expected.merge(ranking.get(r), 1.0 / (60 + r + 1), Double::sum);
        }
      }
      List<SearchHit> hits = searcher.search(request).hits();
      assertThat(hits).hasSize(3);
      for (int i = 0; i < hits.size(); i++) {
        assertThat(hits.get(i).score()).isCloseTo(expected.get(hits.get(i).id()), within(1e-12));
        if (i > 0) {
          assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
      }
      List<SearchHit> weighted = searcher.search(request.withFusion(Fusion.weighted(1.0))).hits();
      assertThat(weighted.get(0).id()).isEqualTo("c");
      assertThat(weighted.get(0).score()).isCloseTo(1.0, within(1e-12));
    }
  }

  private static List<String> ids(SearchResults results) {
    return results.hits().stream().map(SearchHit::id).toList();
  }

  @Test
  void longDocumentsAreRankedByTheirBestPassageWhichIsTheSnippet() throws IOException {
    // max_seq_length 12: passages of at most 10 words. The long document's passages point along D,
    // except the one holding "A"-marked words.
    FunctionEncoder encoder =
        new FunctionEncoder(
            "passages",
            3,
            true,
            12,
            text ->
                text.contains("alpha")
                    ? new float[] {1, 0, 0}
                    : text.startsWith("C") ? new float[] {0, 0, 1} : new float[] {0, 1, 0});
    String longText =
        "one two three four five six seven eight.\n\n"
            + "nine ten eleven twelve thirteen fourteen fifteen.\n\n"
            + "alpha alpha alpha alpha alpha alpha alpha.\n\n"
            + "sixteen seventeen eighteen nineteen twenty.";
    List<CorpusDocument> docs =
        List.of(doc("long", longText, Map.of()), doc("short", "C short", Map.of()));
    try (SemanticSearcher searcher = SemanticSearcher.open(index(encoder, docs), encoder)) {
      assertThat(searcher.document("long").orElseThrow().passages()).hasSizeGreaterThan(2);
      for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.EXACT)) {
        List<SearchHit> hits = searcher.search(SearchRequest.of("alpha").withMode(mode)).hits();
        assertThat(hits).extracting(SearchHit::id).containsExactly("long", "short");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-6));
        assertThat(hits.get(0).snippet()).contains("alpha").doesNotContain("nine");
        assertThat(hits.get(0).passage()).isGreaterThan(0);
      }
      SearchHit lexical =
          searcher.search(SearchRequest.of("fourteen").withMode(SearchMode.LEXICAL)).hits().get(0);
      assertThat(lexical.snippet()).contains("fourteen");
    }
  }

  @Test
  void similarFindsNeighboursOfAStoredDocumentButNotItself() throws IOException {
    FunctionEncoder encoder = markerEncoder(true);
    List<CorpusDocument> docs = new ArrayList<>(threeDocs());
    docs.add(doc("d", "D", Map.of()));
    try (SemanticSearcher searcher = SemanticSearcher.open(index(encoder, docs), encoder)) {
      // b = (0.6, 0.8, 0): d 0.8, a 0.6, c 0
      List<SearchHit> hits = searcher.similar("b", 3, null).orElseThrow().hits();
      assertThat(hits).extracting(SearchHit::id).containsExactly("d", "a", "c");
      assertThat(hits.get(0).score()).isCloseTo(0.8, within(1e-6));
      assertThat(searcher.similar("b", 3, FilterParser.parse("section:fruit")).orElseThrow().hits())
          .extracting(SearchHit::id)
          .containsExactly("a");
      assertThat(searcher.similar("missing", 3, null)).isEmpty();
    }
  }

  @Test
  void documentsAndStatsAndCommitsMadeAfterOpeningAreSeenAfterRefresh() throws IOException {
    FunctionEncoder encoder = markerEncoder(true);
    Path index = index(encoder, threeDocs());
    try (SemanticSearcher searcher = SemanticSearcher.open(index, encoder)) {
      StoredDocument a = searcher.document("a").orElseThrow();
      assertThat(a.text()).isEqualTo("A apple banana");
      assertThat(a.metadata()).containsEntry("year", 2001);
      assertThat(searcher.document("nope")).isEmpty();
      assertThat(searcher.stats().documents()).isEqualTo(3);
      try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, IndexSettings.defaults())) {
        indexer.index(
            List.<CorpusRecord>of(doc("d", "D new", Map.of())).iterator(), IndexProgress.NONE);
        indexer.delete(List.of("a"));
      }
      searcher.refresh();
      assertThat(searcher.stats().documents()).isEqualTo(3);
      // a is gone; b 0.6, then c and d at 0 (tie: by id)
      assertThat(ids(searcher.search(SearchRequest.of("A")))).containsExactly("b", "c", "d");
    }
  }

  @Test
  void aHitShowsTheNewTextOfAnUpdatedDocumentNotACachedOne() throws IOException {
    FunctionEncoder encoder = markerEncoder(true);
    Path index = index(encoder, threeDocs());
    try (SemanticSearcher searcher = SemanticSearcher.open(index, encoder)) {
      // twice: the second search takes the hit's fields from the cache
      for (int round = 0; round < 2; round++) {
        assertThat(searcher.search(SearchRequest.of("A")).hits().get(0).snippet())
            .isEqualTo("A apple banana");
      }
      try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, IndexSettings.defaults())) {
        indexer.index(
            List.<CorpusRecord>of(doc("a", "A apple fig, rewritten", Map.of("section", "dried")))
                .iterator(),
            IndexProgress.NONE);
      }
      searcher.refresh();
      SearchHit a = searcher.search(SearchRequest.of("A")).hits().get(0);
      assertThat(a.id()).isEqualTo("a");
      assertThat(a.snippet()).isEqualTo("A apple fig, rewritten");
      assertThat(a.metadata()).containsExactly(Map.entry("section", "dried"));
    }
  }

  @Test
  void concurrentSearchesWhileTheIndexChangesSeeConsistentResults() throws Exception {
    FunctionEncoder encoder = markerEncoder(true);
    Path index = index(encoder, threeDocs());
    try (SemanticSearcher searcher = SemanticSearcher.open(index, encoder)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Future<Integer>> readers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        SearchMode mode = SearchMode.values()[t % SearchMode.values().length];
        readers.add(
            pool.submit(
                () -> {
                  int searches = 0;
                  while (writing.get() || searches < 20) {
                    List<SearchHit> hits =
                        searcher.search(SearchRequest.of("A apple").withMode(mode)).hits();
                    // a, b and c never change; whatever extra documents a commit has added, a is
                    // first or tied
                    assertThat(hits).extracting(SearchHit::id).contains("a", "b");
                    assertThat(hits.stream().map(SearchHit::id).distinct().count())
                        .isEqualTo(hits.size());
                    searches++;
                  }
                  return searches;
                }));
      }
      try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, IndexSettings.defaults())) {
        for (int round = 0; round < 5; round++) {
          indexer.index(
              List.<CorpusRecord>of(doc("extra-" + round, "D extra " + round, Map.of())).iterator(),
              IndexProgress.NONE);
          searcher.refresh();
        }
      } finally {
        writing.set(false);
      }
      for (var reader : readers) {
        assertThat(reader.get()).isGreaterThanOrEqualTo(20);
      }
      pool.shutdown();
      assertThat(searcher.stats().documents()).isEqualTo(8);
    }
  }

  @Test
  void anIndexBuiltWithAnotherModelIsRefusedNamingBoth() throws IOException {
    Path index = index(markerEncoder(true), threeDocs());
    FunctionEncoder other =
        new FunctionEncoder("other", 3, true, 64, SemanticSearcherTest::byMarker);
    assertThatThrownBy(() -> SemanticSearcher.open(index, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test/markers")
        .hasMessageContaining("test/other");
    assertThatThrownBy(() -> SemanticSearcher.open(dir.resolve("missing"), other))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing")
        .hasMessageContaining("no semsearch index");
  }

  @Test
  void requestsAreValidatedNamingTheBadValue() {
    assertThatThrownBy(() -> SearchRequest.of("q").withK(0))
        .hasMessageContaining("k must be in 1..1000, got: 0");
    assertThatThrownBy(() -> SearchRequest.of("q").withK(1001)).hasMessageContaining("got: 1001");
    assertThatThrownBy(() -> SearchRequest.of(" ")).hasMessageContaining("query is empty");
    assertThatThrownBy(() -> SearchRequest.of("q").withOffset(-1)).hasMessageContaining("offset");
    assertThatThrownBy(() -> SearchMode.parse("fuzzy"))
        .hasMessageContaining("unknown mode 'fuzzy'");
    assertThat(SearchMode.parse("semantic")).isEqualTo(SearchMode.DENSE);
    assertThat(SearchMode.parse("keyword")).isEqualTo(SearchMode.LEXICAL);
  }
}
