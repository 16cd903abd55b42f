package io.semsearch.searcher;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.util.BitSet;

/**
 * Knows which segments hold only documents of exactly one passage: blocks of two docs, passage then
 * document, so that documents sit at every odd doc id. In such a segment the best passage of each
 * document is its only one, and a plain kNN search over passages ranks the documents as the
 * block-join search does, without the join's per-document bookkeeping (about a tenth of the graph
 * search's CPU). Short-text corpora (titles, descriptions, questions) are all such segments.
 *
 * <p>The answer is computed once per segment (one pass over its document bits) and kept until the
 * segment closes: a segment's documents never change.
 */
final class SinglePassageSegments {

  private final BitSetProducer parents;
  private final Map<Object, Boolean> bySegment = new ConcurrentHashMap<>();

  /**
   * @param parents the documents (parents) of the block layout
   */
  SinglePassageSegments(BitSetProducer parents) {
    this.parents = parents;
  }

  /** Whether every segment of {@code reader} holds only one-passage documents. */
  boolean all(IndexReader reader) throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) {
      if (!of(leaf)) {
        return false;
      }
    }
    return true;
  }

  private boolean of(LeafReaderContext leaf) throws IOException {
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper == null) {
      return scan(leaf);
    }
    Object core = helper.getKey();
    Boolean known = bySegment.get(core);
    if (known != null) {
      return known;
    }
    boolean single = scan(leaf);
    if (bySegment.putIfAbsent(core, single) == null) {
      helper.addClosedListener(bySegment::remove);
    }
    return single;
  }

  /** Documents at every odd doc id and nowhere else. */
  private boolean scan(LeafReaderContext leaf) throws IOException {
    int maxDoc = leaf.reader().maxDoc();
    BitSet bits = parents.getBitSet(leaf);
    if (maxDoc % 2 != 0 || bits == null || bits.cardinality() != maxDoc / 2) {
      return false;
    }
    for (int doc = 1; doc < maxDoc; doc += 2) {
      if (!bits.get(doc)) {
        return false;
      }
    }
    return true;
  }
}
