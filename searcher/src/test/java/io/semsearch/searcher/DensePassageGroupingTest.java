package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.testing.ScoreTies;
import io.semsearch.encoder.testing.TestSeeds;
import io.semsearch.index.IndexQueries;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dense search ranks documents by their best passage, whichever kNN query runs: the plain one on
 * indexes of one-passage documents ({@link SinglePassageSegments}), the block-join one otherwise.
 * Checked against a plain-Java brute force over the stored passages, on small multi-segment indexes
 * searched with a candidate breadth that covers every passage (so HNSW is exhaustive here).
 */
@ExtendWith(TestSeeds.class)
class DensePassageGroupingTest {

  private static final int DIM = 16;
  private static final long SEED = TestSeeds.seed(DensePassageGroupingTest.class, 20261205L);

  @TempDir Path dir;

  /** A pseudo-random unit vector per text, the same on every call. */
  private static float[] embed(String text) {
    Random random = new Random(text.hashCode() * 31L + SEED);
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** max_seq_length 12: passages of at most 10 words. */
  private final FunctionEncoder encoder =
      new FunctionEncoder("grouping", DIM, true, 12, DensePassageGroupingTest::embed);

  /** {@code docs} documents; every {@code longEvery}-th (0: none) has three passages. */
  private static List<CorpusDocument> corpus(int docs, int longEvery) {
    List<CorpusDocument> out = new ArrayList<>();
    for (int d = 0; d < docs; d++) {
      String text =
          longEvery > 0 && d % longEvery == 0
              ? paragraph(d, 'a') + "\n\n" + paragraph(d, 'b') + "\n\n" + paragraph(d, 'c')
              : "short w" + d + " x" + d;
      out.add(new CorpusDocument("d" + d, null, text, Map.of(), "test:" + d));
    }
    return out;
  }

  private static String paragraph(int doc, char part) {
    StringBuilder b = new StringBuilder();
    for (int w = 0; w < 8; w++) {
      b.append(part).append(doc).append('w').append(w).append(' ');
    }
    return b.toString().strip() + ".";
  }

  private Path build(String name, List<CorpusDocument> docs) throws IOException {
    Path index = dir.resolve(name);
    IndexSettings settings = IndexSettings.defaults().withCommitEvery(120);
    try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, settings)) {
      indexer.index(new ArrayList<CorpusRecord>(docs).iterator(), IndexProgress.NONE);
    }
    return index;
  }

  private static boolean allSinglePassage(Path index) throws IOException {
    try (Directory d = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(d)) {
      assertThat(reader.leaves()).as("segments").hasSizeGreaterThan(1);
      return new SinglePassageSegments(IndexQueries.parents()).all(reader);
    }
  }

  /**
   * Plain Java: each document's best dot product over its stored passages (their texts embedded
   * again), by id; and the passage count.
   */
  private static Map<String, Double> bestPassageScores(
      SemanticSearcher searcher, List<CorpusDocument> docs, float[] query) throws IOException {
    float[] q = FunctionEncoder.unit(query);
    Map<String, Double> best = new HashMap<>();
    for (CorpusDocument d : docs) {
      for (String passage : searcher.document(d.id()).orElseThrow().passages()) {
        float[] v = FunctionEncoder.unit(embed(passage));
        double dot = 0;
        for (int i = 0; i < DIM; i++) {
          dot += (double) q[i] * v[i];
        }
        best.merge(d.id(), dot, Math::max);
      }
    }
    return best;
  }

  private void assertDenseIsBestPassagePerDocument(Path index, List<CorpusDocument> docs)
      throws IOException {
    try (SemanticSearcher searcher = SemanticSearcher.open(index, encoder)) {
      int passages = Math.toIntExact(searcher.stats().passages());
      for (int q = 0; q < 25; q++) {
        String text = "query " + q;
        Map<String, Double> reference = bestPassageScores(searcher, docs, embed(text));
        List<SearchHit> hits =
            searcher.search(SearchRequest.of(text).withK(20).withNumCandidates(passages)).hits();
        ScoreTies.assertRankedLike(hits.stream().map(SearchHit::id).toList(), reference, 20);
        for (SearchHit hit : hits) {
          assertThat(hit.score()).as(hit.id()).isCloseTo(reference.get(hit.id()), within(1e-5));
        }
      }
    }
  }

  @Test
  void oneBlockPerPassageIndexesTakeThePlainQueryAndRankAsTheBruteForce() throws IOException {
    List<CorpusDocument> docs = corpus(300, 0);
    Path index = build("single", docs);
    assertThat(allSinglePassage(index)).isTrue();
    assertDenseIsBestPassagePerDocument(index, docs);
  }

  @Test
  void indexesWithLongerDocumentsKeepTheBlockJoinAndRankAsTheBruteForce() throws IOException {
    List<CorpusDocument> docs = corpus(300, 7);
    Path index = build("mixed", docs);
    assertThat(allSinglePassage(index)).isFalse();
    assertDenseIsBestPassagePerDocument(index, docs);
  }
}
