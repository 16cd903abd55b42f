package io.semsearch.mining;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of {@code threads - 1} named daemon threads plus the calling thread, for the Java
 * side of a mining run. One owner, closed by it.
 */
final class Workers implements AutoCloseable {

  private static final AtomicInteger RUNS = new AtomicInteger();

  private final int threads;
  private final ExecutorService pool;

  Workers(int threads) {
    this.threads = threads;
    int run = RUNS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1,
                r -> {
                  Thread t = new Thread(r, "semsearch-mining-" + run + "-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
  }

  /** The threads tasks run on, the caller included. */
  int threads() {
    return threads;
  }

  /**
   * Runs every task, the first on the calling thread and the others on the pool, and returns when
   * all are done.
   *
   * @throws IllegalStateException if interrupted (the interrupt flag is set again)
   * @throws RuntimeException a task's own runtime exception (or error), as thrown
   */
  void runAll(List<Runnable> tasks) {
    if (pool == null || tasks.size() == 1) {
      tasks.forEach(Runnable::run);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(tasks.size() - 1);
    for (Runnable task : tasks.subList(1, tasks.size())) {
      futures.add(pool.submit(task));
    }
    Throwable failure = null;
    try {
      tasks.get(0).run();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(other -> other.cancel(true));
        throw new IllegalStateException("interrupted while mining", e);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        }
      }
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("mining task failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
