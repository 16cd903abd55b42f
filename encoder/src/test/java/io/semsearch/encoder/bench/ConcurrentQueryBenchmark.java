package io.semsearch.encoder.bench;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.builtin.DefaultModel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Query embeddings per second and latency percentiles with N concurrent callers, each embedding one
 * query at a time in a closed loop (as a search server's request threads do), without HTTP. Not a
 * test: run it with {@code scripts/bench-encoder-concurrent.sh}.
 *
 * <p>Arguments: {@code QUERIES_TSV [callers=1,8,32] [seconds=20] [batchSizes=8] [workers=2]
 * [warmupSeconds=10]}. Queries are the second column of the TSV (a header line is skipped).
 */
public final class ConcurrentQueryBenchmark {

  private ConcurrentQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> queries = readQueries(Path.of(args[0]));
    int[] callerCounts = ints(args.length > 1 ? args[1] : "1,8,32");
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 20;
    int[] batchSizes = ints(args.length > 3 ? args[3] : "8");
    int workers = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    double warmup = args.length > 5 ? Double.parseDouble(args[5]) : 10;
    System.out.printf(
        Locale.ROOT,
        "%d distinct queries, %d cores, %d worker(s) x 1 libtorch thread, %.0f s per row after %.0f"
            + " s warm-up%n",
        queries.size(),
        Runtime.getRuntime().availableProcessors(),
        workers,
        seconds,
        warmup);
    System.out.println("| batch size | callers | queries/s | p50 ms | p90 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int batchSize : batchSizes) {
      EncoderOptions options =
          EncoderOptions.defaults()
              .withDevice(DeviceSpec.parse("cpu"))
              .withBatchSize(batchSize)
              .withThreads(workers, 1);
      try (SentenceEncoder encoder =
          SentenceEncoders.open(TestModels.defaultModelFolder(), DefaultModel.ID, options)) {
        run(encoder, queries, callerCounts[callerCounts.length - 1], warmup);
        for (int callers : callerCounts) {
          Result r = run(encoder, queries, callers, seconds);
          System.out.printf(
              Locale.ROOT,
              "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
              batchSize,
              callers,
              r.rate(),
              r.percentile(50),
              r.percentile(90),
              r.percentile(99),
              r.percentile(100));
        }
      }
    }
  }

  private record Result(double rate, long[] sortedNanos) {
    double percentile(double p) {
      int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
      return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }
  }

  private static Result run(
      SentenceEncoder encoder, List<String> queries, int callers, double seconds)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<long[]> latencies = new ArrayList<>();
    int[] counts = new int[callers];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      long[] mine = new long[1 << 20];
      latencies.add(mine);
      int caller = c;
      Thread t =
          new Thread(
              () -> {
                int next = caller * 7;
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                while (!stop.get()) {
                  String query = queries.get(next++ % queries.size());
                  long t0 = System.nanoTime();
                  encoder.encode(List.of(query));
                  mine[counts[caller]++ & (mine.length - 1)] = System.nanoTime() - t0;
                }
              });
      threads.add(t);
      t.start();
    }
    long t0 = System.nanoTime();
    start.countDown();
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    int total = 0;
    for (int n : counts) {
      total += n;
    }
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < callers; c++) {
      System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    return new Result(total / elapsed, all);
  }

  private static List<String> readQueries(Path tsv) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      int tab = line.indexOf('\t');
      if (tab >= 0 && !line.substring(tab + 1).isBlank()) {
        out.add(line.substring(tab + 1).strip());
      }
    }
    return out;
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
