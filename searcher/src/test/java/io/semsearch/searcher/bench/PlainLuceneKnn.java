package io.semsearch.searcher.bench;

import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexQueries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The baseline of the search benchmark: a plain Lucene {@link KnnFloatVectorQuery} over the passage
 * vectors of the same index ({@code numCandidates} nearest passages, the best {@code k} kept), one
 * thread, no block join, no stored fields, no rescoring. Its hits are mapped to document ids after
 * the timed loop, for recall against the same exact ranking.
 */
final class PlainLuceneKnn {

  /** Queries/s and the document ids found, per query. */
  record Result(double queriesPerSecond, List<List<String>> ids) {}

  private PlainLuceneKnn() {}

  static Result run(Path index, List<float[]> queries, int k, int numCandidates)
      throws IOException {
    try (Directory dir = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      for (int round = 0; round < 3; round++) {
        for (float[] q : queries.subList(0, Math.min(queries.size(), 100))) {
          searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, q, numCandidates), k);
        }
      }
      List<TopDocs> tops = new ArrayList<>(queries.size());
      long start = System.nanoTime();
      for (float[] q : queries) {
        tops.add(searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, q, numCandidates), k));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      BitSetProducer parents = IndexQueries.parents();
      StoredFields stored = searcher.storedFields();
      List<LeafReaderContext> leaves = reader.leaves();
      List<List<String>> ids = new ArrayList<>(queries.size());
      for (TopDocs top : tops) {
        Set<String> docs = new HashSet<>();
        for (ScoreDoc sd : top.scoreDocs) {
          LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
          int parent = leaf.docBase + parents.getBitSet(leaf).nextSetBit(sd.doc - leaf.docBase);
          docs.add(stored.document(parent, Set.of(IndexFields.DOC_ID)).get(IndexFields.DOC_ID));
        }
        ids.add(List.copyOf(docs));
      }
      return new Result(queries.size() / seconds, ids);
    }
  }
}
