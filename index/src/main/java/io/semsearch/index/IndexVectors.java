package io.semsearch.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.Bits;

/**
 * Every live passage vector of an index with the document it belongs to, read without a model: the
 * input of paraphrase mining over an index.
 *
 * @param vectors the passage vectors
 * @param groups {@code groups[i]} is the document of vector i, an index into {@code ids}
 * @param ids document ids, each once, in index order
 * @param titles each document's title, or the start of its text when it has none
 */
public record IndexVectors(float[][] vectors, int[] groups, List<String> ids, List<String> titles) {

  /** Characters of a document's text used as its title when it has none. */
  static final int TITLE_CHARS = 120;

  /** A document's title as mining shows it: the title, or the start of the text without one. */
  public static String titleOf(String title, String text) {
    if (title != null) {
      return title;
    }
    return text.length() <= TITLE_CHARS ? text : text.substring(0, TITLE_CHARS) + "…";
  }

  /**
   * Reads the vectors of the index in {@code indexDir}.
   *
   * @throws IOException if there is no semsearch index there, naming the folder
   */
  public static IndexVectors read(Path indexDir) throws IOException {
    IndexDirectory.requireMetadata(indexDir);
    List<float[]> vectors = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    try (Directory dir = FSDirectory.open(indexDir);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      BitSetProducer parents = IndexQueries.parents();
      Set<String> fields = Set.of(IndexFields.DOC_ID, IndexFields.TITLE, IndexFields.TEXT);
      for (LeafReaderContext leaf : reader.leaves()) {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
        if (values == null) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        BitSet parentBits = parents.getBitSet(leaf);
        StoredFields stored = leaf.reader().storedFields();
        Map<Integer, Integer> groupOfParent = new HashMap<>();
        KnnVectorValues.DocIndexIterator it = values.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          int parent = parentBits.nextSetBit(doc);
          Integer group = groupOfParent.get(parent);
          if (group == null) {
            group = ids.size();
            groupOfParent.put(parent, group);
            var d = stored.document(parent, fields);
            ids.add(d.get(IndexFields.DOC_ID));
            String title = d.get(IndexFields.TITLE);
            String text = d.get(IndexFields.TEXT);
            titles.add(titleOf(title, text));
          }
          vectors.add(values.vectorValue(it.index()).clone());
          groups.add(group);
        }
      }
    }
    return new IndexVectors(
        vectors.toArray(float[][]::new),
        groups.stream().mapToInt(Integer::intValue).toArray(),
        List.copyOf(ids),
        List.copyOf(titles));
  }
}
