package io.semsearch.indexer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.index.IndexFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Builds the Lucene block of one document: one child per passage (vector, passage text and offsets,
 * metadata for filtering) followed by the parent (id, title, text for BM25, content hash,
 * metadata). See {@link IndexFields}.
 */
final class DocumentBlock {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A passage of a document with its vector. */
  record EmbeddedPassage(String text, int start, int end, float[] vector) {}

  private DocumentBlock() {}

  static List<Document> build(
      String id,
      String title,
      String text,
      Map<String, Object> metadata,
      String contentHash,
      List<EmbeddedPassage> passages,
      VectorSimilarityFunction similarity) {
    List<Document> block = new ArrayList<>(passages.size() + 1);
    for (int i = 0; i < passages.size(); i++) {
      EmbeddedPassage p = passages.get(i);
      Document child = new Document();
      child.add(new StringField(IndexFields.DOC_ID, id, Field.Store.NO));
      child.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_PASSAGE, Field.Store.NO));
      child.add(new KnnFloatVectorField(IndexFields.VECTOR, p.vector(), similarity));
      child.add(new StoredField(IndexFields.PASSAGE_TEXT, p.text()));
      child.add(new StoredField(IndexFields.PASSAGE_INDEX, i));
      child.add(new StoredField(IndexFields.PASSAGE_START, p.start()));
      child.add(new StoredField(IndexFields.PASSAGE_END, p.end()));
      addMetadata(child, metadata);
      block.add(child);
    }
    Document parent = new Document();
    parent.add(new StringField(IndexFields.DOC_ID, id, Field.Store.YES));
    parent.add(new StringField(IndexFields.TYPE, IndexFields.TYPE_DOC, Field.Store.NO));
    if (title != null) {
      parent.add(new TextField(IndexFields.TITLE, title, Field.Store.YES));
    }
    parent.add(new TextField(IndexFields.TEXT, text, Field.Store.YES));
    parent.add(new StringField(IndexFields.CONTENT_HASH, contentHash, Field.Store.YES));
    parent.add(new StoredField(IndexFields.PASSAGE_COUNT, passages.size()));
    if (!metadata.isEmpty()) {
      try {
        parent.add(new StoredField(IndexFields.METADATA_JSON, JSON.writeValueAsString(metadata)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "document " + id + ": metadata can't be written as JSON", e);
      }
    }
    addMetadata(parent, metadata);
    block.add(parent);
    return block;
  }

  private static void addMetadata(Document doc, Map<String, Object> metadata) {
    for (Map.Entry<String, Object> e : metadata.entrySet()) {
      Object value = e.getValue();
      if (value == null) {
        continue;
      }
      doc.add(
          new KeywordField(IndexFields.META_PREFIX + e.getKey(), value.toString(), Field.Store.NO));
      if (value instanceof Number number) {
        doc.add(
            new DoubleField(
                IndexFields.NUMERIC_PREFIX + e.getKey(), number.doubleValue(), Field.Store.NO));
      }
    }
  }
}
