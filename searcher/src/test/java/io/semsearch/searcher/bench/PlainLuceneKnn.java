package io.semsearch.searcher.bench;

import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexQueries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The baselines of the search benchmark, on the same index as semsearch's search path: a plain
 * Lucene {@link KnnFloatVectorQuery} over the passage vectors ({@code numCandidates} nearest
 * passages, the best {@code k} kept), and the same with Lucene's block join ({@link
 * DiversifyingChildrenFloatKnnVectorQuery}, best passage per document); no stored fields, no
 * rescoring. Hits are mapped to document ids after the timed loop, for recall against the same
 * exact ranking.
 */
final class PlainLuceneKnn implements AutoCloseable {

  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final BitSetProducer parents = IndexQueries.parents();

  PlainLuceneKnn(Path index) throws IOException {
    dir = FSDirectory.open(index);
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
  }

  /** The top {@code k} of each query; {@code join}: best passage per document. */
  List<TopDocs> search(List<float[]> queries, int k, int numCandidates, boolean join)
      throws IOException {
    List<TopDocs> tops = new ArrayList<>(queries.size());
    for (float[] q : queries) {
      Query query =
          join
              ? new DiversifyingChildrenFloatKnnVectorQuery(
                  IndexFields.VECTOR, q, null, numCandidates, parents)
              : new KnnFloatVectorQuery(IndexFields.VECTOR, q, numCandidates);
      tops.add(searcher.search(query, k));
    }
    return tops;
  }

  /** The document ids of each result's passages, best first, each document once. */
  List<List<String>> ids(List<TopDocs> tops) throws IOException {
    StoredFields stored = searcher.storedFields();
    List<LeafReaderContext> leaves = reader.leaves();
    List<List<String>> ids = new ArrayList<>(tops.size());
    for (TopDocs top : tops) {
      Set<String> docs = new LinkedHashSet<>();
      for (ScoreDoc sd : top.scoreDocs) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        int parent = leaf.docBase + parents.getBitSet(leaf).nextSetBit(sd.doc - leaf.docBase);
        docs.add(stored.document(parent, Set.of(IndexFields.DOC_ID)).get(IndexFields.DOC_ID));
      }
      ids.add(List.copyOf(docs));
    }
    return ids;
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      dir.close();
    }
  }
}
