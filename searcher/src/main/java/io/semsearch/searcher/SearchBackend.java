package io.semsearch.searcher;

import io.semsearch.encoder.Cancellation;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.WriteSummary;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where searches run and writes go: the one interface the web server and the command line use,
 * whatever holds the index. The embedded Lucene index ({@link LuceneSearchBackend}) is the first
 * implementation; a cluster can be another. Requests and results are engine-neutral records owned
 * by the searcher module; facets are part of a search ({@link SearchRequest#facetSize()}).
 *
 * <p>Implementations are safe for concurrent use. A write is visible to the next search once it
 * returns. A backend opened without a writer refuses writes with {@link ReadOnlyBackendException}.
 */
public interface SearchBackend extends AutoCloseable {

  /**
   * Runs {@code request}, embedding its query (except in lexical mode). Each hit carries its
   * document's best first-stage passages ({@link SearchHit#passages()}) when the request asks for
   * more than one ({@link SearchRequest#passagesPerHit()}) and the backend supports it; a backend
   * that does not says so in its documentation and leaves the list empty (the snippet is then the
   * only passage a second stage sees).
   *
   * @throws IOException if the index can't be read
   */
  SearchResults search(SearchRequest request) throws IOException;

  /**
   * Runs {@code request} with a query embedding the caller already has (dense, exact and hybrid
   * modes; hybrid still uses the query text for BM25), for example from a cache.
   *
   * @throws IllegalArgumentException if the vector's dimension is not the index's
   */
  SearchResults search(SearchRequest request, float[] queryVector) throws IOException;

  /** The stored document {@code id}, or empty when there is none. */
  Optional<StoredDocument> document(String id) throws IOException;

  /**
   * The {@code k} documents closest to document {@code id} that pass {@code filter} (null for
   * none), itself excluded.
   *
   * @return empty when there is no document {@code id}
   * @throws IllegalArgumentException if k is not in 1..{@value SearchRequest#MAX_K}
   */
  Optional<SearchResults> similar(String id, int k, Filter filter) throws IOException;

  /** What the index holds now and how it was built. */
  BackendStats stats() throws IOException;

  /**
   * Whether searches and writes can be served now: degraded, with the reason, while the index is
   * gone from where it was opened, or after a write failed for a reason of the index or the machine
   * until a write succeeds (or, for another writer's lock, until the lock is found free). Cheap
   * enough for a health check; never throws.
   */
  BackendHealth health();

  /**
   * Adds or replaces {@code documents}; unchanged ones are not embedded again.
   *
   * @throws ReadOnlyBackendException if the backend takes no writes
   * @throws IOException if embedding or writing fails; nothing of the batch is then visible
   */
  WriteSummary upsert(List<IndexDocument> documents) throws IOException;

  /**
   * As {@link #upsert(List)}, given up when {@code cancellation} says so while the write waits for
   * its turn or for the encoder: then nothing of the batch is written. A write that has started
   * committing completes. This default asks once, before writing.
   *
   * @throws java.util.concurrent.CancellationException if cancelled, with its reason
   */
  default WriteSummary upsert(List<IndexDocument> documents, Cancellation cancellation)
      throws IOException {
    cancellation.check();
    return upsert(documents);
  }

  /**
   * Deletes the documents (all their passages) with these ids; ids of no document are ignored.
   *
   * @return how many of the ids were documents of the index
   * @throws ReadOnlyBackendException if the backend takes no writes
   */
  long delete(Collection<String> ids) throws IOException;

  /**
   * As {@link #delete(Collection)}, given up when {@code cancellation} says so while the delete
   * waits for its turn: then nothing is deleted. This default asks once, before deleting.
   *
   * @throws java.util.concurrent.CancellationException if cancelled, with its reason
   */
  default long delete(Collection<String> ids, Cancellation cancellation) throws IOException {
    cancellation.check();
    return delete(ids);
  }

  /** Releases the index and the writer the backend was given. */
  @Override
  void close() throws IOException;
}
