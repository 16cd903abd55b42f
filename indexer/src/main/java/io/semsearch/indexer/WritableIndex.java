package io.semsearch.indexer;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.SettingsConflict;
import io.semsearch.index.SettingsConflictException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index opened for writing with one model and one set of build settings: the checks every write
 * path makes before its first write, then what it writes with. It owns {@code output}.
 *
 * @param settings the build settings written with
 * @param preparer the per-document steps, with the model's passage budget
 * @param output the index's writer
 */
record WritableIndex(IndexSettings settings, DocumentPreparer preparer, BlockWriter output)
    implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(WritableIndex.class);

  /**
   * Opens (or creates) the index in {@code indexDir} for writing with {@code encoder}'s model.
   *
   * @throws IllegalArgumentException if the index was built with another model, naming both
   * @throws SettingsConflictException if the index was built with other settings (HNSW,
   *     quantization, passage overlap), naming them
   * @throws IOException if the index can't be opened, naming the folder
   */
  static WritableIndex open(Path indexDir, SentenceEncoder encoder, IndexSettings settings)
      throws IOException {
    return open(indexDir, encoder, settings, FSDirectory::open);
  }

  /**
   * As {@link #open(Path, SentenceEncoder, IndexSettings)}, writing through the directory {@code
   * directories} opens on the folder.
   */
  static WritableIndex open(
      Path indexDir,
      SentenceEncoder encoder,
      IndexSettings settings,
      IOFunction<Path, Directory> directories)
      throws IOException {
    Objects.requireNonNull(indexDir, "indexDir");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(settings, "settings");
    IndexMetadata existing = IndexDirectory.readMetadata(indexDir);
    if (existing != null) {
      existing.requireSameModel(encoder.model());
      SettingsConflict conflict = SettingsConflict.between(existing, settings);
      if (!conflict.isEmpty()) {
        throw new SettingsConflictException(indexDir, conflict);
      }
    }
    IndexMetadata metadata = IndexMetadata.of(encoder.model(), settings);
    if (existing != null) {
      String mismatch = existing.precisionMismatch(encoder.model());
      if (mismatch != null) {
        LOG.warn(
            "{}: {}; appending, and the index keeps recording {}",
            indexDir,
            mismatch,
            existing.precision().id());
      }
      metadata = metadata.withPrecision(existing.precision());
    }
    DocumentPreparer preparer =
        new DocumentPreparer(encoder, settings.passageOverlapTokens(), metadata.similarity());
    return new WritableIndex(
        settings, preparer, BlockWriter.open(indexDir, settings, metadata, directories));
  }

  @Override
  public void close() throws IOException {
    output.close();
  }
}
