package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.VectorMath;
import io.semsearch.encoder.testing.ScoreTies;
import io.semsearch.encoder.testing.TestSeeds;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.Quantization;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.filter.Filter;
import io.semsearch.searcher.filter.FilterParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * HNSW search against exact search and against a plain-Java brute force on a randomized index of
 * clustered vectors: recall, filters, and rescored scores of quantized indexes.
 */
@ExtendWith(TestSeeds.class)
class RandomIndexRecallTest {

  private static final int DIM = 24;
  private static final int DOCS = 1500;
  private static final int QUERIES = 40;
  private static final long SEED = TestSeeds.seed(RandomIndexRecallTest.class, 20261128L);

  @TempDir Path dir;

  private final Map<String, float[]> vectors = new HashMap<>();

  private FunctionEncoder encoder() {
    return new FunctionEncoder(
        "random",
        DIM,
        true,
        64,
        text -> {
          float[] v = vectors.get(text);
          if (v == null) {
            throw new IllegalArgumentException("no vector for " + text);
          }
          return v;
        });
  }

  private List<CorpusDocument> corpus(Random random) {
    float[][] centres = new float[12][DIM];
    for (float[] c : centres) {
      for (int i = 0; i < DIM; i++) {
        c[i] = (float) random.nextGaussian();
      }
    }
    List<CorpusDocument> docs = new ArrayList<>();
    for (int d = 0; d < DOCS; d++) {
      float[] centre = centres[random.nextInt(centres.length)];
      float[] v = new float[DIM];
      for (int i = 0; i < DIM; i++) {
        v[i] = centre[i] + 0.6f * (float) random.nextGaussian();
      }
      String text = "doc " + d;
      vectors.put(text, FunctionEncoder.unit(v));
      docs.add(
          new CorpusDocument(
              String.format("d%04d", d),
              null,
              text,
              Map.of("parity", d % 2 == 0 ? "even" : "odd", "n", (long) d),
              "test:" + d));
    }
    for (int q = 0; q < QUERIES; q++) {
      float[] v = new float[DIM];
      float[] centre = centres[random.nextInt(centres.length)];
      for (int i = 0; i < DIM; i++) {
        v[i] = centre[i] + 0.8f * (float) random.nextGaussian();
      }
      vectors.put("query " + q, FunctionEncoder.unit(v));
    }
    return docs;
  }

  private Path build(List<CorpusDocument> docs, Quantization quantization) throws IOException {
    Path index = dir.resolve(quantization.label());
    // small commits: several segments, so search crosses segment boundaries
    IndexSettings settings =
        IndexSettings.defaults().withQuantization(quantization).withCommitEvery(400);
    try (CorpusIndexer indexer = new CorpusIndexer(index, encoder(), settings)) {
      indexer.index(new ArrayList<CorpusRecord>(docs).iterator(), IndexProgress.NONE);
    }
    return index;
  }

  /**
   * Plain-Java brute force: the dot product of every document passing {@code allowed} with the
   * query, by id.
   */
  private Map<String, Double> bruteForce(
      List<CorpusDocument> docs, float[] query, Predicate<CorpusDocument> allowed) {
    Map<String, Double> score = new HashMap<>();
    for (CorpusDocument d : docs.stream().filter(allowed).toList()) {
      float[] v = vectors.get(d.text());
      double dot = 0;
      for (int i = 0; i < DIM; i++) {
        dot += query[i] * v[i];
      }
      score.put(d.id(), dot);
    }
    return score;
  }

  /** The ids of the k best scores. */
  private static List<String> top(Map<String, Double> scores, int k) {
    return scores.entrySet().stream()
        .sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
        .limit(k)
        .map(Map.Entry::getKey)
        .toList();
  }

