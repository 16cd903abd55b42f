package io.semsearch.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.builtin.TinyModel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchHit;
import io.semsearch.searcher.SearchMode;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.SearchResults;
import io.semsearch.searcher.StoredDocument;
import io.semsearch.searcher.eval.QueriesTsv;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.cloud.ClusterState;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample corpus fed into a real two-node SolrCloud (two shards of two replicas, started once
 * for the class in its own JVM) and searched through {@link SolrSearchBackend}, checked against the
 * same corpus in a local index searched through {@link LuceneSearchBackend}: the independent
 * reference is the embedded engine the rest of the suite checks against plain-Java loops.
 */
class SolrClusterTest {

  private static final Path CORPUS = rootPath().resolve("samples/corpus");
  private static final String COLLECTION = "docs";

  @TempDir static Path dir;
  private static SolrServerProcess cluster;
  private static SentenceEncoder encoder;
  private static LuceneSearchBackend local;
  private static SolrSearchBackend solr;
  private static IndexSummary fed;
  private static Map<String, String> queries;

  static Path rootPath() {
    return Path.of(System.getProperty("semsearch.root", ".."));
  }

  @BeforeAll
  static void start() throws IOException {
    cluster = SolrServerProcess.start(rootPath(), 2, dir.resolve("solr"), System.out, 180);
    encoder = TestModels.defaultEncoder();
    Path index = dir.resolve("index");
    try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, IndexSettings.defaults());
        CorpusReader reader = CorpusReader.open(CORPUS.resolve("docs.jsonl"))) {
      indexer.index(reader, IndexProgress.NONE);
    }
    local = LuceneSearchBackend.openReadOnly(index, encoder);
    fed = feed(COLLECTION, CORPUS.resolve("docs.jsonl"), false);
    solr = SolrSearchBackend.open(SolrCollection.connect(cluster.url(), COLLECTION), encoder, null);
    queries = QueriesTsv.read(CORPUS.resolve("queries.tsv"));
  }

  static IndexSummary feed(String collection, Path corpus, boolean deleteMissing)
      throws IOException {
    try (SolrCollection c = SolrCollection.connect(cluster.url(), collection);
        CorpusReader reader = CorpusReader.open(corpus)) {
      SolrWrites writes =
          SolrWrites.open(c, encoder, IndexSettings.defaults(), CollectionLayout.DEFAULT);
      return new SolrFeed(c, writes, 64, 1000, deleteMissing).run(reader, IndexProgress.NONE);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (solr != null) {
        solr.close();
      }
      if (local != null) {
        local.close();
      }
    } finally {
      if (cluster != null) {
        // the child JVM exits with 0 only when every node and ZooKeeper stopped without error
        assertThat(cluster.stop()).as("exit status of the cluster's JVM").isZero();
      }
    }
  }

  @Test
  void theCollectionHasTwoShardsOfTwoActiveReplicasOnTwoNodes() throws Exception {
    try (SolrCollection c = SolrCollection.connect(cluster.url(), COLLECTION)) {
      ClusterState state = c.client().getClusterState();
      assertThat(state.getLiveNodes()).hasSize(2);
      DocCollection docs = state.getCollection(COLLECTION);
      assertThat(docs.getSlices()).hasSize(2);
      for (Slice shard : docs.getSlices()) {
        assertThat(shard.getReplicas()).hasSize(2);
        assertThat(shard.getReplicas()).allMatch(r -> r.getState() == Replica.State.ACTIVE);
        assertThat(shard.getReplicas().stream().map(Replica::getNodeName).distinct()).hasSize(2);
      }
      assertThat(CollectionAdminRequest.listCollections(c.client())).contains(COLLECTION);
    }
  }

  @Test
  void feedingTheSampleCorpusGivesTheLocalIndexsDocuments() throws IOException {
    List<String> corpusIds = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(CORPUS.resolve("docs.jsonl"))) {
      reader.forEachRemaining(r -> corpusIds.add(((CorpusDocument) r).id()));
    }
    assertThat(fed.documentsRead()).isEqualTo(corpusIds.size());
    assertThat(fed.documentsIndexed()).isEqualTo(corpusIds.size());
    try (SolrCollection c = SolrCollection.connect(cluster.url(), COLLECTION)) {
      SolrWrites writes =
          SolrWrites.open(c, encoder, IndexSettings.defaults(), CollectionLayout.DEFAULT);
      assertThat(new TreeSet<>(new SolrFeed(c, writes, 64, 1000, false).documentIds()))
          .isEqualTo(new TreeSet<>(corpusIds));
    }
    assertThat(solr.stats().documents()).isEqualTo(local.stats().documents());
    assertThat(solr.stats().passages()).isEqualTo(local.stats().passages());
    // on disk: every replica's index, so more than the local index and at most the cluster's files
    assertThat(solr.stats().sizeBytes())
        .isGreaterThan(local.stats().sizeBytes())
        .isLessThanOrEqualTo(bytesUnder(dir.resolve("solr")));
    for (String id : corpusIds) {
      StoredDocument expected = local.document(id).orElseThrow();
      assertThat(solr.document(id)).as(id).contains(expected);
    }
  }

  @Test
  void exactTop10IsTheLocalIndexsForEverySampleQuery() throws IOException {
    for (String query : queries.values()) {
      SearchRequest request = SearchRequest.of(query).withMode(SearchMode.EXACT);
      SearchResults expected = local.search(request);
      SearchResults actual = solr.search(request);
      assertThat(ids(actual)).as(query).isEqualTo(ids(expected));
      for (int i = 0; i < expected.hits().size(); i++) {
        SearchHit e = expected.hits().get(i);
        SearchHit a = actual.hits().get(i);
        assertThat(a.score()).as(query).isCloseTo(e.score(), within(1e-5));
        assertThat(a.snippet()).as(query).isEqualTo(e.snippet());
        assertThat(a.passage()).as(query).isEqualTo(e.passage());
        assertThat(a.metadata()).as(query).isEqualTo(e.metadata());
      }
    }
  }

  @Test
  void denseRecallAt10AgainstExactIsAtLeast095() throws IOException {
    int found = 0;
    int wanted = 0;
    for (String query : queries.values()) {
      Set<String> exact =
          new HashSet<>(ids(solr.search(SearchRequest.of(query).withMode(SearchMode.EXACT))));
      // 10 candidates: 20 passages per shard of 150, so the HNSW graphs are really searched
      List<String> dense = ids(solr.search(SearchRequest.of(query).withNumCandidates(10)));
      assertThat(dense).as(query).hasSize(10);
      wanted += exact.size();
      found += (int) dense.stream().filter(exact::contains).count();
    }
    assertThat((double) found / wanted).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void filtersApplyInsideTheKnnSearchNotAfterIt() throws IOException {
    // a filter whose documents are far from the query: filtering after a top-10 search would
    // leave few or none of them, filtering inside it finds the 10 best of the section
    Filter health = new Filter.Term("section", "health");
    Filter recent = new Filter.Range("year", 2015.0, true, null, false);
    Filter both = new Filter.All(List.of(health, recent));
    for (Filter filter : List.of(health, both)) {
      // 10 candidates: each shard's HNSW search keeps 20 passages of its 150, so a filter applied
      // to them afterwards would leave few health documents
      SearchRequest request =
          SearchRequest.of("how do I change a car tyre").withFilter(filter).withNumCandidates(10);
      List<String> expected = ids(local.search(request.withMode(SearchMode.EXACT)));
      SearchResults dense = solr.search(request);
      assertThat(expected).isNotEmpty();
      assertThat(ids(dense)).containsExactlyElementsOf(expected);
      assertThat(dense.hits()).allMatch(h -> "health".equals(h.metadata().get("section")));
    }
    SearchResults lexical =
        solr.search(SearchRequest.of("sleep").withFilter(both).withMode(SearchMode.LEXICAL));
    assertThat(lexical.hits()).isNotEmpty();
    assertThat(lexical.hits())
        .allMatch(h -> "health".equals(h.metadata().get("section")))
        .allMatch(h -> ((Number) h.metadata().get("year")).intValue() >= 2015);
  }

  @Test
  void facetsAreTheLocalIndexsOverTheSameRanking() throws IOException {
    for (String query : List.of("healthy food", "fixing a computer")) {
      SearchRequest request = SearchRequest.of(query).withMode(SearchMode.EXACT).withFacets(5);
      assertThat(solr.search(request).facets()).isEqualTo(local.search(request).facets());
    }
  }

  @Test
  void passagesPerHitAreTheLocalIndexs() throws IOException {
    int multiPassageHits = 0;
    for (String query : queries.values()) {
      SearchRequest request =
          SearchRequest.of(query).withMode(SearchMode.EXACT).withK(20).withPassagesPerHit(3);
      SearchResults localResults = local.search(request);
      SearchResults solrResults = solr.search(request);
      assertThat(ids(solrResults)).as(query).isEqualTo(ids(localResults));
      List<SearchHit> expected = localResults.hits();
      List<SearchHit> actual = solrResults.hits();
      for (int i = 0; i < expected.size(); i++) {
        assertThat(actual.get(i).passages())
            .as(query + " " + actual.get(i).id())
            .isEqualTo(expected.get(i).passages());
        multiPassageHits += expected.get(i).passages().isEmpty() ? 0 : 1;
      }
    }
    assertThat(multiPassageHits).as("hits of documents with several passages").isPositive();
    // lexical: the snippet first, then other passages of the document (the query terms are
    // split by Solr's analysis here, so their order is not compared with the local index's)
    SearchRequest lexical =
        SearchRequest.of("sourdough starter flour bread oven")
            .withMode(SearchMode.LEXICAL)
            .withPassagesPerHit(3);
    for (SearchHit hit : solr.search(lexical).hits()) {
      List<String> stored = local.document(hit.id()).orElseThrow().passages();
      if (stored.size() == 1) {
        assertThat(hit.passages()).isEmpty();
        continue;
      }
      assertThat(hit.passages()).hasSize(Math.min(3, stored.size()));
      assertThat(hit.passages().get(0).index()).isEqualTo(hit.passage());
      assertThat(hit.passages())
          .allSatisfy(p -> assertThat(p.text()).isEqualTo(stored.get(p.index())));
      assertThat(hit.passages().stream().map(p -> p.index()).distinct())
          .hasSize(hit.passages().size());
    }
  }

  @Test
  void hybridFusesLikeTheLocalIndex() throws IOException {
    for (String query : List.of("automobile upkeep", "symptoms of a heart attack")) {
      SearchRequest request = SearchRequest.of(query).withMode(SearchMode.HYBRID);
      assertThat(solr.search(request).hits()).isNotEmpty();
    }
  }

  @Test
  void similarDocumentsExcludeTheDocumentItself() throws IOException {
    String id = "tech-018";
    List<String> similar = ids(solr.similar(id, 5, null).orElseThrow());
    assertThat(similar).hasSize(5).doesNotContain(id);
    assertThat(similar).isEqualTo(ids(local.similar(id, 5, null).orElseThrow()));
    assertThat(solr.similar("no-such-document", 5, null)).isEmpty();
  }

  @Test
  void feedingAgainEmbedsNothingAndAnotherModelIsRefused() throws Exception {
    IndexSummary again = feed(COLLECTION, CORPUS.resolve("docs.jsonl"), false);
    assertThat(again.documentsIndexed()).isZero();
    assertThat(again.documentsUnchanged()).isEqualTo(fed.documentsIndexed());
    try (SentenceEncoder tiny = SentenceEncoders.open(TinyModel.ID, EncoderOptions.defaults());
        SolrCollection c = SolrCollection.connect(cluster.url(), COLLECTION)) {
      assertThatThrownBy(
              () -> SolrWrites.open(c, tiny, IndexSettings.defaults(), CollectionLayout.DEFAULT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("was built with model")
          .hasMessageContaining(TinyModel.ID);
    }
  }

  @Test
  void writesThroughTheBackendAndDeleteMissing() throws IOException {
    String name = "writes";
    try (SolrCollection c = SolrCollection.connect(cluster.url(), name)) {
      SolrWrites writes =
          SolrWrites.open(c, encoder, IndexSettings.defaults(), CollectionLayout.DEFAULT);
      try (SolrSearchBackend backend =
          SolrSearchBackend.open(SolrCollection.connect(cluster.url(), name), encoder, writes)) {
        var first =
            backend.upsert(
                List.of(
                    new IndexDocument(
                        "a",
                        "Tyres",
                        "Check the tyre pressure monthly.",
                        Map.of("section", "cars")),
                    new IndexDocument(
                        "b", null, "Bread rises with yeast.", Map.of("year", 2020L))));
        assertThat(first.indexed()).isEqualTo(2);
        assertThat(backend.search(SearchRequest.of("car tyres").withK(1)).hits().get(0).id())
            .isEqualTo("a");
        var again =
            backend.upsert(
                List.of(
                    new IndexDocument(
                        "b", null, "Bread rises with yeast.", Map.of("year", 2020L))));
        assertThat(again.unchanged()).isEqualTo(1);
        // a changed document replaces its whole block: a long text's passages leave with it
        String longText = "Tyres wear faster when they are under-inflated. ".repeat(120);
        backend.upsert(List.of(new IndexDocument("a", "Tyres", longText, Map.of())));
        int longPassages = backend.document("a").orElseThrow().passages().size();
        assertThat(longPassages).isGreaterThan(1);
        assertThat(backend.stats().passages()).isEqualTo(longPassages + 1);
        backend.upsert(List.of(new IndexDocument("a", "Tyres", "Check the tyres.", Map.of())));
        assertThat(backend.document("a").orElseThrow().passages()).hasSize(1);
        assertThat(backend.stats().passages()).isEqualTo(2);
        assertThat(backend.stats().documents()).isEqualTo(2);
        assertThat(backend.delete(List.of("a", "zzz"))).isEqualTo(1);
        assertThat(backend.document("a")).isEmpty();
        assertThat(backend.stats().documents()).isEqualTo(1);
        assertThat(backend.stats().passages()).isEqualTo(1);
      }
      // the sample corpus with --delete-missing: b goes, the corpus stays
      IndexSummary s = feed(name, CORPUS.resolve("docs.jsonl"), true);
      assertThat(s.documentsDeleted()).isEqualTo(1);
      assertThat(new SolrFeed(c, writes, 64, 1000, false).documentIds())
          .hasSize(300)
          .doesNotContain("b");
    }
  }

  @Test
  void aFeedKilledHalfwayRunAgainConvergesToTheCorpusEmbeddingOnlyWhatIsMissing()
      throws IOException {
    String name = "killed";
    List<CorpusRecord> corpus = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(CORPUS.resolve("docs.jsonl"))) {
      reader.forEachRemaining(corpus::add);
    }
    Iterator<CorpusRecord> dying =
        new Iterator<>() {
          private int read;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public CorpusRecord next() {
            if (read == 150) {
              throw new IllegalStateException("killed");
            }
            return corpus.get(read++);
          }
        };
    try (SolrCollection c = SolrCollection.connect(cluster.url(), name)) {
      SolrWrites writes =
          SolrWrites.open(c, encoder, IndexSettings.defaults(), CollectionLayout.DEFAULT);
      // batches of 32: four were sent, none committed, when the feed dies
      assertThatThrownBy(
              () -> new SolrFeed(c, writes, 32, 1000, false).run(dying, IndexProgress.NONE))
          .hasMessage("killed");
    }
    IndexSummary again = feed(name, CORPUS.resolve("docs.jsonl"), false);
    assertThat(again.documentsUnchanged()).isEqualTo(4 * 32);
    assertThat(again.documentsIndexed()).isEqualTo(corpus.size() - 4 * 32);
    try (SolrSearchBackend backend =
        SolrSearchBackend.open(SolrCollection.connect(cluster.url(), name), encoder, null)) {
      assertThat(backend.stats().documents()).isEqualTo(corpus.size());
      assertThat(backend.stats().passages()).isEqualTo(solr.stats().passages());
    }
  }

  private static List<String> ids(SearchResults results) {
    return results.hits().stream().map(SearchHit::id).toList();
  }

  /** The bytes of the regular files under {@code folder}. */
  private static long bytesUnder(Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // a file Solr removed meanwhile
                }
              })
          .sum();
    }
  }
}
