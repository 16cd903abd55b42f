package io.semsearch.mining;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.mining.ExactParaphraseMiner.TopK;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times exact and approximate paraphrase mining on synthetic clustered unit vectors (not embeddings
 * of real text) and measures the approximate miner's recall against the exact one. Run it through
 * {@code scripts/bench-mining.sh}; arguments:
 *
 * <pre>
 *   [sizes=10000,50000,100000] [threads=2] [engineTopKUpTo=10000] [numCandidates=200] [dimension=384]
 * </pre>
 *
 * Every size runs the exact miner (CPU layout: symmetric tiles, top-k in Java) with
 * sentence-transformers' default settings, then the approximate one (HNSW M 16, beam 100) with the
 * same settings; sizes up to {@code engineTopKUpTo} also run the exact miner with
 * sentence-transformers' layout and the engine's top-k, for comparison; {@code numCandidates} 0
 * skips the approximate miner. Not a test: its name keeps surefire away.
 */
public final class MiningBenchmark {

  private static final long SEED = 20261128L;

  /** The factory sets the engine's defaults (offline, one inter-op thread) before it loads. */
  private static final SimilarityKernel CPU = SentenceEncoders.similarityKernel(DeviceSpec.CPU);

  private MiningBenchmark() {}

  /** One size's measurements. */
  record Row(
      int size,
      double exactSeconds,
      int exactPairs,
      double engineSeconds,
      double approximateBuildSeconds,
      double approximateSeconds,
      int approximatePairs,
      double recall) {}

  public static void main(String[] args) throws IOException {
    int[] sizes =
        Arrays.stream((args.length > 0 ? args[0] : "10000,50000,100000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int engineUpTo = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int numCandidates = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    int dimension = args.length > 4 ? Integer.parseInt(args[4]) : 384;
    MiningSettings settings = MiningSettings.defaults();
    say(
        "settings %s, %d threads, synthetic clustered unit vectors of dimension %d, HNSW M 16 beam"
            + " 100 candidates %d",
        settings, threads, dimension, numCandidates);
    // warm-up: engine load, JIT
    float[][] warm = vectors(2000, dimension, SEED - 1);
    new ExactParaphraseMiner(settings, CPU, threads).mine(warm);
    if (numCandidates > 0) {
      new ApproximateParaphraseMiner(settings, 16, 100, numCandidates, threads).mine(warm);
    }
    List<Row> rows = new ArrayList<>();
    for (int size : sizes) {
      rows.add(run(size, dimension, threads, engineUpTo, numCandidates, settings));
    }
    say("");
    say(
        "| N | exact (s) | exact pairs | exact, ST layout + engine top-k (s) | approximate build"
            + " (s) | approximate total (s) | approximate pairs | recall |");
    say("|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      say(
          "| %,d | %.1f | %,d | %s | %.1f | %.1f | %,d | %.4f |",
          r.size(),
          r.exactSeconds(),
          r.exactPairs(),
          Double.isNaN(r.engineSeconds())
              ? "-"
              : String.format(Locale.ROOT, "%.1f", r.engineSeconds()),
          r.approximateBuildSeconds(),
          r.approximateSeconds(),
          r.approximatePairs(),
          r.recall());
    }
    say("peak resident memory: %s", peakResident());
  }

  static Row run(
      int size,
      int dimension,
      int threads,
      int engineUpTo,
      int numCandidates,
      MiningSettings settings)
      throws IOException {
    float[][] vectors = vectors(size, dimension, SEED + size);
    long start = System.nanoTime();
    List<ParaphrasePair> exact = new ExactParaphraseMiner(settings, CPU, threads).mine(vectors);
    double exactSeconds = seconds(start);
    say(
        "N %,d: exact %.1f s, %,d pairs (best %.4f, last %.4f); load average %s",
        size,
        exactSeconds,
        exact.size(),
        exact.get(0).score(),
        exact.get(exact.size() - 1).score(),
        loadAverage());
    double engineSeconds = Double.NaN;
    if (size <= engineUpTo) {
      start = System.nanoTime();
      List<ParaphrasePair> engine =
          new ExactParaphraseMiner(settings, CPU, threads, TopK.ENGINE).mine(vectors);
      engineSeconds = seconds(start);
      say(
          "N %,d: exact, ST layout + engine top-k %.1f s, %,d pairs, recall vs Java layout %.6f",
          size, engineSeconds, engine.size(), MiningRecall.recall(exact, engine));
    }
    if (numCandidates == 0) {
      return new Row(
          size, exactSeconds, exact.size(), engineSeconds, Double.NaN, Double.NaN, 0, Double.NaN);
    }
    long[] built = {0};
    long approximateStart = System.nanoTime();
    List<ParaphrasePair> approximate =
        new ApproximateParaphraseMiner(settings, 16, 100, numCandidates, threads)
            .mine(
                vectors,
                MiningInput.identity(size),
                (done, total) -> {
                  if (done == size && built[0] == 0) {
                    built[0] = System.nanoTime();
                  }
                });
    double approximateSeconds = seconds(approximateStart);
    double buildSeconds = (built[0] - approximateStart) / 1e9;
    double recall = MiningRecall.recall(exact, approximate);
    say(
        "N %,d: approximate %.1f s (graph %.1f s), %,d pairs, recall %.4f; load average %s",
        size, approximateSeconds, buildSeconds, approximate.size(), recall, loadAverage());
    return new Row(
        size,
        exactSeconds,
        exact.size(),
        engineSeconds,
        buildSeconds,
        approximateSeconds,
        approximate.size(),
        recall);
  }

  /**
   * {@code size} unit vectors: {@code size / 20} random Gaussian centres, each point a centre plus
   * Gaussian noise of the same spread (cosine about 0.7 to its centre, about 0.5 to another point
   * of its cluster, about 0 across clusters).
   */
  static float[][] vectors(int size, int dimension, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int clusters = Math.max(1, size / 20);
    float[][] centres = new float[clusters][dimension];
    for (float[] c : centres) {
      for (int d = 0; d < dimension; d++) {
        c[d] = (float) gaussian(random);
      }
    }
    float[][] vectors = new float[size][dimension];
    for (int i = 0; i < size; i++) {
      float[] centre = centres[random.nextInt(clusters)];
      double norm = 0;
      for (int d = 0; d < dimension; d++) {
        float x = (float) (centre[d] + gaussian(random));
        vectors[i][d] = x;
        norm += x * x;
      }
      float scale = (float) (1 / Math.sqrt(norm));
      for (int d = 0; d < dimension; d++) {
        vectors[i][d] *= scale;
      }
    }
    return vectors;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller, one of the two values
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** The machine's 1, 5 and 15 minute load averages: other work on a shared machine shows here. */
  private static String loadAverage() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    return Files.exists(loadavg)
        ? String.join(" ", Arrays.asList(Files.readString(loadavg).trim().split(" ")).subList(0, 3))
        : "unknown";
  }

  private static String peakResident() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown";
    }
    return Files.readAllLines(status).stream()
        .filter(l -> l.startsWith("VmHWM"))
        .map(l -> l.substring(6).trim())
        .findFirst()
        .orElse("unknown");
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
