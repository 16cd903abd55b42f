package io.semsearch.spark;

import io.semsearch.index.IndexSettings;
import io.semsearch.solr.CollectionLayout;
import io.semsearch.solr.SolrCollection;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Where and how the feed job writes: a collection of a SolrCloud cluster, with the build settings
 * and layout of {@code semsearch index --solr} for a collection that does not exist yet.
 *
 * @param urls one or more Solr base URLs, comma-separated
 * @param collection the collection's name
 * @param shards shards of a new collection
 * @param replicas replicas of each shard of a new collection
 * @param hnswM HNSW neighbours per node
 * @param beamWidth HNSW build beam
 * @param overlapTokens tokens shared by consecutive passages
 * @param batchSize documents embedded and sent together
 */
public record SolrTarget(
    String urls,
    String collection,
    int shards,
    int replicas,
    int hnswM,
    int beamWidth,
    int overlapTokens,
    int batchSize)
    implements Serializable {

  /** Checks the values on the driver, naming the bad one. */
  public SolrTarget {
    checkLocation(urls, collection);
    layoutOf(shards, replicas);
    settingsOf(hnswM, beamWidth, overlapTokens);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got: " + batchSize);
    }
  }

  /** {@code index --solr}'s defaults for a collection at {@code urls}. */
  public static SolrTarget of(String urls, String collection) {
    IndexSettings d = IndexSettings.defaults();
    CollectionLayout l = CollectionLayout.DEFAULT;
    return new SolrTarget(
        urls,
        collection,
        l.shards(),
        l.replicas(),
        d.hnswM(),
        d.beamWidth(),
        d.passageOverlapTokens(),
        256);
  }

  CollectionLayout layout() {
    return layoutOf(shards, replicas);
  }

  IndexSettings settings() {
    return settingsOf(hnswM, beamWidth, overlapTokens);
  }

  /** Connecting checks the URLs and the name; nothing is sent. */
  private static void checkLocation(String urls, String collection) {
    try {
      SolrCollection.connect(urls, collection).close();
    } catch (IOException e) {
      throw new UncheckedIOException("can't close a SolrJ client: " + e.getMessage(), e);
    }
  }

  private static CollectionLayout layoutOf(int shards, int replicas) {
    return new CollectionLayout(shards, replicas);
  }

  private static IndexSettings settingsOf(int hnswM, int beamWidth, int overlapTokens) {
    return IndexSettings.defaults().withHnsw(hnswM, beamWidth).withPassageOverlap(overlapTokens);
  }
}
