package io.semsearch.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.ScoreTies;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.IndexVectors;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.mining.ApproximateParaphraseMiner;
import io.semsearch.mining.ExactParaphraseMiner;
import io.semsearch.mining.MiningProgress;
import io.semsearch.mining.MiningRecall;
import io.semsearch.mining.MiningSettings;
import io.semsearch.mining.ParaphrasePair;
import io.semsearch.searcher.SearchHit;
import io.semsearch.searcher.SearchMode;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.SemanticSearcher;
import io.semsearch.searcher.eval.IrCutoffs;
import io.semsearch.searcher.eval.IrMetrics;
import io.semsearch.searcher.eval.IrReport;
import io.semsearch.searcher.eval.QrelsTsv;
import io.semsearch.searcher.eval.QueriesTsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample corpus end to end with the default model: indexed as a user would, then the judged
 * queries evaluated in every mode. Pins the retrieval quality (a regression shows as a drop) and
 * checks what the corpus was written to show: dense search bridges synonyms that BM25 can't.
 */
class SampleCorpusRegressionTest {

  private static final Path CORPUS = Path.of("corpus");

  @TempDir static Path dir;
  private static SemanticSearcher searcher;
  private static IndexSummary summary;
  private static Path indexDir;

  @BeforeAll
  static void indexTheCorpus() throws IOException {
    SentenceEncoder encoder = TestModels.defaultEncoder();
    Path index = dir.resolve("index");
    indexDir = index;
    try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, IndexSettings.defaults());
        CorpusReader reader = CorpusReader.open(CORPUS.resolve("docs.jsonl"))) {
      summary = indexer.index(reader, IndexProgress.NONE);
    }
    searcher = SemanticSearcher.open(index, encoder);
  }

  @AfterAll
  static void close() throws IOException {
    searcher.close();
  }

  private static IrReport evaluate(SearchMode mode) throws IOException {
    Map<String, String> queries = QueriesTsv.read(CORPUS.resolve("queries.tsv"));
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : queries.entrySet()) {
      List<SearchHit> hits =
          searcher.search(SearchRequest.of(q.getValue()).withMode(mode).withK(100)).hits();
      rankings.put(q.getKey(), hits.stream().map(SearchHit::id).toList());
    }
    return IrMetrics.evaluate(
        rankings, QrelsTsv.read(CORPUS.resolve("qrels.tsv")), IrCutoffs.defaults());
  }

  @Test
  void everyDocumentIsIndexedAndLongOnesAreSplit() {
    assertThat(summary.documentsIndexed()).isEqualTo(300);
    assertThat(summary.skippedTotal()).isZero();
    assertThat(summary.passagesIndexed()).isGreaterThan(300);
  }

  @Test
  void retrievalQualityStaysWhereItWasMeasured() throws IOException {
    IrReport exact = evaluate(SearchMode.EXACT);
    IrReport dense = evaluate(SearchMode.DENSE);
    IrReport lexical = evaluate(SearchMode.LEXICAL);
    IrReport hybrid = evaluate(SearchMode.HYBRID);
    assertThat(exact.queries()).isEqualTo(35);
    // measured 2026-11-28 with all-MiniLM-L6-v2 on the CPU (see samples/README.md)
    assertThat(exact.get("ndcg@10")).isCloseTo(0.920, within(0.01));
    assertThat(exact.get("mrr@10")).isCloseTo(0.929, within(0.01));
    // 339 passages: HNSW finds what exact search finds. The rankings are the strict check (order up
    // to near ties, as HNSW and exact search score in float each their own way); a near-tie swap
    // across relevance grades may move a metric by up to about 0.01, hence that tolerance.
    for (String query : QueriesTsv.read(CORPUS.resolve("queries.tsv")).values()) {
      Map<String, Double> exactScores = new HashMap<>();
      searcher
          .search(SearchRequest.of(query).withMode(SearchMode.EXACT).withK(120))
          .hits()
          .forEach(h -> exactScores.put(h.id(), h.score()));
      List<String> denseIds =
          ids(
              searcher
                  .search(SearchRequest.of(query).withMode(SearchMode.DENSE).withK(100))
                  .hits());
      ScoreTies.assertRankedLike(denseIds, exactScores, 100);
    }
    ScoreTies.assertMetricsClose(dense.metrics(), exact.metrics(), 0.01);
    assertThat(lexical.get("ndcg@10")).isCloseTo(0.524, within(0.01));
    assertThat(hybrid.get("ndcg@10")).isBetween(lexical.get("ndcg@10"), exact.get("ndcg@10"));
  }

  @Test
  void denseSearchBridgesSynonymsThatKeywordSearchMisses() throws IOException {
    // queries whose best documents dense search ranks in its top 3 while BM25's top 10 has none of
    // them
    Map<String, String> queries = QueriesTsv.read(CORPUS.resolve("queries.tsv"));
    Map<String, Map<String, Integer>> qrels = QrelsTsv.read(CORPUS.resolve("qrels.tsv"));
    List<String> bridged = new ArrayList<>();
    for (Map.Entry<String, String> q : queries.entrySet()) {
      List<String> best =
          qrels.get(q.getKey()).entrySet().stream()
              .filter(e -> e.getValue() == 2)
              .map(Map.Entry::getKey)
              .toList();
      List<String> dense = ids(searcher.search(SearchRequest.of(q.getValue()).withK(3)).hits());
      List<String> lexical =
          ids(searcher.search(SearchRequest.of(q.getValue()).withMode(SearchMode.LEXICAL)).hits());
      if (dense.stream().anyMatch(best::contains) && lexical.stream().noneMatch(best::contains)) {
        bridged.add(q.getValue());
      }
    }
    assertThat(bridged)
        .as("queries only dense search answers")
        .hasSizeGreaterThanOrEqualTo(3)
        .contains("zucchini recipe");
  }

  @Test
  void paraphraseMiningFindsTheWrittenPairsAmongTheTopPairs() throws IOException {
    // the 22 paraphrase and 8 near-duplicate pairs written into the corpus (pairs.tsv)
    Set<Set<String>> written = new HashSet<>();
    for (String line : Files.readAllLines(CORPUS.resolve("pairs.tsv"))) {
      String[] cols = line.split("\t");
      if (!cols[0].equals("docid1")) {
        written.add(Set.of(cols[0], cols[1]));
      }
    }
    IndexVectors vectors = IndexVectors.read(indexDir);
    SimilarityKernel cpu = SentenceEncoders.similarityKernel(DeviceSpec.CPU);
    List<ParaphrasePair> mined =
        new ExactParaphraseMiner(MiningSettings.defaults(), cpu)
            .mine(vectors.vectors(), vectors.groups(), MiningProgress.NONE);
    List<ParaphrasePair> approximate =
        new ApproximateParaphraseMiner(MiningSettings.defaults(), 16, 100, 202)
            .mine(vectors.vectors(), vectors.groups(), MiningProgress.NONE);
    assertThat(MiningRecall.recall(mined.subList(0, 100), approximate))
        .isGreaterThanOrEqualTo(0.99);
    Set<Set<String>> top = new HashSet<>();
    for (ParaphrasePair p : mined.subList(0, 100)) {
      top.add(Set.of(vectors.ids().get(p.first()), vectors.ids().get(p.second())));
    }
    top.retainAll(written);
    // measured 2026-11-28: 29 of the 30 in the top 100 pairs, 26 in the top 60
    assertThat(top.size()).isGreaterThanOrEqualTo(28);
  }

  private static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }
}
