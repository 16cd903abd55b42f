package io.semsearch.indexer;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.IndexWrites;
import io.semsearch.index.WriteSummary;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IndexWrites} through a {@link CorpusIndexer} opened on the first write, with the HNSW,
 * quantization and passage settings the index was built with. Lucene allows one writer per index,
 * so nothing holds the index's write lock until something is written; calls run one at a time on
 * the calling thread. An adapter for servers until the indexer implements the interface itself.
 */
public final class CorpusIndexerWrites implements IndexWrites {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexerWrites.class);

  /** Where documents sent through this interface say they came from. */
  static final String LOCATION = "api";

  private final Path indexDir;
  private final SentenceEncoder encoder;
  private CorpusIndexer indexer;
  private boolean closed;

  /**
   * Writes to the existing index in {@code indexDir}, embedding with {@code encoder}
   * (not owned).
   */
  public CorpusIndexerWrites(Path indexDir, SentenceEncoder encoder) {
    this.indexDir = Objects.requireNonNull(indexDir, "indexDir");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  @Override
  public synchronized WriteSummary upsert(List<IndexDocument> documents) throws IOException {
    List<CorpusRecord> records = new ArrayList<>(documents.size());
    for (IndexDocument d : documents) {
      records.add(new CorpusDocument(d.id(), d.title(), d.text(), d.metadata(), LOCATION));
    }
    IndexSummary summary = indexer().index(records.iterator(), IndexProgress.NONE);
    return new WriteSummary(summary.documentsIndexed(), summary.documentsUnchanged(),
        summary.passagesIndexed(), summary.seconds());
  }

  @Override
  public synchronized long delete(Collection<String> ids) throws IOException {
    return indexer().delete(ids);
  }

  private CorpusIndexer indexer() throws IOException {
    if (closed) {
      throw new IllegalStateException("writes to " + indexDir + " are closed");
    }
    if (indexer == null) {
      IndexSettings settings =
          IndexSettings.defaults().withBuildSettingsOf(IndexDirectory.requireMetadata(indexDir));
      indexer = new CorpusIndexer(indexDir, encoder, settings);
      LOG.info("opened {} for writing (HNSW M {} beam {}, quantization {})", indexDir,
          settings.hnswM(), settings.beamWidth(), settings.quantization().label());
    }
    return indexer;
  }

  /** Closes the indexer if a write opened it; later writes are refused. */
  @Override
  public synchronized void close() throws IOException {
    closed = true;
    if (indexer != null) {
      indexer.close();
      indexer = null;
    }
  }
}
