package io.semsearch.web;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.WriteSummary;
import io.semsearch.indexer.UpsertSession;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.searcher.SemanticSearcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's one writer to its index, through an {@link UpsertSession}: the index's writer is
 * opened on the first write (with the HNSW, quantization and passage settings the index was built
 * with), writes run one at a time on the request's thread, each ends with a commit and a searcher
 * refresh (the next search sees it), and {@link #close()} closes the session.
 */
final class DocumentWriter implements AutoCloseable {

  private final SemanticSearcher searcher;
  private final UpsertSession session;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  DocumentWriter(Path indexDir, SentenceEncoder encoder, SemanticSearcher searcher) {
    this.searcher = searcher;
    this.session = new UpsertSession(indexDir, encoder);
  }

  /**
   * Adds or replaces {@code documents} (unchanged ones are not embedded again), commits and
   * refreshes.
   */
  WriteSummary upsert(List<CorpusDocument> documents) throws IOException {
    List<IndexDocument> batch = documents.stream().map(CorpusDocument::toIndexDocument).toList();
    lock.lock();
    try {
      requireOpen();
      WriteSummary summary = session.upsert(batch);
      searcher.refresh();
      return summary;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deletes document {@code id}, commits and refreshes.
   *
   * @return false, writing nothing, when there is no such document
   */
  boolean delete(String id) throws IOException {
    lock.lock();
    try {
      requireOpen();
      // asked of the searcher (fresh after every write of ours): IndexDirectory.delete's count
      // includes documents already deleted but not yet merged away
      if (searcher.document(id).isEmpty()) {
        return false;
      }
      session.delete(List.of(id));
      searcher.refresh();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the server is stopping");
    }
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      closed = true;
      session.close();
    } finally {
      lock.unlock();
    }
  }
}
