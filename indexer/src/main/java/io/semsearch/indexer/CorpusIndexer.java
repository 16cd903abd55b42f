package io.semsearch.indexer;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.SettingsConflictException;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;

/**
 * Streams a corpus through the encoder into a Lucene index of passage vectors.
 *
 * <p>Strategy: opening checks that an existing index was built with the same model and build
 * settings (HNSW, quantization, passage overlap), then holds the index's one writer until {@link
 * #close()}. Each {@link #index} call is a run of an {@code IndexPipeline}: a reader thread,
 * embedding on the calling thread and a writer thread, which embeds only new or changed documents
 * and commits every {@link IndexSettings#commitEvery()} documents. Lucene commits are atomic: a run
 * killed at any moment leaves the index as of its last commit, and running the same command again
 * embeds only what that commit lacks. A failed run rolls back to the last commit; nothing
 * half-written is ever committed.
 */
public final class CorpusIndexer implements AutoCloseable {

  private final WritableIndex index;

  /**
   * Opens (or creates) the index in {@code indexDir} for writing with {@code encoder}'s model.
   *
   * @throws IllegalArgumentException if the index was built with another model, naming both
   * @throws SettingsConflictException if the index was built with other settings (HNSW,
   *     quantization, passage overlap), naming them
   * @throws IOException if the index can't be opened, naming the folder
   */
  public CorpusIndexer(Path indexDir, SentenceEncoder encoder, IndexSettings settings)
      throws IOException {
    this.index = WritableIndex.open(indexDir, encoder, settings);
  }

  /** The metadata this indexer writes with every commit. */
  public IndexMetadata metadata() {
    return index.output().metadata();
  }

  /**
   * Indexes every record of {@code records}, then commits.
   *
   * @param progress told of each document read and written; may be {@link IndexProgress#NONE}
   * @throws IOException if reading, embedding or writing fails; the index is then rolled back to
   *     its last commit
   */
  public IndexSummary index(Iterator<CorpusRecord> records, IndexProgress progress)
      throws IOException {
    return new IndexPipeline(index.output(), index.preparer(), index.settings(), progress)
        .run(records);
  }

  /**
   * Deletes documents (all their passages) by id and commits.
   *
   * @return how many of the ids were in the index
   */
  public long delete(Collection<String> ids) throws IOException {
    long found = index.output().deleteIds(ids);
    index.output().commit();
    return found;
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
