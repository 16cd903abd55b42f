package io.semsearch.mining;

import io.semsearch.encoder.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approximate paraphrase mining: each vector's best matches come from an HNSW graph instead of a
 * full scan, then go through the same rules as {@link ExactParaphraseMiner} (siblings skipped,
 * {@code topK + 1} matches per vector with the self match dropped, threshold,
 * sentence-transformers' {@code maxPairs} queue, directions merged, group pairs at their best
 * score, sorted).
 *
 * <p>Strategy:
 *
 * <ol>
 *   <li>Rows are normalized and a Lucene HNSW graph is built over them in memory ({@code hnswM}
 *       connections, {@code beamWidth} breadth while building, dot product), on one thread with a
 *       fixed seed: the same input always gives the same graph and the same pairs.
 *   <li>Each vector searches the graph with breadth {@code max(numCandidates, topK + 1)}; its
 *       siblings are filtered out during the search. The hits are rescored exactly (float dot
 *       product) and the best {@code topK + 1} kept, ties by the smaller index.
 *   <li>Searches run on the miner's threads, a block of rows at a time; blocks reach the pair queue
 *       in row order, so the result does not depend on the thread count.
 * </ol>
 *
 * <p>Unlike the exact miner there are no corpus chunks: the top-k is over all vectors, so the two
 * agree (up to recall) as long as the input has at most {@code corpusChunkSize} vectors; {@code
 * queryChunkSize} and {@code corpusChunkSize} are not used. Memory: the vectors twice plus the
 * graph, about {@code N x hnswM x 2} ints on the lowest level.
 */
public final class ApproximateParaphraseMiner implements ParaphraseMiner {

  private static final Logger LOG = LoggerFactory.getLogger(ApproximateParaphraseMiner.class);

  /** Seed of the graph's level assignment (Lucene's own default). */
  static final long GRAPH_SEED = 42L;

  /** Lucene's limits on a graph's connections and build breadth. */
  private static final int MAX_M = 512;

  private static final int MAX_BEAM_WIDTH = 3200;

  /** Rows searched before their matches go to the pair queue. */
  private static final int BLOCK = 1024;

  private final MiningSettings settings;
  private final int hnswM;
  private final int beamWidth;
  private final int numCandidates;
  private final int threads;

