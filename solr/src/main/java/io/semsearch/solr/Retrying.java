package io.semsearch.solr;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request to the cluster again while it fails for a transient reason: the node is down or
 * unreachable, a shard has no leader yet (503), or the server failed (5xx). Bad requests (4xx) are
 * not retried. Waits grow from {@code initialBackoffMillis}, doubling up to 5 s, with jitter, until
 * {@code attempts} tries were made. Every retried request must be idempotent, as semsearch's
 * updates are (documents replaced by key, deletes by key).
 */
record Retrying(int attempts, long initialBackoffMillis) {

  private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);

  private static final long MAX_BACKOFF_MILLIS = 5_000;

  /** About a minute of retries: long enough for a replica to take over a dead node's shards. */
  static final Retrying DEFAULT = new Retrying(14, 250);

  Retrying {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got: " + attempts);
    }
  }

  /** A request to the cluster. */
  interface Call<T> {
    T run() throws SolrServerException, IOException;
  }

  /**
   * Runs {@code call}, retrying transient failures.
   *
   * @param what the request in words, for the log and the error
   * @throws IOException naming {@code what} when the last try failed or the failure is not
   *     transient, with the failure as its cause
   */
  <T> T run(String what, Call<T> call) throws IOException {
    long backoff = initialBackoffMillis;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (SolrServerException | IOException | SolrException e) {
        if (!transientFailure(e) || attempt >= attempts) {
          throw new IOException(what + " failed: " + e.getMessage(), e);
        }
        LOG.warn("{} failed (try {} of {}), retrying: {}", what, attempt, attempts, e.toString());
        sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  /** Whether a failure may pass by itself (the request is worth sending again). */
  static boolean transientFailure(Exception e) {
    if (e instanceof SolrException s) {
      int code = s.code();
      return code >= 500 || code <= 0 || code == 409;
    }
    return true;
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to retry", e);
    }
  }
}
