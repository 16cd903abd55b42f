package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lucene backend's passages per hit ({@link SearchRequest#passagesPerHit()}) and the rerank of
 * those passages with a real (random-weight) cross-encoder, each checked against plain Java: the
 * passages' order from cosines of their embeddings or from counted query terms, and rerank scores
 * from one {@link CrossEncoder#score} call per passage.
 */
class RerankedPassagesTest {

  private static final int DIM = 16;
  private static final int DOCS = 30;

  @TempDir Path dir;

  private Path index;

  /** A pseudo-random vector per text, the same on every call. */
  private static float[] embed(String text) {
    Random random = new Random(text.hashCode() * 17L + 5);
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** max_seq_length 12: each paragraph of 8 words is a passage. */
  private final FunctionEncoder encoder =
      new FunctionEncoder("passages", DIM, true, 12, RerankedPassagesTest::embed);

  /**
   * Document d has 1 + d % 5 paragraphs of 8 words: "p{d}{part}w{0..7}" (the indexer cuts them into
   * overlapping passages).
   */
  @BeforeEach
  void buildIndex() throws IOException {
    List<CorpusRecord> docs = new ArrayList<>();
    for (int d = 0; d < DOCS; d++) {
      List<String> paragraphs = new ArrayList<>();
      for (int part = 0; part <= d % 5; part++) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < 8; w++) {
          b.append('p').append(d).append((char) ('a' + part)).append('w').append(w).append(' ');
        }
        paragraphs.add(b.toString().strip() + ".");
      }
      docs.add(
          new CorpusDocument("d" + d, null, String.join("\n\n", paragraphs), Map.of(), "t:" + d));
    }
    index = dir.resolve("index");
    try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, IndexSettings.defaults())) {
      indexer.index(docs.iterator(), IndexProgress.NONE);
    }
  }

  private static double cosine(float[] a, float[] b) {
    float[] u = FunctionEncoder.unit(a);
    float[] v = FunctionEncoder.unit(b);
    double dot = 0;
    for (int i = 0; i < DIM; i++) {
      dot += (double) u[i] * v[i];
    }
    return dot;
  }

  /** Distinct words of the query found in the passage (lower-cased, the final period dropped). */
  private static int sharedWords(String query, String passage) {
    Set<String> words =
        new HashSet<>(List.of(passage.replace(".", "").toLowerCase().split("\\s+")));
    words.retainAll(Set.of(query.toLowerCase().split(" ")));
    return words.size();
  }

  /**
   * Plain Java: the passage indexes of a document, the snippet's first, then by {@code measure}
   * best first (ties by index), at most {@code n}.
   */
  private static List<Integer> expectedOrder(
      List<String> passages,
      int snippet,
      java.util.function.ToDoubleFunction<String> measure,
      int n) {
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < passages.size(); i++) {
      if (i != snippet) {
        rest.add(i);
      }
    }
    rest.sort(Comparator.comparingDouble((Integer i) -> -measure.applyAsDouble(passages.get(i))));
    rest.add(0, snippet);
    return rest.subList(0, Math.min(n, rest.size()));
  }

  private static void assertPassages(
      SemanticSearcher searcher,
      SearchHit hit,
      java.util.function.ToDoubleFunction<String> measure,
      int n)
      throws IOException {
    List<String> stored = searcher.document(hit.id()).orElseThrow().passages();
    if (stored.size() == 1) {
      assertThat(hit.passages()).as(hit.id()).isEmpty();
      return;
    }
    assertThat(hit.passages())
        .as(hit.id())
        .first()
        .isEqualTo(new HitPassage(hit.passage(), hit.snippet()));
    assertThat(hit.passages())
        .as(hit.id())
        .extracting(HitPassage::index)
        .containsExactlyElementsOf(expectedOrder(stored, hit.passage(), measure, n));
    for (HitPassage p : hit.passages()) {
      assertThat(p.text()).isEqualTo(stored.get(p.index()));
    }
  }

  @Test
  void vectorHitsCarryTheirPassagesByCosineWithTheQuery() throws IOException {
    try (SemanticSearcher searcher = SemanticSearcher.open(index, encoder)) {
      // the indexer's passages overlap: d4's five paragraphs make more than three passages
      assertThat(searcher.document("d4").orElseThrow().passages()).hasSizeGreaterThan(3);
      for (String query : List.of("alpha", "beta gamma", "delta")) {
        float[] q = embed(query);
        List<SearchHit> hits =
            searcher
                .search(
                    SearchRequest.of(query)
                        .withK(DOCS)
                        .withNumCandidates(500)
                        .withPassagesPerHit(3))
                .hits();
        assertThat(hits).hasSize(DOCS);
        for (SearchHit hit : hits) {
          assertPassages(searcher, hit, text -> cosine(q, embed(text)), 3);
        }
      }
      // exact and hybrid modes order the passages after the snippet by the same cosine
      for (SearchMode mode : List.of(SearchMode.EXACT, SearchMode.HYBRID)) {
        String query = "p4cw3 p4cw4 alpha";
        float[] q = embed(query);
        List<SearchHit> hits =
            searcher
                .search(
                    SearchRequest.of(query)
                        .withMode(mode)
                        .withK(DOCS)
                        .withNumCandidates(500)
                        .withPassagesPerHit(3))
                .hits();
        assertThat(hits).as(mode.label()).isNotEmpty();
        for (SearchHit hit : hits) {
          assertPassages(searcher, hit, text -> cosine(q, embed(text)), 3);
        }
      }
      // one passage per hit, the default: none listed
      assertThat(searcher.search(SearchRequest.of("alpha").withK(DOCS)).hits())
          .allSatisfy(h -> assertThat(h.passages()).isEmpty());
    }
  }

  @Test
  void lexicalHitsCarryTheirPassagesByTheQueryTermsTheyHold() throws IOException {
    String query = "p9aw1 p9bw2 p9dw3 p9dw4 p9ew5 p9ew6 p9ew7 p14cw0";
    try (SemanticSearcher searcher = SemanticSearcher.open(index, encoder)) {
      List<SearchHit> hits =
          searcher
              .search(
                  SearchRequest.of(query)
                      .withMode(SearchMode.LEXICAL)
                      .withK(5)
                      .withPassagesPerHit(4))
              .hits();
      assertThat(hits).extracting(SearchHit::id).containsExactly("d9", "d14");
      assertThat(hits.get(0).passages()).hasSize(4);
      for (SearchHit hit : hits) {
        assertPassages(searcher, hit, text -> sharedWords(query, text), 4);
      }
    }
  }

  @Test
  void rerankScoresAreTheBestDirectCrossEncoderScoreOfEachDocumentsPassages() throws Exception {
    Path model =
        RandomCrossEncoderFolder.write(
            RandomModelFolder.builder(),
            RandomCrossEncoderFolder.Head.standard(),
            dir.resolve("reranker"));
    int depth = 20;
    String query = "p3cw1 alpha";
    try (SemanticSearcher searcher = SemanticSearcher.open(index, encoder);
        CrossEncoder crossEncoder =
            SentenceEncoders.openCrossEncoder(
                model.toString(), EncoderOptions.defaults().withDevice(DeviceSpec.CPU))) {
      SearchRequest request = SearchRequest.of(query).withK(DOCS).withNumCandidates(500);
      List<SearchHit> reranked =
          new Reranker(crossEncoder)
              .search(request, depth, Cancellation.NONE, searcher::search)
              .hits();

      // plain Java: down the first-stage ranking, each document's best three passages by cosine
      // (its first-stage passage first) until depth passages, each scored on its own
      List<SearchHit> first = searcher.search(request).hits();
      float[] q = embed(query);
      record Expected(String id, double score, String snippet, int firstStagePassage) {}
      List<Expected> expected = new ArrayList<>();
      int taken = 0;
      for (SearchHit hit : first) {
        if (taken == depth) {
          break;
        }
        List<String> stored = searcher.document(hit.id()).orElseThrow().passages();
        List<Integer> order =
            expectedOrder(stored, hit.passage(), text -> cosine(q, embed(text)), 3);
        order = order.subList(0, Math.min(order.size(), depth - taken));
        taken += order.size();
        double best = Double.NEGATIVE_INFINITY;
        String bestText = null;
        for (int i : order) {
          double s = crossEncoder.score(query, List.of(stored.get(i)))[0];
          if (s > best) {
            best = s;
            bestText = stored.get(i);
          }
        }
        expected.add(new Expected(hit.id(), best, bestText, hit.passage()));
      }
      assertThat(expected.size()).isLessThan(first.size());
      // the reranked documents, best first (compared by score: the batched call may differ from
      // the single ones in the last bits, so near-ties are not asserted in order)
      List<SearchHit> head = reranked.subList(0, expected.size());
      assertThat(head)
          .extracting(SearchHit::id)
          .containsExactlyInAnyOrderElementsOf(expected.stream().map(Expected::id).toList());
      assertThat(head).extracting(SearchHit::score).isSortedAccordingTo(Comparator.reverseOrder());
      for (SearchHit hit : head) {
        Expected e =
            expected.stream().filter(x -> x.id().equals(hit.id())).findFirst().orElseThrow();
        assertThat(hit.rerankScore()).as(e.id()).isCloseTo(e.score(), within(1e-4));
        assertThat(hit.snippet()).as(e.id()).isEqualTo(e.snippet());
        assertThat(hit.firstStagePassage()).as(e.id()).isEqualTo(e.firstStagePassage());
      }
      // the documents below the depth follow in first-stage order, not reranked
      List<SearchHit> below = reranked.subList(expected.size(), reranked.size());
      assertThat(below).allSatisfy(h -> assertThat(h.rerankScore()).isNull());
      assertThat(below)
          .extracting(SearchHit::id)
          .containsExactlyElementsOf(
              first.subList(expected.size(), first.size()).stream().map(SearchHit::id).toList());
    }
  }
}