  /**
   * A miner searching with one thread per available core.
   *
   * @param hnswM connections per node ({@code HnswGraphBuilder.DEFAULT_MAX_CONN} is 16), 2 to 512
   * @param beamWidth breadth of the search while building (default 100), 1 to 3200
   * @param numCandidates breadth of each vector's search, at least 1 (raised to {@code topK + 1})
   * @throws IllegalArgumentException for a value out of range, naming it
   */
  public ApproximateParaphraseMiner(
      MiningSettings settings, int hnswM, int beamWidth, int numCandidates) {
    this(settings, hnswM, beamWidth, numCandidates, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A miner searching with {@code threads} threads (the graph is always built on one, for
   * repeatability).
   *
   * @throws IllegalArgumentException for a value out of range, naming it
   */
  public ApproximateParaphraseMiner(
      MiningSettings settings, int hnswM, int beamWidth, int numCandidates, int threads) {
    this.settings = Objects.requireNonNull(settings, "settings");
    if (hnswM < 2 || hnswM > MAX_M) {
      throw new IllegalArgumentException(
          "HNSW M must be between 2 and " + MAX_M + ", got: " + hnswM);
    }
    if (beamWidth < 1 || beamWidth > MAX_BEAM_WIDTH) {
      throw new IllegalArgumentException(
          "beam width must be between 1 and " + MAX_BEAM_WIDTH + ", got: " + beamWidth);
    }
    if (numCandidates < 1) {
      throw new IllegalArgumentException(
          "number of candidates must be at least 1, got: " + numCandidates);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got: " + threads);
    }
    this.hnswM = hnswM;
    this.beamWidth = beamWidth;
    this.numCandidates = numCandidates;
    this.threads = threads;
  }

  @Override
  public List<ParaphrasePair> mine(
      float[][] vectors, int[] groups, MiningProgress progress, Cancellation cancellation) {
    MiningInput input = MiningInput.of(vectors, groups);
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancellation, "cancellation");
    long start = System.nanoTime();
    LOG.info(
        "approximate paraphrase mining: {} vectors of dimension {}, {}, HNSW M {} beam {}"
            + " candidates {}, {} thread(s)",
        input.size,
        input.dimension,
        settings,
        hnswM,
        beamWidth,
        numCandidates,
        threads);
    PairCollector pairs = new PairCollector(input, settings.maxPairs(), settings.threshold());
    if (input.size > 1) {
      try {
        run(input, pairs, progress, cancellation);
      } catch (IOException e) {
        throw new UncheckedIOException("in-memory HNSW graph failed: " + e.getMessage(), e);
      }
    }
    List<ParaphrasePair> result = pairs.result();
    LOG.info(
        "approximate paraphrase mining: {} pairs in {} s",
        result.size(),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return result;
  }

  private void run(
      MiningInput input, PairCollector pairs, MiningProgress progress, Cancellation cancellation)
      throws IOException {
    int n = input.size;
    List<float[]> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(input.row(i));
    }
    RandomVectorScorerSupplier scorers =
        FlatVectorScorerUtil.getLucene99FlatVectorsScorer()
            .getRandomVectorScorerSupplier(
                VectorSimilarityFunction.DOT_PRODUCT,
                FloatVectorValues.fromFloats(rows, input.dimension));
    long buildStart = System.nanoTime();
    HnswGraphBuilder builder = HnswGraphBuilder.create(scorers, hnswM, beamWidth, GRAPH_SEED);
    for (int i = 0; i < n; i++) {
      builder.addGraphNode(i);
      if ((i + 1) % BLOCK == 0 || i + 1 == n) {
        progress.chunkDone(i + 1, 2L * n);
        cancellation.check();
      }
    }
    OnHeapHnswGraph graph = builder.getCompletedGraph();
    LOG.debug(
        "HNSW graph of {} nodes built in {} ms", n, (System.nanoTime() - buildStart) / 1_000_000);

    int places = Math.min(settings.topK() + 1, n);
    int breadth = Math.max(numCandidates, places);
    try (Workers workers = new Workers(threads)) {
      for (int from = 0; from < n; from += BLOCK) {
        cancellation.check();
        int to = Math.min(n, from + BLOCK);
        RowTopK top = new RowTopK(from, to - from, places);
        List<Runnable> tasks = new ArrayList<>();
        for (int p = 0; p < threads; p++) {
          int partFrom = from + (int) ((long) (to - from) * p / threads);
          int partTo = from + (int) ((long) (to - from) * (p + 1) / threads);
          if (partFrom < partTo) {
            tasks.add(() -> search(input, rows, scorers, graph, breadth, partFrom, partTo, top));
          }
        }
        workers.runAll(tasks);
        top.drainTo((i, j, score) -> pairs.offer(score, i, j));
        progress.chunkDone(n + (long) to, 2L * n);
      }
    }
  }

  /**
   * Searches the graph for rows [from, to) and keeps their best admissible matches in {@code top}.
   */
  private static void search(
      MiningInput input,
      List<float[]> rows,
      RandomVectorScorerSupplier scorers,
      OnHeapHnswGraph graph,
      int breadth,
      int from,
      int to,
      RowTopK top) {
    try {
      UpdateableRandomVectorScorer scorer = scorers.copy().scorer();
      for (int i = from; i < to; i++) {
        scorer.setScoringOrdinal(i);
        Bits accept = input.identityGroups ? null : new Siblings(input, i);
        KnnCollector hits =
            HnswGraphSearcher.search(scorer, breadth, graph, accept, Integer.MAX_VALUE);
        float[] query = rows.get(i);
        for (ScoreDoc hit : hits.topDocs().scoreDocs) {
          top.offer(i - top.firstRow, VectorUtil.dotProduct(query, rows.get(hit.doc)), hit.doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory HNSW search failed: " + e.getMessage(), e);
    }
  }

  /** Accepts every vector but the siblings of one. */
  private record Siblings(MiningInput input, int query) implements Bits {
    @Override
    public boolean get(int index) {
      return input.admissible(query, index);
    }

    @Override
    public int length() {
      return input.size;
    }
  }

  @Override
  public String toString() {
    return "ApproximateParaphraseMiner"
        + Arrays.asList(settings, hnswM, beamWidth, numCandidates, threads);
  }
}
