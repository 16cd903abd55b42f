package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.IndexWrites;
import io.semsearch.index.WriteSummary;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.UpsertSession;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded index behind the {@link SearchBackend} interface, vectors set by marker words. */
class LuceneSearchBackendTest {

  @TempDir Path dir;
  private Path index;

  /** A = (1,0,0), B = (0.6,0.8,0), C = (0,0,1), D = (0,1,0); anything else (0.1,0.1,0.1). */
  private static float[] byMarker(String text) {
    return switch (text.strip().split("\\s+")[0]) {
      case "A" -> new float[] {1, 0, 0};
      case "B" -> new float[] {0.6f, 0.8f, 0};
      case "C" -> new float[] {0, 0, 1};
      case "D" -> new float[] {0, 1, 0};
      default -> new float[] {0.1f, 0.1f, 0.1f};
    };
  }

  private static final FunctionEncoder ENCODER =
      new FunctionEncoder("markers", 3, true, 64, LuceneSearchBackendTest::byMarker);

  private static IndexDocument doc(String id, String text, String section) {
    return new IndexDocument(id, null, text, Map.of("section", section));
  }

  @BeforeEach
  void buildIndex() throws IOException {
    index = dir.resolve("index");
    List<CorpusRecord> docs =
        List.of(
            new CorpusDocument("a", null, "A apple", Map.of("section", "fruit"), "test"),
            new CorpusDocument("b", null, "B banana", Map.of("section", "fruit"), "test"),
            new CorpusDocument("c", null, "C cedar", Map.of("section", "tree"), "test"));
    try (CorpusIndexer indexer = new CorpusIndexer(index, ENCODER, IndexSettings.defaults())) {
      indexer.index(docs.iterator(), IndexProgress.NONE);
    }
  }

  private SearchBackend writable() throws IOException {
    return LuceneSearchBackend.open(index, ENCODER, new UpsertSession(index, ENCODER));
  }

  @Test
  void searchesDocumentsSimilarAndFacetsAnswerThroughTheInterface() throws IOException {
    try (SearchBackend backend = LuceneSearchBackend.openReadOnly(index, ENCODER)) {
      // query A = (1,0,0): a -> 1, b -> 0.6, c -> 0
      SearchResults results = backend.search(SearchRequest.of("A query").withFacets(5));
      assertThat(results.hits()).extracting(SearchHit::id).containsExactly("a", "b", "c");
      assertThat(results.hits().get(1).score()).isCloseTo(0.6, within(1e-6));
      assertThat(results.facets().get("section"))
          .containsExactly(Map.entry("fruit", 2L), Map.entry("tree", 1L));
      float[] d = {0, 1, 0};
      // query D = (0,1,0): b -> 0.8, a and c -> 0
      assertThat(backend.search(SearchRequest.of("D").withK(1), d).hits())
          .extracting(SearchHit::id)
          .containsExactly("b");

      StoredDocument b = backend.document("b").orElseThrow();
      assertThat(b.text()).isEqualTo("B banana");
      assertThat(b.metadata()).containsEntry("section", "fruit");
      assertThat(backend.document("nope")).isEmpty();

      // neighbours of a: b (0.6) before c (0), a itself left out
      assertThat(backend.similar("a", 2, null).orElseThrow().hits())
          .extracting(SearchHit::id)
          .containsExactly("b", "c");
      assertThat(backend.similar("a", 2, new Filter.Term("section", "tree")).orElseThrow().hits())
          .extracting(SearchHit::id)
          .containsExactly("c");
      assertThat(backend.similar("nope", 2, null)).isEmpty();
    }
  }

  @Test
  void statsSayWhatTheIndexHoldsAndHowItWasBuilt() throws IOException {
    try (SearchBackend backend = LuceneSearchBackend.openReadOnly(index, ENCODER)) {
      BackendStats stats = backend.stats();
      assertThat(stats.location()).isEqualTo(index.toString());
      assertThat(stats.documents()).isEqualTo(3);
      assertThat(stats.passages()).isEqualTo(3);
      assertThat(stats.sizeBytes()).isPositive();
      assertThat(stats.build().modelId()).isEqualTo(ENCODER.model().id());
      assertThat(stats.build().dimension()).isEqualTo(3);
      assertThat(stats.build().similarity()).isEqualTo("DOT_PRODUCT");
      assertThat(stats.build().quantization()).isEqualTo("none");
    }
  }

