package io.semsearch.searcher.eval;

import io.semsearch.searcher.SearchBackend;
import io.semsearch.searcher.SearchHit;
import io.semsearch.searcher.SearchMode;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.SearchResults;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures HNSW search against exact search through semsearch's own search path (passage blocks,
 * rescoring, stored fields): recall@k of dense hits among the exact ones, and queries per second of
 * both, on query vectors given by the caller (embedded queries, or stored vectors as queries).
 */
public final class AnnEvaluator {

  /**
   * One measurement.
   *
   * @param queries queries run
   * @param k hits per query
   * @param numCandidates HNSW breadth
   * @param threads threads issuing queries
   * @param recall mean share of the exact top k that the dense top k holds
   * @param denseQps dense queries per second, all threads together
   * @param exactQps exact queries per second, all threads together
   */
  public record AnnReport(
      int queries,
      int k,
      int numCandidates,
      int threads,
      double recall,
      double denseQps,
      double exactQps) {}

  private static final int WARM_UP_ROUNDS = 3;

  private AnnEvaluator() {}

  /**
   * Runs every query once exactly and once through HNSW (after a short warm-up), {@code threads} at
   * a time.
   */
  public static AnnReport evaluate(
      SearchBackend searcher,
      List<float[]> queries,
      int k,
      int numCandidates,
      int threads,
      Filter filter)
      throws IOException {
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("no queries to evaluate");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got: " + threads);
    }
    SearchRequest base =
        SearchRequest.of("ann-evaluation")
            .withK(k)
            .withNumCandidates(numCandidates)
            .withFilter(filter);
    SearchRequest dense = base.withMode(SearchMode.DENSE);
    SearchRequest exact = base.withMode(SearchMode.EXACT);
    // warm-up: compile the search path before timing (a few hundred queries, about a second)
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      run(searcher, dense, queries.subList(0, Math.min(queries.size(), 100)), threads);
      run(searcher, exact, queries.subList(0, Math.min(queries.size(), 5)), threads);
    }
    long start = System.nanoTime();
    List<List<String>> exactIds = run(searcher, exact, queries, threads);
    double exactSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    List<List<String>> denseIds = run(searcher, dense, queries, threads);
    double denseSeconds = (System.nanoTime() - start) / 1e9;
    double recall = 0;
    for (int i = 0; i < queries.size(); i++) {
      recall += recall(exactIds.get(i), denseIds.get(i));
    }
    return new AnnReport(
        queries.size(),
        k,
        base.effectiveCandidates(),
        threads,
        recall / queries.size(),
        queries.size() / denseSeconds,
        queries.size() / exactSeconds);
  }

  /** The share of {@code truth} found in {@code found}; 1 when truth is empty. */
  public static double recall(List<String> truth, List<String> found) {
    if (truth.isEmpty()) {
      return 1.0;
    }
    Set<String> got = new HashSet<>(found);
    return truth.stream().filter(got::contains).count() / (double) truth.size();
  }

  private static List<List<String>> run(
      SearchBackend searcher, SearchRequest request, List<float[]> queries, int threads)
      throws IOException {
    List<List<String>> ids =
        new ArrayList<>(Collections.nCopies(queries.size(), List.<String>of()));
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i; (i = next.getAndIncrement()) < queries.size(); ) {
            try {
              SearchResults results = searcher.search(request, queries.get(i));
              ids.set(i, results.hits().stream().map(SearchHit::id).toList());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    if (threads == 1) {
      worker.run();
      return ids;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "semsearch-ann-eval");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException u
          ? u.getCause()
          : new IOException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return ids;
  }
}
