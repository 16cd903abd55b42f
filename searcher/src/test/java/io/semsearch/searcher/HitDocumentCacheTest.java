package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.index.IndexFields;
import java.io.IOException;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class HitDocumentCacheTest {

  private static Directory threeDocuments() throws IOException {
    Directory directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
      for (String id : new String[] {"a", "b", "c"}) {
        Document doc = new Document();
        doc.add(new StoredField(IndexFields.DOC_ID, id));
        doc.add(new StoredField(IndexFields.TITLE, "Title " + id));
        doc.add(new StoredField(IndexFields.TEXT, "  text of " + id + "  "));
        writer.addDocument(doc);
      }
    }
    return directory;
  }

  @Test
  void keepsDocumentsUpToItsCapacityAndForgetsAClosedSegment() throws IOException {
    HitDocumentCache cache = new HitDocumentCache(2);
    try (Directory directory = threeDocuments()) {
      DirectoryReader reader = DirectoryReader.open(directory);
      IndexSearcher searcher = new IndexSearcher(reader);
      var stored = searcher.storedFields();
      HitDocumentCache.ParentFields a = cache.parent(searcher, stored, 0);
      assertThat(a)
          .isEqualTo(new HitDocumentCache.ParentFields("a", "Title a", Map.of(), 1, "text of a"));
      assertThat(cache.parent(searcher, stored, 0)).as("second read of a").isSameAs(a);
      assertThat(cache.parent(searcher, stored, 1).id()).isEqualTo("b");
      assertThat(cache.size()).isEqualTo(2);
      // full: the third entry makes room first
      assertThat(cache.parent(searcher, stored, 2).id()).isEqualTo("c");
      assertThat(cache.size()).isEqualTo(2);
      reader.close();
      assertThat(cache.size()).as("entries after the segment closed").isZero();
    }
  }

  @Test
  void capacityZeroCachesNothing() throws IOException {
    HitDocumentCache cache = new HitDocumentCache(0);
    try (Directory directory = threeDocuments();
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      var stored = searcher.storedFields();
      HitDocumentCache.ParentFields first = cache.parent(searcher, stored, 1);
      assertThat(cache.parent(searcher, stored, 1)).isEqualTo(first).isNotSameAs(first);
      assertThat(cache.size()).isZero();
    }
  }
}