  @Test
  void writesAreVisibleToTheNextSearch() throws IOException {
    try (SearchBackend backend = writable()) {
      WriteSummary added =
          backend.upsert(
              List.of(
                  doc("d", "D dune", "desert"),
                  doc("c", "A cedar, now like apples", "tree"),
                  doc("a", "A apple", "fruit")));
      assertThat(added.indexed()).isEqualTo(2);
      assertThat(added.unchanged()).isEqualTo(1);
      assertThat(backend.search(SearchRequest.of("D").withK(1)).hits())
          .extracting(SearchHit::id)
          .containsExactly("d");
      assertThat(backend.document("c").orElseThrow().text()).isEqualTo("A cedar, now like apples");
      assertThat(backend.stats().documents()).isEqualTo(4);
      // the writer is open now, so this write is quick: well within the searcher's own refresh
      // interval, only the backend's refresh makes it visible
      backend.upsert(List.of(doc("b", "C banana, now like cedars", "fruit")));
      assertThat(backend.document("b").orElseThrow().text()).isEqualTo("C banana, now like cedars");

      assertThat(backend.delete(List.of("d", "nope", "d"))).isEqualTo(1);
      assertThat(backend.document("d")).isEmpty();
      assertThat(backend.search(SearchRequest.of("D").withK(4)).hits())
          .extracting(SearchHit::id)
          .doesNotContain("d");
      assertThat(backend.delete(List.of("d"))).isZero();
      assertThat(backend.stats().documents()).isEqualTo(3);
    }
  }

  @Test
  void aReadOnlyBackendRefusesWritesAndChangesNothing() throws IOException {
    try (SearchBackend backend = LuceneSearchBackend.openReadOnly(index, ENCODER)) {
      assertThatThrownBy(() -> backend.upsert(List.of(doc("d", "D dune", "desert"))))
          .isInstanceOf(ReadOnlyBackendException.class)
          .hasMessageContaining("writes are disabled")
          .hasMessageContaining(index.toString());
      assertThatThrownBy(() -> backend.delete(List.of("a")))
          .isInstanceOf(ReadOnlyBackendException.class);
      assertThat(backend.stats().documents()).isEqualTo(3);
      assertThat(backend.document("a")).isPresent();
    }
  }

  @Test
  void aClosedBackendRefusesWrites() throws IOException {
    SearchBackend backend = writable();
    backend.close();
    backend.close();
    assertThatThrownBy(() -> backend.delete(List.of("a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aFilterOverLucenesClauseLimitIsBadInputNotAFailure() throws IOException {
    List<Filter> clauses = new ArrayList<>();
    for (int i = 0; i < 1_100; i++) {
      clauses.add(new Filter.Term("field" + i, "value"));
    }
    Filter tooBig = new Filter.All(clauses);
    try (SearchBackend backend = LuceneSearchBackend.openReadOnly(index, ENCODER)) {
      for (SearchMode mode : SearchMode.values()) {
        assertThatThrownBy(
                () -> backend.search(SearchRequest.of("A apple").withMode(mode).withFilter(tooBig)))
            .as(mode.name())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("too many clauses: at most 1024");
      }
      assertThatThrownBy(() -> backend.similar("a", 2, tooBig))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too many clauses");
    }
  }

  @Test
  void healthIsDegradedWhileTheIndexFolderIsGone() throws IOException {
    try (SearchBackend backend = writable()) {
      assertThat(backend.health()).isEqualTo(BackendHealth.OK);
      Path moved = dir.resolve("moved");
      Files.move(index, moved);
      assertThat(backend.health().ok()).isFalse();
      assertThat(backend.health().reason()).contains(index.toString()).contains("gone");
      Files.move(moved, index);
      assertThat(backend.health()).isEqualTo(BackendHealth.OK);
    }
  }

  @Test
  void healthIsDegradedWhileWritesFailUntilAWriteSucceeds() throws IOException {
    AtomicReference<String> diskFull = new AtomicReference<>();
    IndexWrites writes =
        new IndexWrites() {
          private final UpsertSession session = new UpsertSession(index, ENCODER);
          private String failure;

          @Override
          public WriteSummary upsert(List<IndexDocument> documents) throws IOException {
            if (diskFull.get() != null) {
              failure = diskFull.get();
              throw new IOException(failure);
            }
            failure = null;
            return session.upsert(documents);
          }

          @Override
          public long delete(Collection<String> ids) throws IOException {
            return session.delete(ids);
          }

          @Override
          public Optional<String> writeFailure() {
            return Optional.ofNullable(failure);
          }

          @Override
          public void close() throws IOException {
            session.close();
          }
        };
    try (SearchBackend backend = LuceneSearchBackend.open(index, ENCODER, writes)) {
      diskFull.set("No space left on device");
      assertThatThrownBy(() -> backend.upsert(List.of(doc("d", "D dune", "desert"))))
          .isInstanceOf(IOException.class);
      assertThat(backend.health().reason())
          .isEqualTo(index + ": writes are failing: No space left on device");
      diskFull.set(null);
      backend.upsert(List.of(doc("d", "D dune", "desert")));
      assertThat(backend.health()).isEqualTo(BackendHealth.OK);
    }
  }
}
