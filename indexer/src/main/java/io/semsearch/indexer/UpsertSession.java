package io.semsearch.indexer;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexLockedException;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.IndexWrites;
import io.semsearch.index.WriteSummary;
import io.semsearch.indexer.DocumentPreparer.Embedded;
import io.semsearch.indexer.DocumentPreparer.NothingToEmbed;
import io.semsearch.indexer.DocumentPreparer.ToEmbed;
import io.semsearch.indexer.DocumentPreparer.Unchanged;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of a long-running process (a server) to an existing index: small batches upserted and
 * ids deleted, each committed before the call returns.
 *
 * <p>Strategy: everything runs on the calling thread, one call at a time (a lock), and no thread is
 * started; only Lucene's merge scheduler may merge segments on threads of its own, as for any
 * writer, so that a write never waits for a large merge. The index's writer is opened on the first
 * write, with the HNSW, quantization and passage settings the index was built with (another model
 * is refused), and kept until {@link #close()}. An upsert looks each document up in the last commit
 * and skips unchanged ones, with the same per-document steps as a corpus run, embeds the passages
 * of all the others in one encoder call, replaces their blocks by id and commits. A failure rolls
 * the index back to its last commit and closes the writer; the next call opens a new one, so that
 * writes work again as soon as the cause (a full disk, another writer's lock) is gone. Until then
 * {@link #writeFailure()} says why they fail.
 *
 * <p>Documents with the same id in one batch are all written, in order: the last one stays.
 */
public final class UpsertSession implements IndexWrites {

  private static final Logger LOG = LoggerFactory.getLogger(UpsertSession.class);

  /**
   * How often, in seconds, {@link #writeFailure()} checks whether another writer's lock is gone.
   */
  static final int PROBE_SECONDS = 5;

  private final Path indexDir;
  private final SentenceEncoder encoder;
  private final ReentrantLock lock = new ReentrantLock();
  private final IOFunction<Path, Directory> directories;
  private WritableIndex index; // null until the first write, and after a failure
  private volatile String failure; // the last write's failure; null once a write succeeds
  private volatile boolean lockedOut; // the failure was another writer's lock
  private volatile long lastProbeNanos; // when that lock was last found held
  private final long probeIntervalNanos;
  private boolean closed;

  /**
   * A session on the index in {@code indexDir}; nothing is opened until the first write.
   *
   * @param encoder embeds the documents; not closed by this session
   */
  public UpsertSession(Path indexDir, SentenceEncoder encoder) {
    this(indexDir, encoder, FSDirectory::open);
  }

  /** A session writing through the directory {@code directories} opens on the folder (tests). */
  UpsertSession(Path indexDir, SentenceEncoder encoder, IOFunction<Path, Directory> directories) {
    this(indexDir, encoder, directories, Duration.ofSeconds(PROBE_SECONDS));
  }

  /**
   * A session writing through the directory {@code directories} opens on the folder, checking a
   * lock held by another writer again every {@code probeInterval} (tests).
   */
  UpsertSession(
      Path indexDir,
      SentenceEncoder encoder,
      IOFunction<Path, Directory> directories,
      Duration probeInterval) {
    this.probeIntervalNanos = probeInterval.toNanos();
    this.indexDir = Objects.requireNonNull(indexDir, "indexDir");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.directories = Objects.requireNonNull(directories, "directories");
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the index was built with another model, naming both
   * @throws IllegalStateException if the session is closed
   */
  @Override
  public WriteSummary upsert(List<IndexDocument> documents) throws IOException {
    return upsert(documents, Cancellation.NONE);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The cancellation is asked while the passages wait for the encoder and once more just before
   * the commit; a cancelled write is rolled back, and does not count as a failure of the index.
   *
   * @throws IllegalArgumentException if the index was built with another model, naming both
   * @throws IllegalStateException if the session is closed
   */
  @Override
  public WriteSummary upsert(List<IndexDocument> documents, Cancellation cancellation)
      throws IOException {
    lock.lock();
    try {
      long start = System.nanoTime();
      if (documents.isEmpty()) {
        return new WriteSummary(0, 0, 0, 0);
      }
      WritableIndex open = open();
      try {
        long unchanged = 0;
        List<ToEmbed> changed = new ArrayList<>();
        try (DirectoryReader before = open.output().openLastCommit()) {
          IndexSearcher lookup = before == null ? null : new IndexSearcher(before);
          for (IndexDocument doc : documents) {
            switch (open.preparer().prepare(doc, lookup, null)) {
              case Unchanged u -> unchanged++;
              case NothingToEmbed e -> LOG.warn("skipped '{}': no text left to embed", doc.id());
              case ToEmbed pending -> changed.add(pending);
            }
          }
        }
        long passages = 0;
        if (!changed.isEmpty()) {
          for (Embedded doc : open.preparer().embed(changed, cancellation)) {
            open.output().update(doc);
            passages += doc.passages();
          }
          cancellation.check(); // the last moment to back out: after the commit, it is written
          open.output().commit();
        }
        failure = null;
        return new WriteSummary(
            changed.size(), unchanged, passages, (System.nanoTime() - start) / 1e9);
      } catch (CancellationException e) {
        throw rollBack(e);
      } catch (IOException | RuntimeException e) {
        throw abandon(e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the index was built with another model, naming both
   * @throws IllegalStateException if the session is closed
   */
  @Override
  public long delete(Collection<String> ids) throws IOException {
    lock.lock();
    try {
      if (ids.isEmpty()) {
        return 0;
      }
      WritableIndex open = open();
      try {
        long found = open.output().deleteIds(ids);
        open.output().commit();
        failure = null;
        return found;
      } catch (IOException | RuntimeException e) {
        throw abandon(e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The index open for writing, opened now if it is not. */
  private WritableIndex open() throws IOException {
    if (closed) {
      throw new IllegalStateException(indexDir + ": the upsert session is closed");
    }
    if (index == null) {
      IndexSettings settings;
      try {
        settings =
            IndexSettings.defaults().withBuildSettingsOf(IndexDirectory.requireMetadata(indexDir));
        index = WritableIndex.open(indexDir, encoder, settings, directories);
      } catch (IOException e) {
        record(e);
        throw e;
      }
      LOG.info(
          "opened {} for writing (HNSW M {} beam {}, quantization {})",
          indexDir,
          settings.hnswM(),
          settings.beamWidth(),
          settings.quantization().label());
    }
    return index;
  }

  /**
   * Rolls back to the last commit and closes the writer after {@code cause}.
   *
   * @return the failure to throw
   */
  private IOException abandon(Exception cause) {
    if (!(cause instanceof IllegalArgumentException)) {
      record(cause);
    }
    IOException thrown = Failures.asIOException(cause);
    WritableIndex failed = index;
    index = null;
    try {
      failed.output().rollback();
    } catch (IOException | RuntimeException e) {
      thrown.addSuppressed(e);
    }
    try {
      failed.close();
    } catch (IOException | RuntimeException e) {
      thrown.addSuppressed(e);
    }
    return thrown;
  }

  /**
   * Rolls back to the last commit and closes the writer after a cancelled write, which says nothing
   * about the index: no failure is recorded.
   *
   * @return {@code cancelled}, to throw
   */
  private CancellationException rollBack(CancellationException cancelled) {
    WritableIndex abandoned = index;
    index = null;
    try {
      abandoned.output().rollback();
      abandoned.close();
    } catch (IOException | RuntimeException e) {
      cancelled.addSuppressed(e);
    }
    LOG.info("a write to {} was rolled back: {}", indexDir, cancelled.getMessage());
    return cancelled;
  }

  /** Remembers why a write failed, for {@link #writeFailure()}, and logs it. */
  private void record(Exception cause) {
    String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    lastProbeNanos = System.nanoTime();
    lockedOut = cause instanceof IndexLockedException;
    failure = message.lines().findFirst().orElse(message);
    LOG.warn("a write to {} failed; the next write reopens the index: {}", indexDir, failure);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Bad input (a document Lucene refuses) does not count: the next write works whatever it is.
   * When the failure was another writer's lock, this checks at most every {@value #PROBE_SECONDS} s
   * whether the lock is free now (takes it and lets it go at once, unless a write of this session
   * is running), so that the failure clears without waiting for a write.
   */
  @Override
  public Optional<String> writeFailure() {
    if (failure != null && lockedOut && System.nanoTime() - lastProbeNanos >= probeIntervalNanos) {
      probeLock();
    }
    return Optional.ofNullable(failure);
  }

  /** Clears a lock failure if the index's write lock can be taken now; never waits. */
  private void probeLock() {
    if (!lock.tryLock()) {
      return; // a write is running: it will say
    }
    try {
      if (failure == null || !lockedOut || index != null || closed) {
        return;
      }
      lastProbeNanos = System.nanoTime();
      try (Directory directory = directories.apply(indexDir);
          Lock free = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
        LOG.info("{}: the other writer's lock is gone; writes should work again", indexDir);
        failure = null;
        lockedOut = false;
      } catch (LockObtainFailedException stillHeld) {
        // the failure stands
      } catch (IOException | RuntimeException e) {
        LOG.debug("{}: can't check the write lock: {}", indexDir, e.toString());
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the writer without committing: every write was committed when it returned, and anything
   * not committed (a write cut off) is rolled back rather than committed half done.
   */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      closed = true;
      if (index != null) {
        WritableIndex open = index;
        index = null;
        open.close(); // the writer never commits on close: what was not committed is dropped
      }
    } finally {
      lock.unlock();
    }
  }
}
