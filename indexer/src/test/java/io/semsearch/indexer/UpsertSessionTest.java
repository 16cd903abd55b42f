package io.semsearch.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexLockedException;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.IndexStats;
import io.semsearch.index.Quantization;
import io.semsearch.index.WriteSummary;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpsertSessionTest {

  private static final IndexSettings BUILT =
      IndexSettings.defaults().withQuantization(Quantization.INT8).withHnsw(8, 50);

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

  private static IndexDocument doc(String id, String text) {
    return new IndexDocument(id, "Title " + id, text, Map.of("section", "news"));
  }

  /** An index of a0, a1, a2 built with non-default settings. */
  @BeforeEach
  void buildIndex() throws IOException {
    List<CorpusRecord> corpus =
        List.of(
            corpusDoc("a0", "Rivers flow."),
            corpusDoc("a1", "Mountains stand."),
            corpusDoc("a2", "The sea is wide."));
    try (CorpusIndexer indexer = new CorpusIndexer(dir, tiny, BUILT)) {
      indexer.index(corpus.iterator(), IndexProgress.NONE);
    }
  }

  private static CorpusDocument corpusDoc(String id, String text) {
    return new CorpusDocument(id, "Title " + id, text, Map.of("section", "news"), "test:" + id);
  }

  private long count(String id) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      return new IndexSearcher(reader).count(new TermQuery(new Term(IndexFields.DOC_ID, id)));
    }
  }

  @Test
  void upsertEmbedsNewAndChangedDocumentsInOneCallAndKeepsTheIndexsSettings() throws IOException {
    CountingEncoder counting = new CountingEncoder(tiny);
    try (UpsertSession session = new UpsertSession(dir, counting)) {
      WriteSummary summary =
          session.upsert(
              List.of(doc("a0", "Rivers flow."), doc("a1", "Mountains moved."), doc("b", "New.")));
      assertThat(summary.indexed()).isEqualTo(2);
      assertThat(summary.unchanged()).isEqualTo(1);
      assertThat(summary.passages()).isEqualTo(2);
      assertThat(counting.encoded).containsExactlyInAnyOrder("Mountains moved.", "New.");
      assertThat(counting.callers).hasSize(1);

      WriteSummary again = session.upsert(List.of(doc("b", "New.")));
      assertThat(again.indexed()).isZero();
      assertThat(again.unchanged()).isEqualTo(1);
    }
    IndexStats stats = IndexStats.read(dir);
    assertThat(stats.documents()).isEqualTo(4);
    assertThat(stats.metadata().quantization()).isEqualTo(Quantization.INT8);
    assertThat(stats.metadata().hnswM()).isEqualTo(8);
    assertThat(stats.metadata().beamWidth()).isEqualTo(50);
  }

  @Test
  void deleteCountsLiveDocumentsOnly() throws IOException {
    try (UpsertSession session = new UpsertSession(dir, tiny)) {
      assertThat(session.delete(List.of("a0", "nope"))).isEqualTo(1);
      assertThat(session.delete(List.of("a0"))).isZero();
      assertThat(session.delete(List.of())).isZero();
    }
    assertThat(IndexStats.read(dir).documents()).isEqualTo(2);
    assertThat(count("a0")).isZero();
  }

  @Test
  void anEncoderFailureChangesNothingAndTheNextCallWorks() throws IOException {
    CountingEncoder failing = new CountingEncoder(tiny);
    failing.failFromCall = 1;
    try (UpsertSession session = new UpsertSession(dir, failing)) {
      assertThatThrownBy(() -> session.upsert(List.of(doc("b", "Never embedded."))))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("encoder failure injected")
          .hasCauseInstanceOf(IllegalStateException.class);
      failing.failFromCall = Integer.MAX_VALUE;
      assertThat(session.upsert(List.of(doc("c", "Embedded later."))).indexed()).isEqualTo(1);
    }
    assertThat(count("b")).isZero();
    assertThat(IndexStats.read(dir).documents()).isEqualTo(4);
  }

  @Test
  void aWriteFailureRollsBackTheWholeBatchToTheLastCommit() throws IOException {
    // Lucene refuses a term this long when the block is added: after "b" was written
    String immenseId = "x".repeat(40_000);
    try (UpsertSession session = new UpsertSession(dir, tiny)) {
      assertThatThrownBy(
              () ->
                  session.upsert(
                      List.of(doc("b", "Written, then rolled back."), doc(immenseId, "Refused."))))
          .isInstanceOf(IOException.class);
      assertThat(count("b")).isZero();
      assertThat(IndexStats.read(dir).documents()).isEqualTo(3);
      assertThat(session.upsert(List.of(doc("b", "Written."))).indexed()).isEqualTo(1);
    }
    assertThat(count("b")).isPositive();
  }

  /** A disk that fills up while {@code full} is set: every new file fails to be written. */
  private static Directory diskThatFills(Path path, AtomicBoolean full) throws IOException {
    return new FilterDirectory(FSDirectory.open(path)) {
      @Override
      public IndexOutput createOutput(String name, IOContext context) throws IOException {
        refuseWhileFull(name);
        return super.createOutput(name, context);
      }

      @Override
      public IndexOutput createTempOutput(String prefix, String suffix, IOContext context)
          throws IOException {
        refuseWhileFull(prefix);
        return super.createTempOutput(prefix, suffix, context);
      }

      private void refuseWhileFull(String name) throws IOException {
        if (full.get()) {
          throw new IOException(name + ": No space left on device (injected)");
        }
      }
    };
  }

  @Test
  void afterAFullDiskTheNextWriteSucceedsOnceThereIsSpaceAgain() throws IOException {
    AtomicBoolean full = new AtomicBoolean();
    try (UpsertSession session = new UpsertSession(dir, tiny, p -> diskThatFills(p, full))) {
      assertThat(session.upsert(List.of(doc("b", "Written before."))).indexed()).isEqualTo(1);
      assertThat(session.writeFailure()).isEmpty();

      full.set(true);
      assertThatThrownBy(() -> session.upsert(List.of(doc("c", "No room for this."))))
          .isInstanceOf(IOException.class)
          .hasStackTraceContaining("No space left on device");
      assertThatThrownBy(() -> session.delete(List.of("a0")))
          .isInstanceOf(IOException.class)
          .hasStackTraceContaining("No space left on device");
      assertThat(session.writeFailure()).hasValueSatisfying(f -> assertThat(f).contains("space"));

      full.set(false);
      assertThat(session.upsert(List.of(doc("c", "Room again."))).indexed()).isEqualTo(1);
      assertThat(session.writeFailure()).isEmpty();
      assertThat(session.delete(List.of("a0"))).isEqualTo(1);
    }
    assertThat(count("c")).isPositive();
    assertThat(count("a0")).isZero();
    assertThat(IndexStats.read(dir).documents()).isEqualTo(4);
  }

  @Test
  void aWriteWhileAnotherWriterHoldsTheLockIsRefusedAsLockedAndWorksOnceItIsReleased()
      throws IOException {
    try (UpsertSession session = new UpsertSession(dir, tiny)) {
      try (FSDirectory other = FSDirectory.open(dir);
          IndexWriter holder = otherWriter(other)) {
        assertThatThrownBy(() -> session.upsert(List.of(doc("b", "Locked out."))))
            .isInstanceOf(IndexLockedException.class)
            .hasMessageContaining(dir.toString())
            .hasMessageContaining("write.lock");
        assertThat(session.writeFailure())
            .hasValueSatisfying(f -> assertThat(f).contains("locked"));
      }
      assertThat(session.upsert(List.of(doc("b", "Let in."))).indexed()).isEqualTo(1);
      assertThat(session.writeFailure()).isEmpty();
    }
    assertThat(count("b")).isPositive();
  }

  @Test
  void aLockFailureClearsOnceTheOtherWriterIsGoneWithoutAWriteButNotBeforeTheProbeInterval()
      throws IOException {
    try (UpsertSession probing = new UpsertSession(dir, tiny, FSDirectory::open, Duration.ZERO);
        UpsertSession patient =
            new UpsertSession(dir, tiny, FSDirectory::open, Duration.ofHours(1))) {
      try (FSDirectory other = FSDirectory.open(dir);
          IndexWriter holder = otherWriter(other)) {
        for (UpsertSession session : List.of(probing, patient)) {
          assertThatThrownBy(() -> session.upsert(List.of(doc("b", "Locked out."))))
              .isInstanceOf(IndexLockedException.class);
        }
        assertThat(probing.writeFailure())
            .as("checked again, and still held")
            .hasValueSatisfying(f -> assertThat(f).contains("locked"));
      }
      assertThat(probing.writeFailure()).as("checked again: the lock is free").isEmpty();
      assertThat(patient.writeFailure())
          .as("not checked again within the interval")
          .hasValueSatisfying(f -> assertThat(f).contains("locked"));
      // the probe let the lock go: a write takes it
      assertThat(probing.upsert(List.of(doc("b", "Let in."))).indexed()).isEqualTo(1);
    }
    assertThat(count("b")).isPositive();
  }

  /** Another writer on the index, as {@code ./semsearch index} holds one: it takes the lock. */
  private IndexWriter otherWriter(Directory other) throws IOException {
    return new IndexWriter(
        other,
        IndexDirectory.writerConfig(
            IndexSettings.defaults().withBuildSettingsOf(IndexStats.read(dir).metadata()), null));
  }

  @Test
  void everythingRunsOnTheCallingThreadAndNoThreadIsStarted() throws IOException {
    CountingEncoder counting = new CountingEncoder(tiny);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (UpsertSession session = new UpsertSession(dir, counting)) {
      long startedBefore = threads.getTotalStartedThreadCount();
      session.upsert(List.of(doc("b", "The first write opens the writer.")));
      session.upsert(List.of(doc("b", "The first write opens the writer."), doc("c", "Next.")));
      session.delete(List.of("b", "nope"));
      // Lucene's merge scheduler starts a thread when segments merge; these writes merge none
      // (b's segment is dropped whole when b is deleted)
      assertThat(threads.getTotalStartedThreadCount())
          .as("threads started during the writes")
          .isEqualTo(startedBefore);
    }
    assertThat(counting.callers).hasSize(2).containsOnly(Thread.currentThread());
    assertThat(IndexStats.read(dir).documents()).isEqualTo(4);
  }

  @Test
  void anotherModelIsRefusedAndAClosedSessionRefusesWrites() throws IOException {
    try (UpsertSession session = new UpsertSession(dir, otherTiny)) {
      assertThatThrownBy(() -> session.upsert(List.of(doc("b", "Other model."))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("built with model tiny");
    }
    UpsertSession closed = new UpsertSession(dir, tiny);
    closed.close();
    assertThatThrownBy(() -> closed.delete(List.of("a0")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(IndexStats.read(dir).documents()).isEqualTo(3);
  }
}
