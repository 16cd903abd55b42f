package io.semsearch.index;

import io.semsearch.encoder.Cancellation;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The write side of one index, as a long-running process (a server) uses it: small batches of
 * documents added or replaced, and documents deleted, each call committed before it returns. The
 * indexer implements it; search backends take it, so that readers never depend on the write
 * pipeline. Implementations serialize calls; one instance owns the index's single writer.
 */
public interface IndexWrites extends Closeable {

  /**
   * Adds or replaces {@code documents} (unchanged ones are not embedded again) and commits.
   *
   * @throws IOException if embedding or writing fails; nothing of the batch is then committed
   */
  WriteSummary upsert(List<IndexDocument> documents) throws IOException;

  /**
   * As {@link #upsert(List)}, given up when {@code cancellation} says so before the commit: then
   * the batch is rolled back and nothing of it is committed. Once committing, the write completes.
   * This default asks once, before writing.
   *
   * @throws java.util.concurrent.CancellationException if cancelled, with its reason
   */
  default WriteSummary upsert(List<IndexDocument> documents, Cancellation cancellation)
      throws IOException {
    cancellation.check();
    return upsert(documents);
  }

  /**
   * Deletes the documents (all their passages) with these ids and commits.
   *
   * @return how many of the ids were live documents of the index
   */
  long delete(Collection<String> ids) throws IOException;

  /**
   * Why writes are failing: the failure of the last write, in one line, when it failed for a reason
   * of the index or the machine (a full disk, a lock held by another writer), until a write
   * succeeds (an implementation may also clear it once it finds the cause gone); empty when writes
   * work (or none was tried). Bad input does not count.
   */
  default Optional<String> writeFailure() {
    return Optional.empty();
  }
}
