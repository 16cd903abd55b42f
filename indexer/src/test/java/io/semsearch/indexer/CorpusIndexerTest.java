package io.semsearch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexQueries;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.IndexStats;
import io.semsearch.index.Quantization;
import io.semsearch.index.SettingsConflict.Difference;
import io.semsearch.index.SettingsConflict.Setting;
import io.semsearch.index.SettingsConflictException;
import io.semsearch.indexer.input.BadRecordException;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusOptions;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CorpusIndexerTest {

  @TempDir static Path models;
  @TempDir Path dir;
  private static SentenceEncoder tiny;
  private static SentenceEncoder otherTiny;

  @BeforeAll
  static void openModels() throws IOException {
    tiny = TestEncoders.tiny(models);
    otherTiny = TestEncoders.other(models);
  }

  @AfterAll
  static void closeModels() {
    tiny.close();
    otherTiny.close();
  }

  private static CorpusDocument doc(String id, String text, Map<String, Object> metadata) {
    return new CorpusDocument(id, "Title " + id, text, metadata, "test:" + id);
  }

  private static List<CorpusRecord> corpus(int n) {
    List<CorpusRecord> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("section", i % 2 == 0 ? "science" : "sports");
      meta.put("year", 2000L + i);
      String text =
          i == 0 ? longText() : "Document number " + i + " talks about topic " + (i % 5) + ".";
      docs.add(doc("d" + i, text, meta));
    }
    return docs;
  }

  private static String longText() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sb.append("Sentence ")
          .append(i)
          .append(" of a long document about rivers, mountains and the sea. ");
      if (i % 10 == 9) {
        sb.append("\n\n");
      }
    }
    return sb.toString();
  }

  private IndexSummary index(
      SentenceEncoder encoder, List<CorpusRecord> records, IndexSettings settings)
      throws IOException {
    try (CorpusIndexer indexer = new CorpusIndexer(dir, encoder, settings)) {
      return indexer.index(records.iterator(), IndexProgress.NONE);
    }
  }

  @Test
  void writesOneBlockPerDocumentWithPassageVectors() throws IOException {
    IndexSummary summary = index(tiny, corpus(12), IndexSettings.defaults());
    assertThat(summary.documentsRead()).isEqualTo(12);
    assertThat(summary.documentsIndexed()).isEqualTo(12);
    assertThat(summary.passagesIndexed()).isGreaterThan(12);

    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      assertThat(reader.numDocs()).isEqualTo(12 + summary.passagesIndexed());
      StoredFields stored = reader.storedFields();
      // Blocks: passages of a document come right before it and carry its id.
      IndexSearcher searcher = new IndexSearcher(reader);
      TopDocs parents =
          searcher.search(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC)), 100);
      assertThat(parents.scoreDocs).hasSize(12);
      long vectors = 0;
      for (LeafReader leaf : reader.leaves().stream().map(c -> c.reader()).toList()) {
        FloatVectorValues values = leaf.getFloatVectorValues(IndexFields.VECTOR);
        vectors += values.size();
        assertThat(leaf.getFieldInfos().fieldInfo(IndexFields.VECTOR).getVectorSimilarityFunction())
            .isEqualTo(VectorSimilarityFunction.DOT_PRODUCT);
      }
      assertThat(vectors).isEqualTo(summary.passagesIndexed());
      for (var hit : parents.scoreDocs) {
        Document parent = stored.document(hit.doc);
        int passages = parent.getField(IndexFields.PASSAGE_COUNT).numericValue().intValue();
        assertThat(passages).isGreaterThanOrEqualTo(1);
        for (int p = 1; p <= passages; p++) {
          Document child = stored.document(hit.doc - p);
          assertThat(child.get(IndexFields.PASSAGE_INDEX))
              .isEqualTo(Integer.toString(passages - p));
          assertThat(
                  searcher.count(
                      new TermQuery(new Term(IndexFields.DOC_ID, parent.get(IndexFields.DOC_ID)))))
              .isEqualTo(passages + 1);
        }
      }
      Map<String, String> userData =
          SegmentInfos.readLatestCommit(FSDirectory.open(dir)).getUserData();
      assertThat(userData)
          .containsEntry("semsearch.model", "tiny")
          .containsEntry("semsearch.model_fingerprint", tiny.model().fingerprint())
          .containsEntry("semsearch.dimension", "256")
          .containsEntry("semsearch.max_seq_length", "48");
    }
  }

  @Test
  void rerunEmbedsOnlyNewAndChangedDocuments() throws IOException {
    index(tiny, corpus(10), IndexSettings.defaults());
    List<CorpusRecord> changed = new ArrayList<>(corpus(10));
    changed.set(
        3, doc("d3", "A completely rewritten third document.", Map.of("section", "science")));
    changed.add(doc("d10", "A brand new document.", Map.of()));
    CountingEncoder counting = new CountingEncoder(tiny);
    IndexSummary summary = index(counting, changed, IndexSettings.defaults());
    assertThat(summary.documentsUnchanged()).isEqualTo(9);
    assertThat(summary.documentsIndexed()).isEqualTo(2);
    assertThat(counting.encoded)
        .containsExactlyInAnyOrder(
            "A completely rewritten third document.", "A brand new document.");
    assertThat(IndexStats.read(dir).documents()).isEqualTo(11);
  }

  @Test
  void deleteMissingAndDeleteById() throws IOException {
    index(tiny, corpus(10), IndexSettings.defaults());
    IndexSummary summary = index(tiny, corpus(6), IndexSettings.defaults().withDeleteMissing(true));
    assertThat(summary.documentsDeleted()).isEqualTo(4);
    IndexStats stats = IndexStats.read(dir);
    assertThat(stats.documents()).isEqualTo(6);
    try (CorpusIndexer indexer = new CorpusIndexer(dir, tiny, IndexSettings.defaults())) {
      assertThat(indexer.delete(List.of("d0", "d1", "nope"))).isEqualTo(2);
    }
    stats = IndexStats.read(dir);
    assertThat(stats.documents()).isEqualTo(4);
    // d0 was the long document: all its passages went with it.
    assertThat(stats.passages()).isEqualTo(4);
  }

  @Test
  void deleteMissingKeepsChangedUnchangedAndRepeatedIdsAndIgnoresDocumentsDeletedBefore()
      throws IOException {
    index(tiny, corpus(10), IndexSettings.defaults());
    assertThat(IndexDirectory.delete(dir, List.of("d5"))).isEqualTo(1);
    List<CorpusRecord> next = new ArrayList<>();
    next.add(doc("d9", "The ninth document, rewritten.", Map.of()));
    next.add(corpus(10).get(2));
    next.add(corpus(10).get(2)); // the same id twice in one corpus
    next.add(doc("x1", "A document that is new.", Map.of()));
    IndexSummary summary = index(tiny, next, IndexSettings.defaults().withDeleteMissing(true));
    // d0, d1, d3, d4, d6, d7, d8; not d5, deleted before this run
    assertThat(summary.documentsDeleted()).isEqualTo(7);
    assertThat(IndexStats.read(dir).documents()).isEqualTo(3);
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      for (String id : List.of("d2", "d9", "x1")) {
        assertThat(searcher.count(new TermQuery(new Term(IndexFields.DOC_ID, id))))
            .as(id)
            .isPositive();
      }
      assertThat(searcher.count(new TermQuery(new Term(IndexFields.DOC_ID, "d0")))).isZero();
    }
  }

  @Test
  void anIdReadTwiceInOneRunIsCountedAsReplacedAndTheLaterDocumentWins() throws IOException {
    index(
        tiny,
        List.of(doc("a", "The first a, already indexed.", Map.of())),
        IndexSettings.defaults());
    List<CorpusRecord> next =
        List.of(
            doc("a", "A changed a, written first.", Map.of()),
            doc("b", "Document b.", Map.of()),
            new CorpusDocument("a", "Title a", "The first a, already indexed.", Map.of(), "c:3"),
            doc("c", "Document c.", Map.of()));
    IndexSummary summary = index(tiny, next, IndexSettings.defaults());
    assertThat(summary.documentsRead()).isEqualTo(4);
    assertThat(summary.documentsIndexed()).isEqualTo(3); // a (changed), b, c
    assertThat(summary.documentsReplaced()).isEqualTo(1);
    assertThat(summary.documentsUnchanged()).isZero();
    assertThat(IndexStats.read(dir).documents()).isEqualTo(3);
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TopDocs a = searcher.search(IndexQueries.documentById("a"), 1);
      // the last one read wins, although it matches what the index held before the run
      assertThat(searcher.storedFields().document(a.scoreDocs[0].doc).get(IndexFields.TEXT))
          .isEqualTo("The first a, already indexed.");
    }
  }

  @Test
  void deletingWithoutAModelKeepsTheIndexSettings() throws IOException {
    index(
        tiny,
        corpus(6),
        IndexSettings.defaults().withQuantization(Quantization.INT8).withHnsw(8, 50));
    assertThat(IndexDirectory.delete(dir, List.of("d2", "nope"))).isEqualTo(1);
    // already deleted (but not merged away): not found again
    assertThat(IndexDirectory.delete(dir, List.of("d2"))).isZero();
    IndexStats stats = IndexStats.read(dir);
    assertThat(stats.documents()).isEqualTo(5);
    assertThat(stats.metadata().quantization()).isEqualTo(Quantization.INT8);
    assertThat(stats.metadata().hnswM()).isEqualTo(8);
    assertThat(stats.metadata().modelFingerprint()).isEqualTo(tiny.model().fingerprint());
  }

  @Test
  void anotherModelIsRefusedNamingBoth() throws IOException {
    index(tiny, corpus(3), IndexSettings.defaults());
    assertThatThrownBy(() -> new CorpusIndexer(dir, otherTiny, IndexSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("built with model tiny")
        .hasMessageContaining("model other");
  }

  @Test
  void otherBuildSettingsAreRefusedNamingThemAndTheIndexsOwnAreAccepted() throws IOException {
    IndexSettings built =
        IndexSettings.defaults().withQuantization(Quantization.INT8).withHnsw(8, 50);
    index(tiny, corpus(3), built);
    assertThatThrownBy(() -> new CorpusIndexer(dir, tiny, IndexSettings.defaults()))
        .isInstanceOfSatisfying(
            SettingsConflictException.class,
            e -> {
              assertThat(e.index()).isEqualTo(dir);
              assertThat(e.conflict().differences())
                  .containsExactly(
                      new Difference(Setting.HNSW_M, "8", "16"),
                      new Difference(Setting.HNSW_BEAM_WIDTH, "50", "100"),
                      new Difference(Setting.QUANTIZATION, "int8", "none"));
            })
        .hasMessageContaining("HNSW M 8 (not 16)")
        .hasMessageContaining("HNSW beam width 50 (not 100)")
        .hasMessageContaining("quantization int8 (not none)")
        .hasMessageNotContaining("--");
    assertThatThrownBy(() -> new CorpusIndexer(dir, tiny, built.withPassageOverlap(5)))
        .hasMessageContaining("passage overlap tokens 32 (not 5)");
    IndexSettings own =
        IndexSettings.defaults().withBuildSettingsOf(IndexDirectory.readMetadata(dir));
    assertThat(own).isEqualTo(built);
    index(tiny, corpus(4), own);
    assertThat(IndexStats.read(dir).documents()).isEqualTo(4);
  }

  @Test
  void aFailedRunLeavesTheLastCommit() throws IOException {
    index(tiny, corpus(5), IndexSettings.defaults());
    CountingEncoder failing = new CountingEncoder(tiny);
    failing.failFromCall = 1;
    List<CorpusRecord> more = new ArrayList<>(corpus(5));
    more.add(doc("new", "never embedded", Map.of()));
    assertThatThrownBy(() -> index(failing, more, IndexSettings.defaults()))
        .hasMessageContaining("encoder failure injected");
    IndexStats stats = IndexStats.read(dir);
    assertThat(stats.documents()).isEqualTo(5);
  }

  @Test
  void badRecordsAreCountedBySkippedReasonAndStrictModeStopsWithNothingWritten()
      throws IOException {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(
        corpus,
        String.join(
                "\n",
                "{\"id\":\"a\",\"text\":\"first good document\"}",
                "{\"id\":\"b\" \"text\":\"malformed\"}",
                "{\"id\":\"c\"}",
                "{\"id\":\"d\",\"text\":\"   \"}",
                "{\"id\":\"e\",\"text\":\"second good document\"}")
            + "\n");
    Path index = dir.resolve("index");
    IndexSummary summary;
    try (CorpusIndexer indexer = new CorpusIndexer(index, tiny, IndexSettings.defaults());
        CorpusReader reader = CorpusReader.open(corpus)) {
      summary = indexer.index(reader, IndexProgress.NONE);
    }
    assertThat(summary.documentsIndexed()).isEqualTo(2);
    assertThat(summary.skipped())
        .containsEntry("MALFORMED", 1L)
        .containsEntry("MISSING_TEXT", 1L)
        .containsEntry("EMPTY_TEXT", 1L);

    Path strictIndex = dir.resolve("strict");
    var strict = CorpusOptions.defaults().withStrict(true);
    try (CorpusIndexer indexer = new CorpusIndexer(strictIndex, tiny, IndexSettings.defaults());
        CorpusReader reader = CorpusReader.open(corpus, strict)) {
      assertThatThrownBy(() -> indexer.index(reader, IndexProgress.NONE))
          .isInstanceOf(BadRecordException.class)
          .hasMessageStartingWith(corpus + ":2: ");
    }
    assertThat(IndexDirectory.readMetadata(strictIndex)).isNull();
  }

  @ParameterizedTest
  @EnumSource(Quantization.class)
  void everyQuantizationWritesASearchableIndex(Quantization quantization) throws IOException {
    List<CorpusRecord> docs = corpus(40);
    index(tiny, docs, IndexSettings.defaults().withQuantization(quantization).withCommitEvery(7));
    assertThat(IndexStats.read(dir).metadata().quantization()).isEqualTo(quantization);
    float[] query = tiny.encode("Document number 17 talks about topic 2.");
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TopDocs hits = searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, query, 5), 5);
      assertThat(hits.scoreDocs).hasSize(5);
      Map<String, Integer> ids = new HashMap<>();
      for (var hit : hits.scoreDocs) {
        // Children have no stored id; their parent is the next parent doc in the block.
        int parent = hit.doc;
        while (reader.storedFields().document(parent).get(IndexFields.DOC_ID) == null) {
          parent++;
        }
        ids.merge(reader.storedFields().document(parent).get(IndexFields.DOC_ID), 1, Integer::sum);
      }
      assertThat(ids).containsKey("d17");
    }
  }
}
