package io.semsearch.mining;

/**
 * Settings of paraphrase mining, named and defaulted as in sentence-transformers' {@code
 * util.paraphrase_mining_embeddings}.
 *
 * @param topK for each vector, how many best matches are kept per corpus chunk (one more is taken
 *     to leave room for the vector's match with itself)
 * @param maxPairs bound on the pairs kept; the exact rule is sentence-transformers' (see {@link
 *     ExactParaphraseMiner}): at most {@code maxPairs - 1} directed pairs survive, and each pair
 *     can take two of those places, one per direction
 * @param threshold pairs scoring below it are dropped; {@link Double#NEGATIVE_INFINITY} keeps all
 * @param queryChunkSize rows of the score matrix computed at a time
 * @param corpusChunkSize columns of the score matrix a vector is compared against at a time; the
 *     {@code topK} rule applies per corpus chunk, so it changes the result once the input has more
 *     vectors than this
 */
public record MiningSettings(
    int topK, int maxPairs, double threshold, int queryChunkSize, int corpusChunkSize) {

  /** sentence-transformers' default {@code top_k}. */
  public static final int DEFAULT_TOP_K = 100;

  /** sentence-transformers' default {@code max_pairs}. */
  public static final int DEFAULT_MAX_PAIRS = 500_000;

  /** sentence-transformers' default {@code query_chunk_size}. */
  public static final int DEFAULT_QUERY_CHUNK_SIZE = 5000;

  /** sentence-transformers' default {@code corpus_chunk_size}. */
  public static final int DEFAULT_CORPUS_CHUNK_SIZE = 100_000;

  /**
   * Validates every field.
   *
   * @throws IllegalArgumentException naming the first bad value
   */
  public MiningSettings {
    if (topK < 1) {
      throw new IllegalArgumentException("top-k must be at least 1, got: " + topK);
    }
    if (maxPairs < 1) {
      throw new IllegalArgumentException("max pairs must be at least 1, got: " + maxPairs);
    }
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must be a number, got: " + threshold);
    }
    if (queryChunkSize < 1) {
      throw new IllegalArgumentException(
          "query chunk size must be at least 1, got: " + queryChunkSize);
    }
    if (corpusChunkSize < 1) {
      throw new IllegalArgumentException(
          "corpus chunk size must be at least 1, got: " + corpusChunkSize);
    }
  }

  /**
   * sentence-transformers' defaults: top-k 100, 500,000 pairs, no threshold, query chunks of 5,000
   * and corpus chunks of 100,000 vectors.
   */
  public static MiningSettings defaults() {
    return new MiningSettings(
        DEFAULT_TOP_K,
        DEFAULT_MAX_PAIRS,
        Double.NEGATIVE_INFINITY,
        DEFAULT_QUERY_CHUNK_SIZE,
        DEFAULT_CORPUS_CHUNK_SIZE);
  }

  /** A copy with another top-k. */
  public MiningSettings withTopK(int k) {
    return new MiningSettings(k, maxPairs, threshold, queryChunkSize, corpusChunkSize);
  }

  /** A copy with another bound on the pairs kept. */
  public MiningSettings withMaxPairs(int pairs) {
    return new MiningSettings(topK, pairs, threshold, queryChunkSize, corpusChunkSize);
  }

  /** A copy with another threshold. */
  public MiningSettings withThreshold(double minScore) {
    return new MiningSettings(topK, maxPairs, minScore, queryChunkSize, corpusChunkSize);
  }

  /** A copy with another query chunk size. */
  public MiningSettings withQueryChunkSize(int rows) {
    return new MiningSettings(topK, maxPairs, threshold, rows, corpusChunkSize);
  }

  /** A copy with another corpus chunk size. */
  public MiningSettings withCorpusChunkSize(int columns) {
    return new MiningSettings(topK, maxPairs, threshold, queryChunkSize, columns);
  }
}
