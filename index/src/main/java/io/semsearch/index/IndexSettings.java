package io.semsearch.index;

/**
 * How an index is built. Defaults follow Lucene's ({@code M} 16, beam width 100).
 *
 * @param hnswM neighbours per HNSW node (Lucene's maxConn)
 * @param beamWidth candidates kept while inserting into the graph
 * @param quantization how vectors are stored
 * @param mergeThreads threads that merge HNSW graphs of segments (1 = merge on the writer's thread)
 * @param commitEvery documents between commits; a crash loses at most this many documents' work
 * @param passageOverlapTokens tokens shared by consecutive passages of a long document
 * @param forceMerge whether to merge the index to one segment at the end
 * @param deleteMissing whether documents absent from the corpus are deleted from the index
 */
public record IndexSettings(
    int hnswM,
    int beamWidth,
    Quantization quantization,
    int mergeThreads,
    int commitEvery,
    int passageOverlapTokens,
    boolean forceMerge,
    boolean deleteMissing) {

  /** Lucene's default maximum connections per HNSW node. */
  public static final int DEFAULT_M = 16;

  /** Lucene's default beam width while building the graph. */
  public static final int DEFAULT_BEAM_WIDTH = 100;

  /** Validates every value, naming the bad one. */
  public IndexSettings {
    if (hnswM < 2 || hnswM > 512) {
      throw new IllegalArgumentException("hnsw-m must be in 2..512, got: " + hnswM);
    }
    if (beamWidth < 1 || beamWidth > 3200) {
      throw new IllegalArgumentException("hnsw-beam-width must be in 1..3200, got: " + beamWidth);
    }
    if (quantization == null) {
      throw new IllegalArgumentException("quantization must not be null");
    }
    if (mergeThreads < 1 || mergeThreads > 64) {
      throw new IllegalArgumentException("merge threads must be in 1..64, got: " + mergeThreads);
    }
    if (commitEvery < 1) {
      throw new IllegalArgumentException("commit-every must be at least 1, got: " + commitEvery);
    }
    if (passageOverlapTokens < 0) {
      throw new IllegalArgumentException(
          "passage overlap must be at least 0, got: " + passageOverlapTokens);
    }
  }

  /**
   * Defaults: M 16, beam 100, no quantization, 1 merge thread, commit every 10,000 documents, 32
   * overlap tokens.
   */
  public static IndexSettings defaults() {
    return new IndexSettings(
        DEFAULT_M, DEFAULT_BEAM_WIDTH, Quantization.NONE, 1, 10_000, 32, false, false);
  }

  /** Returns a copy with other HNSW parameters. */
  public IndexSettings withHnsw(int m, int beam) {
    return new IndexSettings(
        m,
        beam,
        quantization,
        mergeThreads,
        commitEvery,
        passageOverlapTokens,
        forceMerge,
        deleteMissing);
  }

  /** Returns a copy with another quantization. */
  public IndexSettings withQuantization(Quantization value) {
    return new IndexSettings(
        hnswM,
        beamWidth,
        value,
        mergeThreads,
        commitEvery,
        passageOverlapTokens,
        forceMerge,
        deleteMissing);
  }

  /** Returns a copy committing every {@code documents} documents. */
  public IndexSettings withCommitEvery(int documents) {
    return new IndexSettings(
        hnswM,
        beamWidth,
        quantization,
        mergeThreads,
        documents,
        passageOverlapTokens,
        forceMerge,
        deleteMissing);
  }

  /** Returns a copy with other merge settings. */
  public IndexSettings withMerging(int threads, boolean forceMergeAtEnd) {
    return new IndexSettings(
        hnswM,
        beamWidth,
        quantization,
        threads,
        commitEvery,
        passageOverlapTokens,
        forceMergeAtEnd,
        deleteMissing);
  }

  /** Returns a copy with another passage overlap. */
  public IndexSettings withPassageOverlap(int tokens) {
    return new IndexSettings(
        hnswM,
        beamWidth,
        quantization,
        mergeThreads,
        commitEvery,
        tokens,
        forceMerge,
        deleteMissing);
  }

  /**
   * Returns a copy with the HNSW, quantization and passage settings an existing index was built
   * with, the ones the indexer requires when appending to it.
   */
  public IndexSettings withBuildSettingsOf(IndexMetadata index) {
    return new IndexSettings(
        index.hnswM(),
        index.beamWidth(),
        index.quantization(),
        mergeThreads,
        commitEvery,
        index.passageOverlapTokens(),
        forceMerge,
        deleteMissing);
  }

  /** Returns a copy that deletes documents missing from the corpus, or not. */
  public IndexSettings withDeleteMissing(boolean value) {
    return new IndexSettings(
        hnswM,
        beamWidth,
        quantization,
        mergeThreads,
        commitEvery,
        passageOverlapTokens,
        forceMerge,
        value);
  }
}
