package io.semsearch.searcher;

import io.semsearch.indexer.IndexFields;
import java.io.IOException;
import java.util.LinkedHashMap;
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
 * <p>Entries are keyed by segment core and segment-local doc id. A segment's documents never
 * change (an update deletes the old document and adds a new one, and deleted documents are never
 * ranked), so an entry is never stale; a segment's entries are dropped when it closes. Beyond the
 * capacity the least recently used entries go first. Safe for concurrent searches.
 */
final class HitDocumentCache {

  /** What a hit shows of a document; {@code text} only for one-passage documents (their snippet). */
  record ParentFields(String id, String title, Map<String, Object> metadata, int passageCount, String text) {}

  /** What a hit shows of a passage of a longer document. */
  record PassageFields(String text, int index) {}

  private record Key(Object core, int doc) {}

  @FunctionalInterface
  private interface Loader<T> {
    T load(StoredFields stored, int doc) throws IOException;
  }

  private final int capacity;
  private final Map<Key, Object> entries;
  private final Set<Object> watchedCores = ConcurrentHashMap.newKeySet();

  /** A cache of at most {@code capacity} documents and passages (0 caches nothing). */
  HitDocumentCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
        return size() > HitDocumentCache.this.capacity;
      }
    };
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
    synchronized (entries) {
      return entries.size();
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T get(IndexSearcher searcher, StoredFields stored, int doc, Loader<T> loader) throws IOException {
    Key key = keyOf(searcher.getIndexReader(), doc);
    if (key == null || capacity == 0) {
      return loader.load(stored, doc);
    }
    synchronized (entries) {
      Object cached = entries.get(key);
      if (cached != null) {
        return (T) cached;
      }
    }
    T loaded = loader.load(stored, doc);
    synchronized (entries) {
      entries.put(key, loaded);
    }
    return loaded;
  }

  /** The segment core and segment-local id of {@code doc}, or null if the segment has no core key. */
  private Key keyOf(IndexReader reader, int doc) {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
    if (helper == null) {
      return null;
    }
    Object core = helper.getKey();
    if (watchedCores.add(core)) {
      helper.addClosedListener(closed -> {
        synchronized (entries) {
          entries.keySet().removeIf(k -> k.core() == closed);
        }
        watchedCores.remove(closed);
      });
    }
    return new Key(core, doc - leaf.docBase);
  }

  private static ParentFields loadParent(StoredFields stored, int doc) throws IOException {
    Document parent = stored.document(doc, HitBuilder.PARENT_FIELDS_WITH_TEXT);
    int count = HitBuilder.passageCount(parent);
    return new ParentFields(parent.get(IndexFields.DOC_ID), parent.get(IndexFields.TITLE), HitBuilder.metadataOf(parent), count,
        count == 1 ? parent.get(IndexFields.TEXT).strip() : null);
  }

  private static PassageFields loadPassage(StoredFields stored, int doc) throws IOException {
    Document passage = stored.document(doc, HitBuilder.PASSAGE_FIELDS);
    return new PassageFields(passage.get(IndexFields.PASSAGE_TEXT), passage.getField(IndexFields.PASSAGE_INDEX).numericValue().intValue());
  }
}
