package io.semsearch.searcher;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexStats;
import io.semsearch.index.IndexWrites;
import io.semsearch.index.WriteSummary;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded index as a {@link SearchBackend}: searches go to a {@link SemanticSearcher} on the
 * index folder, writes to the {@link IndexWrites} it was opened with (none: read-only).
 *
 * <p>An index has a single writer, so writes run one at a time; each ends with a searcher refresh,
 * so the next search sees it. A delete asks the searcher which ids are documents first and writes
 * nothing when none is. The backend owns the writer and closes it; the caller keeps the encoder.
 */
public final class LuceneSearchBackend implements SearchBackend {

  /** How often a write waiting for its turn asks its cancellation. */
  private static final long LOCK_POLL_MILLIS = 50;

  private final Path indexDir;
  private final SemanticSearcher searcher;
  private final IndexWrites writes;
  private final ReentrantLock writeLock = new ReentrantLock();
  private boolean closed;

  private LuceneSearchBackend(Path indexDir, SemanticSearcher searcher, IndexWrites writes) {
    this.indexDir = indexDir;
    this.searcher = searcher;
    this.writes = writes;
  }

  /**
   * Opens the index in {@code indexDir} for searching with {@code encoder} and writing through
   * {@code writes}, which the backend then owns (closed with it, or at once if opening fails).
   *
   * @param writes the index's writer, or null for a read-only backend
   * @throws IllegalArgumentException if the index was built with another model, naming both
   * @throws IOException if there is no semsearch index there, naming the folder
   */
  public static LuceneSearchBackend open(Path indexDir, SentenceEncoder encoder, IndexWrites writes)
      throws IOException {
    try {
      return new LuceneSearchBackend(indexDir, SemanticSearcher.open(indexDir, encoder), writes);
    } catch (IOException | RuntimeException e) {
      if (writes != null) {
        try {
          writes.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** Opens the index in {@code indexDir} for searching only: writes are refused. */
  public static LuceneSearchBackend openReadOnly(Path indexDir, SentenceEncoder encoder)
      throws IOException {
    return open(indexDir, encoder, null);
  }

  @Override
  public SearchResults search(SearchRequest request) throws IOException {
    return searcher.search(request);
  }

  @Override
  public SearchResults search(SearchRequest request, float[] queryVector) throws IOException {
    return searcher.search(request, queryVector);
  }

  @Override
  public Optional<StoredDocument> document(String id) throws IOException {
    return searcher.document(id);
  }

  @Override
  public Optional<SearchResults> similar(String id, int k, Filter filter) throws IOException {
    return searcher.similar(id, k, filter);
  }

  @Override
  public BackendStats stats() throws IOException {
    IndexStats stats = searcher.stats();
    return new BackendStats(
        indexDir.toString(),
        stats.documents(),
        stats.passages(),
        stats.segments(),
        stats.sizeBytes(),
        BackendStats.Build.of(stats.metadata()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The searcher keeps the files it has open readable even when the folder is deleted, so some
   * searches still answer; but lexical searches, stats and writes fail, so a missing folder or
   * commit is degraded.
   */
  @Override
  public BackendHealth health() {
    try {
      if (IndexDirectory.readMetadata(indexDir) == null) {
        return BackendHealth.degraded(
            indexDir
                + ": the index is gone"
                + (Files.isDirectory(indexDir)
                    ? " (no commit in the folder)"
                    : " (no such folder)"));
      }
    } catch (IOException | RuntimeException e) {
      return BackendHealth.degraded(indexDir + ": the index can't be read: " + e.getMessage());
    }
    return writes == null
        ? BackendHealth.OK
        : writes
            .writeFailure()
            .map(failure -> BackendHealth.degraded(indexDir + ": writes are failing: " + failure))
            .orElse(BackendHealth.OK);
  }

  /**
   * Up to {@code n} stored passage vectors picked at random (repeatably for a seed): queries for
   * measuring the recall of this index's HNSW graph.
   */
  public List<float[]> samplePassageVectors(int n, long seed) throws IOException {
    return searcher.samplePassageVectors(n, seed);
  }

  @Override
  public WriteSummary upsert(List<IndexDocument> documents) throws IOException {
    return upsert(documents, Cancellation.NONE);
  }

  @Override
  public WriteSummary upsert(List<IndexDocument> documents, Cancellation cancellation)
      throws IOException {
    Objects.requireNonNull(documents, "documents");
    lockForWriting(cancellation);
    try {
      WriteSummary summary = writes.upsert(documents, cancellation);
      searcher.refresh();
      return summary;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public long delete(Collection<String> ids) throws IOException {
    return delete(ids, Cancellation.NONE);
  }

  @Override
  public long delete(Collection<String> ids, Cancellation cancellation) throws IOException {
    Objects.requireNonNull(ids, "ids");
    lockForWriting(cancellation);
    try {
      // asked of the searcher, fresh after every write of ours: only ids of live documents count
      List<String> present = new ArrayList<>();
      for (String id : new LinkedHashSet<>(ids)) {
        if (searcher.document(id).isPresent()) {
          present.add(id);
        }
      }
      if (present.isEmpty()) {
        return 0;
      }
      writes.delete(present);
      searcher.refresh();
      return present.size();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Takes the write lock, refusing writes to a read-only or closed backend; while it waits for the
   * write in progress, it asks {@code cancellation} every {@value #LOCK_POLL_MILLIS} ms.
   *
   * @throws java.util.concurrent.CancellationException if cancelled while waiting
   */
  private void lockForWriting(Cancellation cancellation) {
    if (writes == null) {
      throw new ReadOnlyBackendException(indexDir.toString());
    }
    if (cancellation == Cancellation.NONE) {
      writeLock.lock();
    } else {
      try {
        while (!writeLock.tryLock(LOCK_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          cancellation.check();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for the write in progress");
      }
      try {
        cancellation.check();
      } catch (CancellationException e) {
        writeLock.unlock();
        throw e;
      }
    }
    if (closed) {
      writeLock.unlock();
      throw new IllegalStateException("the index " + indexDir + " is closed");
    }
  }

  /** Closes the writer (waiting for a write in progress), then the searcher. */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (writes != null) {
          writes.close();
        }
      } finally {
        searcher.close();
      }
    } finally {
      writeLock.unlock();
    }
  }
}
