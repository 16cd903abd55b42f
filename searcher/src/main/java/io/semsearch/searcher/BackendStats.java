package io.semsearch.searcher;

import io.semsearch.index.IndexMetadata;

/**
 * What a {@link SearchBackend}'s index holds now and how it was built.
 *
 * @param location where the index is: a folder for the embedded index
 * @param documents live documents
 * @param passages live passages (vectors)
 * @param segments segments (or shards) the index is split into
 * @param sizeBytes size of the index on disk
 * @param build how the index was built
 */
public record BackendStats(
    String location, long documents, long passages, int segments, long sizeBytes, Build build) {

  /**
   * How an index was built.
   *
   * @param modelId the model's id
   * @param modelFingerprint hash of the model's weights and configuration
   * @param dimension vector dimension
   * @param similarity vector similarity, as the index names it ({@code COSINE}, {@code
   *     DOT_PRODUCT})
   * @param maxSeqLength tokens per passage at most
   * @param passageOverlapTokens tokens shared by consecutive passages
   * @param hnswM HNSW maximum connections per node
   * @param beamWidth HNSW beam width while building
   * @param quantization vector storage ({@code none}, {@code int8}, ...)
   * @param semsearchVersion version that wrote the last commit
   */
  public record Build(
      String modelId,
      String modelFingerprint,
      int dimension,
      String similarity,
      int maxSeqLength,
      int passageOverlapTokens,
      int hnswM,
      int beamWidth,
      String quantization,
      String semsearchVersion) {

    /** The build an index's metadata records. */
    public static Build of(IndexMetadata m) {
      return new Build(
          m.modelId(),
          m.modelFingerprint(),
          m.dimension(),
          m.similarity().name(),
          m.maxSeqLength(),
          m.passageOverlapTokens(),
          m.hnswM(),
          m.beamWidth(),
          m.quantization().label(),
          m.semsearchVersion());
    }
  }
}