  @Test
  void exactSearchIsTheBruteForceAndHnswRecallsNearlyAllOfIt() throws IOException {
    List<CorpusDocument> docs = corpus(new Random(SEED));
    FunctionEncoder encoder = encoder();
    try (SemanticSearcher searcher =
        SemanticSearcher.open(build(docs, Quantization.NONE), encoder)) {
      assertThat(searcher.stats().segments()).isGreaterThan(1);
      int found = 0;
      for (int q = 0; q < QUERIES; q++) {
        String text = "query " + q;
        Map<String, Double> scores = bruteForce(docs, vectors.get(text), d -> true);
        List<String> exact =
            ids(searcher.search(SearchRequest.of(text).withMode(SearchMode.EXACT)));
        // the brute force is in double, the index in float: order is checked between near ties only
        ScoreTies.assertRankedLike(exact, scores, 10);
        List<String> truth = top(scores, 10);
        Set<String> dense = new HashSet<>(ids(searcher.search(SearchRequest.of(text))));
        found += (int) truth.stream().filter(dense::contains).count();
      }
      double recall = found / (10.0 * QUERIES);
      assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void filteredSearchesReturnOnlyPassingDocumentsAndStillKOfThem() throws IOException {
    List<CorpusDocument> docs = corpus(new Random(SEED + 1));
    FunctionEncoder encoder = encoder();
    Filter rare = FilterParser.parse("parity:odd n:[0 TO 120]"); // 60 documents pass
    try (SemanticSearcher searcher =
        SemanticSearcher.open(build(docs, Quantization.NONE), encoder)) {
      for (int q = 0; q < 10; q++) {
        String text = "query " + q;
        Map<String, Double> scores =
            bruteForce(
                docs,
                vectors.get(text),
                d ->
                    d.metadata().get("parity").equals("odd")
                        && (Long) d.metadata().get("n") <= 120);
        List<String> truth = top(scores, 20);
        for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.EXACT)) {
          List<SearchHit> hits =
              searcher
                  .search(SearchRequest.of(text).withK(20).withMode(mode).withFilter(rare))
                  .hits();
          assertThat(hits).hasSize(20);
          for (SearchHit hit : hits) {
            assertThat(hit.metadata().get("parity")).isEqualTo("odd");
            assertThat(((Number) hit.metadata().get("n")).longValue()).isBetween(0L, 120L);
          }
          if (mode == SearchMode.EXACT) {
            ScoreTies.assertRankedLike(ids(hits), scores, 20);
          } else {
            assertThat(ids(hits)).filteredOn(truth::contains).hasSizeGreaterThanOrEqualTo(18);
          }
        }
      }
    }
  }

  /**
   * Each hit of a quantized index, dense and exact, scores the cosine of the full-precision vectors
   * the test made, in double by {@link VectorMath} (not the searcher's Lucene arithmetic): a score
   * left at its quantized approximation is off by far more than the tolerance (1e-5 covers the
   * index's float arithmetic).
   */
  @Test
  void quantizedIndexesAreRescoredWithFullPrecisionVectors() throws IOException {
    List<CorpusDocument> docs = corpus(new Random(SEED + 2));
    Map<String, float[]> byId = new HashMap<>();
    docs.forEach(d -> byId.put(d.id(), vectors.get(d.text())));
    FunctionEncoder encoder = encoder();
    for (Quantization quantization : List.of(Quantization.INT8, Quantization.INT4)) {
      try (SemanticSearcher searcher = SemanticSearcher.open(build(docs, quantization), encoder)) {
        int found = 0;
        for (int q = 0; q < 20; q++) {
          String text = "query " + q;
          float[] query = vectors.get(text);
          List<SearchHit> exact =
              searcher.search(SearchRequest.of(text).withMode(SearchMode.EXACT)).hits();
          List<SearchHit> dense = searcher.search(SearchRequest.of(text)).hits();
          assertThat(dense).as("%s %s", quantization.label(), text).hasSize(10);
          for (SearchHit hit : concat(exact, dense)) {
            assertThat(hit.score())
                .as("%s: score of %s for %s", quantization.label(), hit.id(), text)
                .isCloseTo(VectorMath.cosine(query, byId.get(hit.id())), within(1e-5));
          }
          Set<String> exactIds = new HashSet<>(ids(exact));
          found += (int) dense.stream().filter(h -> exactIds.contains(h.id())).count();
        }
        assertThat(found / 200.0).as(quantization.label()).isGreaterThanOrEqualTo(0.9);
      }
    }
  }

  private static List<SearchHit> concat(List<SearchHit> a, List<SearchHit> b) {
    List<SearchHit> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> ids(SearchResults results) {
    return results.hits().stream().map(SearchHit::id).toList();
  }

  private static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }
}
