package io.semsearch.mining;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.SimilarityKernel.Columns;
import io.semsearch.encoder.SimilarityKernel.RowMatches;
import io.semsearch.encoder.SimilarityKernel.Session;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact paraphrase mining: every vector against every other, with the pairs sentence-transformers'
 * {@code util.paraphrase_mining_embeddings} returns for the same input and settings.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>Rows are normalized to unit length; scores are dot products in float (cosine similarity).
 *   <li>For each vector and each corpus chunk (consecutive runs of {@code corpusChunkSize}
 *       vectors), the best {@code min(topK + 1, chunk width)} matches are taken; the {@code + 1}
 *       leaves room for the vector's match with itself, which is then dropped. Ties are broken by
 *       the smaller index.
 *   <li>Pairs scoring under the threshold are dropped; the rest go through sentence-transformers'
 *       bounded queue (see below).
 *   <li>(i, j) and (j, i) are merged, and the pairs are sorted by score descending, then by first
 *       and second index.
 * </ol>
 *
 * <p><b>The {@code maxPairs} bound</b> is sentence-transformers' queue, reproduced rule for rule: a
 * min-heap of directed pairs ordered by (score, i, j); a pair enters only if it scores strictly
 * above the last pair pushed out (at first -1, so pairs scoring -1 or less never enter), and once
 * {@code maxPairs} pairs have entered, each entry pushes the smallest pair out. At most {@code
 * maxPairs - 1} directed pairs survive, and both directions of a pair usually do, so the result
 * holds about {@code maxPairs / 2} pairs once the bound is reached. Every pair scoring above the
 * final cut-off is kept whatever the order pairs arrive in; only distinct pairs tying exactly with
 * the cut-off (in practice: duplicate vectors) depend on it. Here pairs arrive row by row, each
 * row's by index (per pair of corpus chunks when there are several); in sentence-transformers,
 * within a row, in torch's unspecified top-k order. So results are repeatable, and may differ from
 * sentence-transformers' only in such exact ties.
 *
 * <p><b>Groups.</b> With {@code groups[i]} the document of vector i, pairs are between documents: a
 * vector's siblings (other vectors of its group) are not candidates in step 2, so they take no
 * top-k places; each surviving vector pair counts in the queue as above; then vector pairs become
 * group pairs at their best score. With {@code groups[i] == i} this is exactly the rule above.
 *
 * <p><b>How it runs.</b> Scores are computed tile by tile by the encoder's {@link SimilarityKernel}
 * (libtorch via DJL) on its device, each tile in its own native memory scope, so memory is bounded
 * by the chunk sizes, not by N².
 *
 * <ul>
 *   <li>On the CPU the score matrix is symmetric, so only tiles on and above the diagonal are
 *       computed (half the multiplications): square tiles of {@code queryChunkSize} rows (capped at
 *       16,384, and lowered so that each worker has at least two bands of a corpus chunk). Each
 *       tile is read in place from native memory into the top-k of its rows and of its columns. One
 *       worker per thread, each with a single libtorch thread, takes tiles that share no rows with
 *       a running one: independent single-threaded products beat one two-threaded product on a
 *       small shared machine, as for the encoder. The running top-k of up to two corpus chunks
 *       stays on the Java heap ({@code 2 x corpusChunkSize x min(topK + 1, corpusChunkSize)}
 *       entries).
 *   <li>On a GPU (an {@linkplain SimilarityKernel#accelerated() accelerated} kernel, or when asked
 *       for, to compare) it is sentence-transformers' layout: each query chunk times a whole corpus
 *       chunk ({@code queryChunkSize x corpusChunkSize} floats on the device), and the engine's
 *       top-k brings back only the best matches of each row (ties at its boundary are the
 *       engine's).
 * </ul>
 *
 * <p>A run asks its {@link Cancellation} before each tile (each query chunk in the GPU layout) and
 * stops with a {@link java.util.concurrent.CancellationException} once it gives a reason: tiles
 * already running finish, no other starts.
 *
 * <p>libtorch's intra-op threads of the calling thread are set while it mines (1 on the CPU, the
 * miner's thread count on a GPU) and restored afterwards. Instances are immutable and may be
 * shared; each call to {@code mine} uses its own threads and its own kernel session (native
 * memory).
 */
public final class ExactParaphraseMiner implements ParaphraseMiner {

  private static final Logger LOG = LoggerFactory.getLogger(ExactParaphraseMiner.class);

  /** Columns of a row read between two updates of its floor. */
  private static final int SEGMENT = 512;

  /**
   * Largest side of a CPU tile: its scores (1 GiB at most) must fit one Java buffer. The query
   * chunk size does not change the result, only how the work is cut.
   */
  private static final int MAX_TILE = 16_384;

  /** Smallest tile side chosen for balance (a smaller query chunk size is kept). */
  private static final int MIN_TILE = 512;

  /** How the top-k of each row is found. */
  enum TopK {
    /** Symmetric tiles, top-k of rows and columns in Java, read from native memory in place. */
    JAVA_SYMMETRIC,
    /** sentence-transformers' layout: query chunk x corpus chunk products, top-k by the engine. */
    ENGINE
  }

  private final MiningSettings settings;
  private final SimilarityKernel kernel;
  private final int threads;
  private final TopK topK;

  /**
   * A miner running its products on {@code kernel} with one thread per available core.
   *
   * @param kernel where the matrix products run, from {@code SentenceEncoders.similarityKernel}
   */
  public ExactParaphraseMiner(MiningSettings settings, SimilarityKernel kernel) {
    this(settings, kernel, Runtime.getRuntime().availableProcessors());
  }

  /**
   * A miner running its products on {@code kernel} with {@code threads} threads: on the CPU, that
   * many workers with one libtorch thread each; on a GPU, that many libtorch intra-op threads.
   *
   * @throws IllegalArgumentException if threads is below 1
   */
  public ExactParaphraseMiner(MiningSettings settings, SimilarityKernel kernel, int threads) {
    this(
        settings,
        kernel,
        threads,
        Objects.requireNonNull(kernel, "kernel").accelerated() ? TopK.ENGINE : TopK.JAVA_SYMMETRIC);
  }

  ExactParaphraseMiner(MiningSettings settings, SimilarityKernel kernel, int threads, TopK topK) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.topK = Objects.requireNonNull(topK, "topK");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got: " + threads);
    }
    this.threads = threads;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the kernel's engine can't run, or the thread is interrupted
   */
  @Override
  public List<ParaphrasePair> mine(
      float[][] vectors, int[] groups, MiningProgress progress, Cancellation cancellation) {
    MiningInput input = MiningInput.of(vectors, groups);
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancellation, "cancellation");
    PairCollector pairs = new PairCollector(input, settings.maxPairs(), settings.threshold());
    long start = System.nanoTime();
    LOG.info(
        "exact paraphrase mining: {} vectors of dimension {}, {}, on {} with {} thread(s), top-k by"
            + " {}",
        input.size,
        input.dimension,
        settings,
        kernel,
        threads,
        topK);
    if (input.size > 1) {
      run(input, pairs, progress, cancellation);
    }
    List<ParaphrasePair> result = pairs.result();
    LOG.info(
        "exact paraphrase mining: {} pairs in {} s",
        result.size(),
        seconds(System.nanoTime() - start));
    return result;
  }

  private void run(
      MiningInput input, PairCollector pairs, MiningProgress progress, Cancellation cancellation) {
    Session session = kernel.open(input.unit, input.dimension);
    int previousThreads = kernel.intraOpThreads();
    kernel.setIntraOpThreads(threads);
    try (session;
        Workers workers = new Workers(topK == TopK.JAVA_SYMMETRIC ? threads : 1)) {
      Progress tracker = new Progress(input.size, progress, cancellation);
      if (topK == TopK.JAVA_SYMMETRIC) {
        new SymmetricTiles(input, session, workers, tracker).run(pairs);
      } else {
        engineTopK(input, session, tracker, pairs);
      }
      LOG.info(
          "exact paraphrase mining: {} s in matrix products, {} s in top-k, {} s in the pair queue"
              + " (thread time)",
          seconds(tracker.productNanos.get()),
          seconds(tracker.topKNanos.get()),
          seconds(tracker.queueNanos.get()));
    } finally {
      kernel.setIntraOpThreads(previousThreads);
    }
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }

  /** Consecutive runs of at most {@code size} indexes from {@code start} to {@code end}. */
  private static List<Range> ranges(int start, int end, int size) {
    List<Range> ranges = new ArrayList<>();
    for (int from = start, to; from < end; from = to) {
      to = (int) Math.min(end, (long) from + size);
      ranges.add(new Range(from, to));
    }
    return ranges;
  }

  /** Index range [from, to). */
  private record Range(int from, int to) {
    int length() {
      return to - from;
    }
  }

  /**
   * Cells of the N x N matrix done, reported as rows on the thread that called {@code mine}; and
   * where the time went, summed over threads.
   */
  private static final class Progress {
    private final long n;
    private final MiningProgress sink;
    private final Cancellation cancellation;
    private final Thread caller = Thread.currentThread();
    private final AtomicLong cells = new AtomicLong();
    private long reported = -1;
    final AtomicLong productNanos = new AtomicLong();
    final AtomicLong topKNanos = new AtomicLong();
    final AtomicLong queueNanos = new AtomicLong();

    Progress(int n, MiningProgress sink, Cancellation cancellation) {
      this.n = n;
      this.sink = sink;
      this.cancellation = cancellation;
    }

    /** Throws if the run was cancelled: asked before each tile. */
    void checkCancelled() {
      cancellation.check();
    }

    /** Counts cells done; reports if on the caller's thread. */
    void add(long moreCells) {
      cells.addAndGet(moreCells);
      report();
    }

    /** Reports the rows done so far if on the caller's thread and there is news. */
    void report() {
      if (Thread.currentThread() == caller) {
        long rows = cells.get() / n;
        if (rows > reported) {
          reported = rows;
          sink.chunkDone(rows, n);
        }
      }
    }
  }

  /** A tile of the score matrix: rows of band a against rows of band b, with the bands' ids. */
  private record Tile(Range a, Range b, int aBand, int bBand) {
    boolean diagonal() {
      return aBand == bBand;
    }
  }

  /**
   * Hands out tiles so that no two running tiles share a band: a tile writes the top-k of its
   * bands' rows, so tiles running at once never touch the same row. Which worker gets which tile
   * does not change the result: the top-k order is total.
   */
  private static final class TileQueue {
    private final List<Tile> waiting;
    private final boolean[] busy;
    private boolean aborted;

    TileQueue(List<Tile> tiles, int bands) {
      this.waiting = new ArrayList<>(tiles);
      this.busy = new boolean[bands];
    }

    /** The first waiting tile whose bands are free, waiting for one if need be; null when done. */
    synchronized Tile take() {
      while (!aborted && !waiting.isEmpty()) {
        for (int t = 0; t < waiting.size(); t++) {
          Tile tile = waiting.get(t);
          if (!busy[tile.aBand()] && !busy[tile.bBand()]) {
            waiting.remove(t);
            busy[tile.aBand()] = true;
            busy[tile.bBand()] = true;
            return tile;
          }
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          aborted = true;
          notifyAll();
          throw new IllegalStateException("interrupted while mining", e);
        }
      }
      return null;
    }

    synchronized void release(Tile tile) {
      busy[tile.aBand()] = false;
      busy[tile.bBand()] = false;
      notifyAll();
    }

    /** Stops handing out tiles (a worker failed). */
    synchronized void abort() {
      aborted = true;
      notifyAll();
    }
  }

  /** Top-k places per row for a corpus chunk of the given width. */
  private int places(int width) {
    return Math.min(settings.topK() + 1, width);
  }

  /**
   * sentence-transformers' layout: for each corpus chunk, for each query chunk, the product and the
   * engine's top-k; only the top-k comes back to Java.
   */
  private void engineTopK(
      MiningInput input, Session session, Progress progress, PairCollector pairs) {
    for (Range corpus : ranges(0, input.size, settings.corpusChunkSize())) {
      int places = places(corpus.length());
      // siblings may take engine top-k places; ask for enough that the best admissible ones are
      // there
      int asked = Math.min(corpus.length(), places + input.largestGroup - 1);
      try (Columns columns = session.columns(corpus.from(), corpus.to())) {
        for (Range query : ranges(0, input.size, settings.queryChunkSize())) {
          progress.checkCancelled();
          // the product and the engine's top-k are one call: both count as product time
          long t0 = System.nanoTime();
          RowMatches best = columns.best(query.from(), query.to(), asked);
          long t1 = System.nanoTime();
          RowTopK top = new RowTopK(query.from(), query.length(), places);
          for (int r = 0; r < query.length(); r++) {
            int i = query.from() + r;
            for (int p = 0; p < asked; p++) {
              int j = best.row(r, p);
              if (input.admissible(i, j)) {
                top.offer(r, best.score(r, p), j);
              }
            }
          }
          long t2 = System.nanoTime();
          top.drainTo((i, j, score) -> pairs.offer(score, i, j));
          long t3 = System.nanoTime();
          progress.productNanos.addAndGet(t1 - t0);
          progress.topKNanos.addAndGet(t2 - t1);
          progress.queueNanos.addAndGet(t3 - t2);
          progress.add((long) query.length() * corpus.length());
        }
      }
    }
  }

  /**
   * The CPU layout: tiles of query-chunk size over the upper triangle of the score matrix, each
   * read by Java threads for the top-k of its rows and of its columns.
   */
  private final class SymmetricTiles {
    private final MiningInput input;
    private final Session session;
    private final Workers workers;
    private final Progress progress;

    SymmetricTiles(MiningInput input, Session session, Workers workers, Progress progress) {
      this.input = input;
      this.session = session;
      this.workers = workers;
      this.progress = progress;
    }

    void run(PairCollector pairs) {
      List<Range> chunks = ranges(0, input.size, settings.corpusChunkSize());
      // at least two bands per worker, so that workers rarely wait for a free band
      int balanced =
          (int)
              Math.max(
                  MIN_TILE, -Math.floorDiv(-(long) chunks.get(0).length(), 2L * workers.threads()));
      int side = Math.min(Math.min(settings.queryChunkSize(), MAX_TILE), balanced);
      for (int c1 = 0; c1 < chunks.size(); c1++) {
        for (int c2 = c1; c2 < chunks.size(); c2++) {
          Range first = chunks.get(c1);
          Range second = chunks.get(c2);
          // rows of the first chunk against the second's columns, and the other way round
          RowTopK firstRows = new RowTopK(first.from(), first.length(), places(second.length()));
          RowTopK secondRows =
              c1 == c2
                  ? firstRows
                  : new RowTopK(second.from(), second.length(), places(first.length()));
          List<Range> firstBands = ranges(first.from(), first.to(), side);
          List<Range> secondBands = ranges(second.from(), second.to(), side);
          List<Tile> tiles = new ArrayList<>();
          for (int a = 0; a < firstBands.size(); a++) {
            for (int b = c1 == c2 ? a : 0; b < secondBands.size(); b++) {
              // band ids: a tile locks the rows of both its bands while it runs
              int secondId = c1 == c2 ? b : firstBands.size() + b;
              tiles.add(new Tile(firstBands.get(a), secondBands.get(b), a, secondId));
            }
          }
          TileQueue queue =
              new TileQueue(tiles, firstBands.size() + (c1 == c2 ? 0 : secondBands.size()));
          List<Runnable> tasks = new ArrayList<>();
          for (int w = 0; w < workers.threads(); w++) {
            tasks.add(() -> work(queue, firstRows, secondRows));
          }
          workers.runAll(tasks);
          progress.report();
          long queueStart = System.nanoTime();
          firstRows.drainTo((i, j, score) -> pairs.offer(score, i, j));
          if (secondRows != firstRows) {
            secondRows.drainTo((i, j, score) -> pairs.offer(score, i, j));
          }
          progress.queueNanos.addAndGet(System.nanoTime() - queueStart);
        }
      }
    }

    /** One worker: takes tiles until none is left, each with one libtorch thread. */
    private void work(TileQueue queue, RowTopK aRows, RowTopK bRows) {
      kernel.setIntraOpThreads(1);
      for (Tile tile; (tile = queue.take()) != null; ) {
        try {
          progress.checkCancelled();
          tile(tile, aRows, bRows);
        } catch (RuntimeException | Error e) {
          queue.abort();
          throw e;
        } finally {
          queue.release(tile);
        }
      }
    }

    /** Scores rows {@code a} against rows {@code b} and offers them both ways. */
    private void tile(Tile tile, RowTopK aRows, RowTopK bRows) {
      Range a = tile.a();
      Range b = tile.b();
      boolean diagonal = tile.diagonal();
      long t0 = System.nanoTime();
      session.tile(
          a.from(),
          a.to(),
          b.from(),
          b.to(),
          view -> {
            long t1 = System.nanoTime();
            scanRows(view, a, b, aRows);
            if (!diagonal) {
              scanColumns(view, a, b, bRows);
            }
            progress.productNanos.addAndGet(t1 - t0);
            progress.topKNanos.addAndGet(System.nanoTime() - t1);
          });
      progress.add((long) a.length() * b.length() * (diagonal ? 1 : 2));
    }

    /**
     * The tile's rows into the top-k of rows a. Each row is read in segments: first a branch-free
     * pass lists the columns at or above the row's floor (mispredicted branches cost more than the
     * comparisons), then only those are offered.
     */
    private void scanRows(FloatBuffer view, Range a, Range b, RowTopK top) {
      int width = b.length();
      float[] row = new float[width];
      int[] hits = new int[SEGMENT];
      for (int r = 0; r < a.length(); r++) {
        view.get(r * width, row, 0, width);
        int i = a.from() + r;
        int local = i - top.firstRow;
        for (int from = 0; from < width; from += SEGMENT) {
          int to = Math.min(width, from + SEGMENT);
          float floor = top.floorScore[local];
          int count = 0;
          for (int c = from; c < to; c++) {
            hits[count] = c;
            count += row[c] >= floor ? 1 : 0;
          }
          for (int h = 0; h < count; h++) {
            int j = b.from() + hits[h];
            float x = row[hits[h]];
            if (top.competitive(local, x, j) && input.admissible(i, j)) {
              top.offer(local, x, j);
            }
          }
        }
      }
    }

    /**
     * The tile's columns into the top-k of rows b, the tile's rows being their columns; branch-free
     * listing of candidates as in {@link #scanRows}.
     */
    private void scanColumns(FloatBuffer view, Range a, Range b, RowTopK top) {
      int length = b.length();
      float[] segment = new float[length];
      int[] hits = new int[length];
      float[] floors = top.floorScore;
      int offset = b.from() - top.firstRow;
      for (int r = 0; r < a.length(); r++) {
        view.get(r * length, segment, 0, length);
        int j = a.from() + r;
        int count = 0;
        for (int c = 0; c < length; c++) {
          hits[count] = c;
          count += segment[c] >= floors[offset + c] ? 1 : 0;
        }
        for (int h = 0; h < count; h++) {
          int local = offset + hits[h];
          float x = segment[hits[h]];
          if (top.competitive(local, x, j) && input.admissible(top.firstRow + local, j)) {
            top.offer(local, x, j);
          }
        }
      }
    }
  }
}
