package io.semsearch.searcher;

import io.semsearch.index.IndexFields;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;

/**
 * The stored fields that hits show, for the documents and passages most recently shown, so that a
 * document found again is not decompressed again: stored-field reads were about two thirds of the
 * CPU of a dense search on the sample corpus (each read decompresses a block).
 *
 * <p>Entries are keyed by segment core and segment-local doc id. A segment's documents never change
 * (an update deletes the old document and adds a new one, and deleted documents are never ranked),
 * so an entry is never stale; a segment's entries are dropped when it closes. At the capacity an
 * eighth of the entries, in hash order (in effect at random), make room: no lock is shared by
 * concurrent searches (a synchronized LRU map made searches wait on each other under load).
 */
final class HitDocumentCache {

  /**
   * What a hit shows of a document; {@code text} only for one-passage documents (their snippet).
   */
  record ParentFields(
      String id, String title, Map<String, Object> metadata, int passageCount, String text) {}

  /** What a hit shows of a passage of a longer document. */
  record PassageFields(String text, int index) {}

  private record Key(Object core, int doc) {}

  @FunctionalInterface
  private interface Loader<T> {
    T load(StoredFields stored, int doc) throws IOException;
  }

  private final int capacity;
  private final ConcurrentHashMap<Key, Object> entries = new ConcurrentHashMap<>();
  private final Set<Object> watchedCores = ConcurrentHashMap.newKeySet();

  /** A cache of at most about {@code capacity} documents and passages (0 caches nothing). */
  HitDocumentCache(int capacity) {
    this.capacity = capacity;
  }

  /** The shown fields of document {@code doc} (a parent doc id of {@code searcher}'s reader). */
  ParentFields parent(IndexSearcher searcher, StoredFields stored, int doc) throws IOException {
    return get(searcher, stored, doc, HitDocumentCache::loadParent);
  }

  /** The text and index of passage {@code doc} (a child doc id of {@code searcher}'s reader). */
  PassageFields passage(IndexSearcher searcher, StoredFields stored, int doc) throws IOException {
    return get(searcher, stored, doc, HitDocumentCache::loadPassage);
  }

  /** Entries held now. */
  int size() {
    return entries.size();
  }

  @SuppressWarnings("unchecked")
  private <T> T get(IndexSearcher searcher, StoredFields stored, int doc, Loader<T> loader)
      throws IOException {
    Key key = keyOf(searcher.getIndexReader(), doc);
    if (key == null || capacity == 0) {
      return loader.load(stored, doc);
    }
    Object cached = entries.get(key);
    if (cached != null) {
      return (T) cached;
    }
    T loaded = loader.load(stored, doc);
    if (entries.size() >= capacity) {
      makeRoom();
    }
    entries.put(key, loaded);
    return loaded;
  }

  private void makeRoom() {
    int keep = capacity - Math.max(1, capacity / 8);
    Iterator<Key> it = entries.keySet().iterator();
    while (entries.size() > keep && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /**
   * The segment core and segment-local id of {@code doc}, or null if the segment has no core key.
   */
  private Key keyOf(IndexReader reader, int doc) {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper == null) {
      return null;
    }
    Object core = helper.getKey();
    if (watchedCores.add(core)) {
      helper.addClosedListener(
          closed -> {
            entries.keySet().removeIf(k -> k.core() == closed);
            watchedCores.remove(closed);
          });
    }
    return new Key(core, doc - leaf.docBase);
  }

  private static ParentFields loadParent(StoredFields stored, int doc) throws IOException {
    Document parent = stored.document(doc, HitBuilder.PARENT_FIELDS_WITH_TEXT);
    int count = HitBuilder.passageCount(parent);
    return new ParentFields(
        parent.get(IndexFields.DOC_ID),
        parent.get(IndexFields.TITLE),
        HitBuilder.metadataOf(parent),
        count,
        count == 1 ? parent.get(IndexFields.TEXT).strip() : null);
  }

  private static PassageFields loadPassage(StoredFields stored, int doc) throws IOException {
    Document passage = stored.document(doc, HitBuilder.PASSAGE_FIELDS);
    return new PassageFields(
        passage.get(IndexFields.PASSAGE_TEXT),
        passage.getField(IndexFields.PASSAGE_INDEX).numericValue().intValue());
  }
}
