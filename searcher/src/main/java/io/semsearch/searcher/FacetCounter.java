package io.semsearch.searcher;

import io.semsearch.index.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.IndexSearcher;

/**
 * Counts metadata values over ranked documents: for each {@code meta.*} keyword field, how many of
 * the documents hold each value, from the fields' sorted-set doc values (no stored fields read).
 */
final class FacetCounter {

  private FacetCounter() {}

  /**
   * The {@code size} most frequent values of each metadata field among {@code documents}, most
   * frequent first and then by value; fields no document holds are left out. Keys are the metadata
   * names without the {@code meta.} prefix, sorted.
   */
  static Map<String, Map<String, Long>> count(
      IndexSearcher searcher, List<Candidate> documents, int size) throws IOException {
    List<String> fields = new ArrayList<>();
    for (FieldInfo info : FieldInfos.getMergedFieldInfos(searcher.getIndexReader())) {
      if (info.name.startsWith(IndexFields.META_PREFIX)
          && info.getDocValuesType() == DocValuesType.SORTED_SET) {
        fields.add(info.name);
      }
    }
    // in doc order, so each field's doc values are read forwards with one iterator per segment
    int[] docs = documents.stream().mapToInt(Candidate::parent).sorted().toArray();
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (String field : fields) {
      Map<String, Long> values = new HashMap<>();
      LeafReaderContext leaf = null;
      SortedSetDocValues dv = null;
      for (int doc : docs) {
        if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
          leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
          dv = leaf.reader().getSortedSetDocValues(field);
        }
        if (dv == null || !dv.advanceExact(doc - leaf.docBase)) {
          continue;
        }
        for (int i = 0; i < dv.docValueCount(); i++) {
          values.merge(dv.lookupOrd(dv.nextOrd()).utf8ToString(), 1L, Long::sum);
        }
      }
      if (!values.isEmpty()) {
        counts.put(
            field.substring(IndexFields.META_PREFIX.length()), FacetCounts.top(values, size));
      }
    }
    return counts;
  }
}
