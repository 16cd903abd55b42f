package io.semsearch.solr;

import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexVectors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.solr.client.solrj.SolrQuery;

/**
 * Every passage vector of a collection with the document it belongs to: the input of paraphrase
 * mining over a collection ({@code mine --solr URL --collection NAME}), as {@link IndexVectors}
 * reads it from a local index.
 *
 * <p>Strategy: two cursor scans of the committed collection, one over the passages (document id,
 * passage number, stored vector) and one over the documents (id, title, text for the title); the
 * vectors are then ordered by document id and passage number, so that a collection gives the same
 * order whatever its sharding. Memory: the vectors and one title per document.
 */
public final class SolrVectors {

  private SolrVectors() {}

  /**
   * Reads the vectors of {@code collection}.
   *
   * @throws IOException if the cluster can't be read, or a passage's document is missing
   */
  public static IndexVectors read(SolrCollection collection) throws IOException {
    Map<String, SortedMap<Integer, float[]>> byDocument = new TreeMap<>();
    SolrQuery passages = new SolrQuery("*:*");
    passages.addFilterQuery(SolrFields.passages());
    passages.setFields(IndexFields.DOC_ID, IndexFields.PASSAGE_INDEX, IndexFields.VECTOR);
    SolrCursor.forEach(
        collection,
        passages,
        "reading the passage vectors",
        p ->
            byDocument
                .computeIfAbsent(
                    (String) p.getFirstValue(IndexFields.DOC_ID), id -> new TreeMap<>())
                .put(
                    ((Number) p.getFirstValue(IndexFields.PASSAGE_INDEX)).intValue(),
                    vector(p.getFieldValues(IndexFields.VECTOR))));
    Map<String, String> titles = new HashMap<>();
    SolrQuery documents = new SolrQuery("*:*");
    documents.addFilterQuery(SolrFields.documents());
    documents.setFields(IndexFields.DOC_ID, IndexFields.TITLE, IndexFields.TEXT);
    SolrCursor.forEach(
        collection,
        documents,
        "reading the document titles",
        d ->
            titles.put(
                (String) d.getFirstValue(IndexFields.DOC_ID),
                IndexVectors.titleOf(
                    (String) d.getFirstValue(IndexFields.TITLE),
                    String.valueOf(d.getFirstValue(IndexFields.TEXT)))));
    List<float[]> vectors = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (Map.Entry<String, SortedMap<Integer, float[]>> doc : byDocument.entrySet()) {
      String title = titles.get(doc.getKey());
      if (title == null) {
        // a block is written and deleted whole, so this is a collection not written by semsearch
        throw new IOException(
            collection.location() + ": passages of document " + doc.getKey() + " but no document");
      }
      for (float[] v : doc.getValue().values()) {
        vectors.add(v);
        groups.add(ids.size());
      }
      ids.add(doc.getKey());
      shown.add(title);
    }
    return new IndexVectors(
        vectors.toArray(float[][]::new),
        groups.stream().mapToInt(Integer::intValue).toArray(),
        List.copyOf(ids),
        List.copyOf(shown));
  }

  /** A stored vector field's values as floats. */
  static float[] vector(Collection<Object> values) {
    float[] v = new float[values.size()];
    int i = 0;
    for (Object x : values) {
      v[i++] = ((Number) x).floatValue();
    }
    return v;
  }
}
