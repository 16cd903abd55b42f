package io.semsearch.solr;

/**
 * How a new collection is spread over the cluster.
 *
 * @param shards shards the documents are split into
 * @param replicas copies of each shard (on distinct nodes where there are enough)
 */
public record CollectionLayout(int shards, int replicas) {

  /** Two shards of two replicas: every document on two nodes of a two-node cluster. */
  public static final CollectionLayout DEFAULT = new CollectionLayout(2, 2);

  /** Validates the counts. */
  public CollectionLayout {
    if (shards < 1 || shards > 1024) {
      throw new IllegalArgumentException("shards must be in 1..1024, got: " + shards);
    }
    if (replicas < 1 || replicas > 16) {
      throw new IllegalArgumentException("replicas must be in 1..16, got: " + replicas);
    }
  }
}
