package io.semsearch.encoder;

import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The matrix work of exact similarity search, on the encoder's engine: dot products of the rows of
 * one matrix with each other, either read in place tile by tile or reduced on the device to each
 * row's best matches. Obtained from {@link
 * io.semsearch.encoder.engine.SentenceEncoders#similarityKernel(DeviceSpec)}; no engine type shows
 * through it.
 *
 * <p>A kernel names a device and holds no native memory. A {@link Session} holds one run's matrix
 * and the scores of its products: each tile or product lives in its own native scope, freed as soon
 * as it has been read, so memory is bounded by the largest tile, not by the matrix's square.
 * Kernels are thread-safe, and several threads may compute tiles of one session at once.
 */
public interface SimilarityKernel {

  /**
   * Whether products run on an accelerator (a GPU), where bringing whole tiles back to the Java
   * heap costs more than reducing them on the device with {@link Columns#best}.
   */
  boolean accelerated();

  /** The engine's intra-op threads for products started by the calling thread. */
  int intraOpThreads();

  /**
   * Sets the engine's intra-op threads for products started by the calling thread.
   *
   * @throws IllegalArgumentException if threads is below 1
   */
  void setIntraOpThreads(int threads);

  /**
   * Opens a session over a matrix of {@code rows.length / dimension} rows of {@code dimension}
   * floats, row-major. The array is read by each product, not copied: don't change it while the
   * session is open.
   *
   * @throws IllegalArgumentException if dimension is below 1 or does not divide the array's length
   * @throws IllegalStateException if the engine can't run on the kernel's device; the cause is kept
   */
  Session open(float[] rows, int dimension);

  /** One run's products over one matrix. One owner closes it; its tiles may run on any thread. */
  interface Session extends AutoCloseable {

    /**
     * Computes the tile of scores of rows {@code [aFrom, aTo)} against rows {@code [bFrom, bTo)},
     * {@code (aTo - aFrom) x (bTo - bFrom)} dot products in row-major order, and hands it to {@code
     * reader} as a read-only view of the tile in place (native memory on the CPU), valid only until
     * {@code reader} returns. When both ranges are the same, the rows are copied to the device
     * once.
     *
     * @throws IndexOutOfBoundsException if a range is empty or outside the matrix
     */
    void tile(int aFrom, int aTo, int bFrom, int bTo, Consumer<FloatBuffer> reader);

    /**
     * Places rows {@code [from, to)} on the device as the columns of later products, until the
     * returned columns are closed.
     *
     * @throws IndexOutOfBoundsException if the range is empty or outside the matrix
     */
    Columns columns(int from, int to);

    /** Frees every tile and set of columns still open. */
    @Override
    void close();
  }

  /** Rows of a session kept on the device as columns. One owner closes them. */
  interface Columns extends AutoCloseable {

    /**
     * The product of rows {@code [from, to)} with these columns, reduced on the device to each
     * row's {@code k} highest scores; only those come back. Which of several columns tying at a
     * row's k-th score are kept, and their order, are the engine's.
     *
     * @throws IndexOutOfBoundsException if the range is empty or outside the matrix
     * @throws IllegalArgumentException if k is not in 1..number of columns
     */
    RowMatches best(int from, int to, int k);

    @Override
    void close();
  }

  /**
   * Each row's best matches, in no particular order: place {@code p} (0 to {@code k - 1}) of row
   * {@code r} of the product (0 for its first row).
   */
  final class RowMatches {
    private final int k;
    private final float[] scores;
    private final int[] rows;

    /**
     * Matches of {@code scores.length / k} rows, row after row.
     *
     * @param rows the matched rows, as indexes into the session's matrix
     */
    public RowMatches(int k, float[] scores, int[] rows) {
      if (k < 1 || scores.length != rows.length || scores.length % k != 0) {
        throw new IllegalArgumentException(
            "k must be at least 1 and divide both lengths, got k "
                + k
                + " for "
                + scores.length
                + " scores and "
                + rows.length
                + " rows");
      }
      this.k = k;
      this.scores = scores;
      this.rows = rows;
    }

    /** Matches per row. */
    public int k() {
      return k;
    }

    /** The score of row r's match at place p. */
    public float score(int r, int p) {
      return scores[r * k + Objects.checkIndex(p, k)];
    }

    /** The matrix row matched by row r at place p. */
    public int row(int r, int p) {
      return rows[r * k + Objects.checkIndex(p, k)];
    }
  }
}
