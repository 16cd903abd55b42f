package io.semsearch.spark;

import io.semsearch.solr.SolrCollection;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SolrCloud connections of one executor JVM: one {@link SolrCollection} (one SolrJ client, with
 * its connection pool) per cluster and collection, opened by the first task that feeds it and
 * shared by every later task of that JVM (the client is thread-safe). One owner: this class closes
 * them when the JVM stops.
 */
final class ExecutorCollections {

  private static final Map<List<String>, SolrCollection> COLLECTIONS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    COLLECTIONS
                        .values()
                        .forEach(
                            c -> {
                              try {
                                c.close();
                              } catch (IOException e) {
                                // the JVM is stopping; nothing is left to write through it
                              }
                            }),
                "semsearch-solr-close"));
  }

  private ExecutorCollections() {}

  /** Collection {@code name} of the cluster at {@code urls}, connected on first use. */
  static SolrCollection collection(String urls, String name) {
    return COLLECTIONS.computeIfAbsent(
        List.of(urls, name), key -> SolrCollection.connect(key.get(0), key.get(1)));
  }
}
