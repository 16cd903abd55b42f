package io.semsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The catalogue of semsearch indexes on disk: whether a folder holds one, how it was built (the
 * {@link IndexMetadata} of its last commit), its size, and model-free deletes. Writers and readers
 * of every module go through here, so the on-disk format has one owner.
 */
public final class IndexDirectory {

  private IndexDirectory() {}

  /**
   * Reads the semsearch metadata of the index in {@code indexDir}, which must exist.
   *
   * @throws IOException if there is no semsearch index there, naming the folder
   */
  public static IndexMetadata requireMetadata(Path indexDir) throws IOException {
    IndexMetadata metadata = readMetadata(indexDir);
    if (metadata == null) {
      throw new IOException(
          indexDir
              + ": no semsearch index here"
              + (Files.isDirectory(indexDir) ? "" : " (no such folder)"));
    }
    return metadata;
  }

  /**
   * Reads the semsearch metadata of the last commit in {@code indexDir}.
   *
   * @return null when there is no index there yet
   * @throws IOException if the folder holds a Lucene index semsearch did not write, naming it
   */
  public static IndexMetadata readMetadata(Path indexDir) throws IOException {
    if (!Files.isDirectory(indexDir)) {
      return null;
    }
    try (Directory dir = FSDirectory.open(indexDir)) {
      if (!DirectoryReader.indexExists(dir)) {
        return null;
      }
      Map<String, String> userData = SegmentInfos.readLatestCommit(dir).getUserData();
      IndexMetadata metadata = IndexMetadata.fromUserData(userData);
      if (metadata == null) {
        throw new IOException(
            indexDir + ": a Lucene index without semsearch metadata (not written by semsearch)");
      }
      return metadata;
    }
  }

  /**
   * The writer configuration of a semsearch index: the vector format of {@code settings}, the
   * standard analyzer for the text fields, and no commit on close (only explicit commits, with
   * metadata, are ever visible).
   *
   * @param mergeExecutor runs HNSW graph merges; null merges on the calling thread
   */
  public static IndexWriterConfig writerConfig(
      IndexSettings settings, ExecutorService mergeExecutor) {
    return new IndexWriterConfig(new StandardAnalyzer())
        .setCodec(VectorCodec.codec(VectorCodec.format(settings, mergeExecutor)))
        .setCommitOnClose(false)
        .setRAMBufferSizeMB(256)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
  }

  /**
   * Deletes documents (all their passages) by id from the index in {@code indexDir} and commits,
   * without a model: segments merged on the way keep the index's own HNSW and quantization
   * settings, and the commit keeps its metadata.
   *
   * @return how many of the ids were in the index
   * @throws IOException if there is no semsearch index there, naming the folder
   */
  public static long delete(Path indexDir, Collection<String> ids) throws IOException {
    IndexMetadata metadata = requireMetadata(indexDir);
    IndexSettings settings = IndexSettings.defaults().withBuildSettingsOf(metadata);
    try (Directory dir = FSDirectory.open(indexDir);
        IndexWriter writer = new IndexWriter(dir, writerConfig(settings, null))) {
      long found = deleteIds(dir, writer, ids);
      writer.setLiveCommitData(metadata.toUserData().entrySet());
      writer.commit();
      return found;
    }
  }

  /**
   * Deletes documents (all their passages) by id through {@code writer}, without committing.
   *
   * @return how many of the ids were live in the last commit of {@code directory}
   */
  public static long deleteIds(Directory directory, IndexWriter writer, Collection<String> ids)
      throws IOException {
    long found = 0;
    try (DirectoryReader reader =
        DirectoryReader.indexExists(directory) ? DirectoryReader.open(directory) : null) {
      // count live documents: docFreq would still count ones deleted but not merged away yet
      IndexSearcher searcher = reader == null ? null : new IndexSearcher(reader);
      for (String id : ids) {
        if (searcher != null && searcher.count(IndexQueries.byId(id)) > 0) {
          found++;
        }
        writer.deleteDocuments(new Term(IndexFields.DOC_ID, id));
      }
    }
    return found;
  }

  /** Size of the files in {@code dir}, in bytes. */
  public static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }
}
