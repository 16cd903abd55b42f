package io.semsearch.web;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.SemanticSearcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one writer to its index. Lucene allows a single IndexWriter per index, so the
 * indexer is opened on the first write (with the HNSW, quantization and passage settings the index
 * was built with), writes run one at a time, each ends with a commit and a searcher refresh (the
 * next search sees it), and {@link #close()} closes the indexer.
 */
final class DocumentWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentWriter.class);

  private final Path indexDir;
  private final SentenceEncoder encoder;
  private final SemanticSearcher searcher;
  private final ReentrantLock lock = new ReentrantLock();
  private CorpusIndexer indexer;
  private boolean closed;

  DocumentWriter(Path indexDir, SentenceEncoder encoder, SemanticSearcher searcher) {
    this.indexDir = indexDir;
    this.encoder = encoder;
    this.searcher = searcher;
  }

  /** Adds or replaces {@code documents} (unchanged ones are not embedded again), commits and refreshes. */
  IndexSummary upsert(List<CorpusDocument> documents) throws IOException {
    lock.lock();
    try {
      IndexSummary summary = indexer().index(new ArrayList<CorpusRecord>(documents).iterator(), IndexProgress.NONE);
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
      // asked of the searcher (fresh after every write of ours): IndexDirectory.delete's count
      // includes documents already deleted but not yet merged away
      if (searcher.document(id).isEmpty()) {
        return false;
      }
      indexer().delete(List.of(id));
      searcher.refresh();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private CorpusIndexer indexer() throws IOException {
    if (closed) {
      throw new IllegalStateException("the server is stopping");
    }
    if (indexer == null) {
      IndexSettings settings = IndexSettings.defaults().withBuildSettingsOf(searcher.metadata());
      indexer = new CorpusIndexer(indexDir, encoder, settings);
      LOG.info("opened {} for writing (HNSW M {} beam {}, quantization {})", indexDir, settings.hnswM(), settings.beamWidth(),
          settings.quantization().label());
    }
    return indexer;
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      closed = true;
      if (indexer != null) {
        indexer.close();
        indexer = null;
      }
    } finally {
      lock.unlock();
    }
  }
}
