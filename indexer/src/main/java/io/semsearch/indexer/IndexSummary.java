package io.semsearch.indexer;

import java.util.Map;

/**
 * What an indexing run did.
 *
 * @param documentsRead good records read from the corpus
 * @param documentsIndexed new or changed documents embedded and written, repeats of an id not
 *     counted
 * @param documentsUnchanged documents whose content hash matched the index (not embedded again)
 * @param documentsReplaced documents whose id was read before in the same run: each replaced the
 *     earlier one, so the index holds one document per id
 * @param documentsDeleted documents removed because they were missing from the corpus
 * @param passagesIndexed passages (vectors) written
 * @param skipped bad records skipped, by reason
 * @param seconds wall time of the run
 * @param encodeSeconds time spent embedding passages (the encoder's calls)
 * @param writeSeconds time spent adding blocks to the index writer (HNSW insertion happens here)
 * @param commitSeconds time spent in commits, deletions and the final force-merge
 * @param indexBytes size of the index folder on disk at the end
 */
public record IndexSummary(
    long documentsRead,
    long documentsIndexed,
    long documentsUnchanged,
    long documentsReplaced,
    long documentsDeleted,
    long passagesIndexed,
    Map<String, Long> skipped,
    double seconds,
    double encodeSeconds,
    double writeSeconds,
    double commitSeconds,
    long indexBytes) {

  /** Copies the map. */
  public IndexSummary {
    skipped = Map.copyOf(skipped);
  }

  /** Bad records skipped, all reasons together. */
  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }
}
