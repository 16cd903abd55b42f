package io.semsearch.web;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Embeddings of recent search queries, by query text, so that paging through results, following a
 * shared link or a popular query does not embed the same text again. The server's model never
 * changes while it runs, so an entry is never stale.
 *
 * <p>Bounded by {@code capacity} entries: when full, about an eighth of the entries are dropped in
 * hash order (cheap, lock-free, and fair enough for a cache whose misses cost one embedding). A
 * capacity of 0 disables it. Two concurrent misses on one text both embed it (they usually share an
 * encoder batch). Cached vectors are shared: callers must not change them.
 */
final class QueryVectorCache {

  private final int capacity;
  private final ConcurrentHashMap<String, float[]> vectors;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  QueryVectorCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be at least 0, got: " + capacity);
    }
    this.capacity = capacity;
    this.vectors = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
  }

  /** The vector of {@code query}: the cached one, else {@code embed}'s, then cached. */
  float[] get(String query, Function<String, float[]> embed) {
    if (capacity == 0) {
      misses.increment();
      return embed.apply(query);
    }
    float[] vector = vectors.get(query);
    if (vector != null) {
      hits.increment();
      return vector;
    }
    misses.increment();
    vector = embed.apply(query);
    if (vectors.size() >= capacity) {
      evictAnEighth();
    }
    vectors.put(query, vector);
    return vector;
  }

  private void evictAnEighth() {
    int drop = Math.max(1, capacity / 8);
    Iterator<String> keys = vectors.keySet().iterator();
    while (drop-- > 0 && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }

  /** Entries held now. */
  int size() {
    return vectors.size();
  }

  /** Lookups answered from the cache. */
  long hits() {
    return hits.sum();
  }

  /** Lookups that embedded the query. */
  long misses() {
    return misses.sum();
  }
}
