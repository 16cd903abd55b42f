package io.semsearch.index;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * What {@code ./semsearch stats} shows about an index.
 *
 * @param documents live documents (parents)
 * @param passages live passages (vectors)
 * @param segments Lucene segments
 * @param sizeBytes size of the index folder on disk
 * @param metadata how the index was built
 */
public record IndexStats(
    long documents, long passages, int segments, long sizeBytes, IndexMetadata metadata) {

  /**
   * Reads the stats of the index in {@code indexDir}.
   *
   * @throws IOException if there is no semsearch index there, naming the folder
   */
  public static IndexStats read(Path indexDir) throws IOException {
    IndexMetadata metadata = IndexDirectory.requireMetadata(indexDir);
    try (Directory dir = FSDirectory.open(indexDir);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      return of(new IndexSearcher(reader), indexDir, metadata);
    }
  }

  /** The stats of the index in {@code indexDir} as {@code searcher} sees it. */
  public static IndexStats of(IndexSearcher searcher, Path indexDir, IndexMetadata metadata)
      throws IOException {
    long documents = searcher.count(IndexQueries.documents());
    long passages = searcher.count(IndexQueries.passages());
    return new IndexStats(
        documents,
        passages,
        searcher.getIndexReader().leaves().size(),
        IndexDirectory.sizeOf(indexDir),
        metadata);
  }
}
