package io.semsearch.indexer;

import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexLockedException;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexSettings;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOFunction;

/**
 * The one Lucene writer of an index folder, with the directory and the HNSW merge threads it writes
 * through; it owns all three and closes them together.
 *
 * <p>Strategy: a document is always written as its whole block, replacing any block with its id
 * ({@code updateDocuments}), so no document is ever duplicated. Every commit carries the index's
 * metadata, and the writer never commits on close, so what readers see is always a commit made
 * here. {@link #rollback()} discards everything since the last commit and closes the writer: the
 * owner then closes this and opens another to write again.
 */
final class BlockWriter implements Closeable {

  private final Path indexDir;
  private final IndexMetadata metadata;
  private final ExecutorService mergeExecutor;
  private final Directory directory;
  private final IndexWriter writer;

  private BlockWriter(
      Path indexDir,
      IndexMetadata metadata,
      ExecutorService mergeExecutor,
      Directory directory,
      IndexWriter writer) {
    this.indexDir = indexDir;
    this.metadata = metadata;
    this.mergeExecutor = mergeExecutor;
    this.directory = directory;
    this.writer = writer;
  }

  /**
   * Opens (or creates) the index in {@code indexDir} for writing with {@code settings}, through the
   * directory {@code directories} opens on the folder (tests inject failing ones).
   *
   * @param metadata what every commit records
   * @throws IndexLockedException if another writer holds the index's lock
   * @throws IOException if the index can't be opened, naming the folder
   */
  static BlockWriter open(
      Path indexDir,
      IndexSettings settings,
      IndexMetadata metadata,
      IOFunction<Path, Directory> directories)
      throws IOException {
    Files.createDirectories(indexDir);
    ExecutorService mergeExecutor =
        settings.mergeThreads() > 1
            ? Executors.newFixedThreadPool(
                settings.mergeThreads(),
                Thread.ofPlatform().name("semsearch-hnsw-merge-", 0).daemon(true).factory())
            : null;
    Directory directory = null;
    try {
      directory = directories.apply(indexDir);
      IndexWriter writer =
          new IndexWriter(directory, IndexDirectory.writerConfig(settings, mergeExecutor));
      return new BlockWriter(indexDir, metadata, mergeExecutor, directory, writer);
    } catch (IOException | RuntimeException e) {
      try {
        if (directory != null) {
          directory.close();
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      } finally {
        if (mergeExecutor != null) {
          mergeExecutor.shutdownNow();
        }
      }
      if (e instanceof LockObtainFailedException) {
        throw new IndexLockedException(indexDir, e);
      }
      throw new IOException(
          indexDir + ": can't open the index for writing (" + e.getMessage() + ")", e);
    }
  }

  /** The folder written. */
  Path indexDir() {
    return indexDir;
  }

  /** The metadata every commit records. */
  IndexMetadata metadata() {
    return metadata;
  }

  /** A reader of the last commit, which the caller closes; null when nothing was committed yet. */
  DirectoryReader openLastCommit() throws IOException {
    return DirectoryReader.indexExists(directory) ? DirectoryReader.open(directory) : null;
  }

  /** Replaces the block of document {@code doc.id()} (if any) with {@code doc}'s. */
  void update(DocumentPreparer.Embedded doc) throws IOException {
    writer.updateDocuments(new Term(IndexFields.DOC_ID, doc.id()), doc.block());
  }

  /** Deletes document {@code id} (its whole block), without committing. */
  void delete(String id) throws IOException {
    writer.deleteDocuments(new Term(IndexFields.DOC_ID, id));
  }

  /**
   * Deletes documents by id, without committing.
   *
   * @return how many of the ids were live in the last commit
   */
  long deleteIds(Collection<String> ids) throws IOException {
    return IndexDirectory.deleteIds(directory, writer, ids);
  }

  /** Commits what was written, with the metadata. */
  void commit() throws IOException {
    writer.setLiveCommitData(metadata.toUserData().entrySet());
    writer.commit();
  }

  /** Merges the index down to one segment, then commits. */
  void forceMergeAndCommit() throws IOException {
    writer.forceMerge(1);
    commit();
  }

  /** Discards everything since the last commit and closes the writer. */
  void rollback() throws IOException {
    writer.rollback();
  }

  @Override
  public void close() throws IOException {
    try {
      writer.close();
    } finally {
      try {
        directory.close();
      } finally {
        if (mergeExecutor != null) {
          mergeExecutor.shutdownNow();
        }
      }
    }
  }
}
