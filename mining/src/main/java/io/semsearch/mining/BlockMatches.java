package io.semsearch.mining;

import io.semsearch.encoder.SimilarityKernel;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * {@link ExactParaphraseMiner}'s step 2 on one block of the N x N score matrix, for runs that cut
 * the product into blocks scored on different machines: each row's best matches among the block's
 * columns, under the miner's rules (unit rows, dot products on the encoder's {@link
 * SimilarityKernel}, siblings excluded, ties broken by the smaller column).
 *
 * <p>Strategy: the miner keeps, per row and per corpus chunk, the best {@link #places} matches. The
 * order of matches is total, so the best of a chunk are the best of the best of each block of
 * columns inside it: a block keeps its own best, and {@link #keepBest} merges blocks of one chunk.
 * The surviving matches, handed to a {@link PairQueue} in {@link #offerOrder} order, give the
 * miner's pairs.
 */
public final class BlockMatches {

  private BlockMatches() {}

  /** Receives matches: row and column are indexes into the whole N x N problem. */
  @FunctionalInterface
  public interface Sink {
    void accept(int row, int column, float score);
  }

  /** One side of a block: vectors (any length, finite), their indexes in the run and groups. */
  public record Side(float[][] vectors, int[] indexes, int[] groups) {

    /**
     * Checks that the three arrays have one entry per vector.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public Side {
      Objects.requireNonNull(vectors, "vectors");
      Objects.requireNonNull(indexes, "indexes");
      Objects.requireNonNull(groups, "groups");
      if (indexes.length != vectors.length || groups.length != vectors.length) {
        throw new IllegalArgumentException(
            "a block side needs one index and one group per vector: "
                + vectors.length
                + " vectors, "
                + indexes.length
                + " indexes, "
                + groups.length
                + " groups");
      }
    }

    int size() {
      return vectors.length;
    }
  }

  /** The matches kept per row and corpus chunk: {@code min(topK + 1, chunk width)}. */
  public static int places(MiningSettings settings, int size, int column) {
    int chunk = chunkOf(settings, column);
    long from = (long) chunk * settings.corpusChunkSize();
    int width = (int) Math.min(settings.corpusChunkSize(), size - from);
    return Math.min(settings.topK() + 1, width);
  }

  /** The corpus chunk a column belongs to. */
  public static int chunkOf(MiningSettings settings, int column) {
    return column / settings.corpusChunkSize();
  }

  /**
   * Scores every row of {@code rows} against every column of {@code columns} on {@code kernel} and
   * hands each row's best {@code places} admissible matches to {@code sink}, rows in order, each
   * row's matches by column. The columns must lie in one corpus chunk.
   *
   * @throws IllegalArgumentException for vectors of different dimensions or not finite
   */
  public static void best(SimilarityKernel kernel, Side rows, Side columns, int places, Sink sink) {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(sink, "sink");
    if (rows.size() == 0 || columns.size() == 0) {
      return;
    }
    int dimension = rows.vectors()[0].length;
    int nr = rows.size();
    int nc = columns.size();
    float[] matrix = new float[Math.multiplyExact(nr + nc, dimension)];
    fill(rows, matrix, 0, dimension);
    fill(columns, matrix, nr * dimension, dimension);
    RowTopK top = new RowTopK(0, nr, places);
    try (SimilarityKernel.Session session = kernel.open(matrix, dimension)) {
      session.tile(0, nr, nr, nr + nc, view -> scan(view, rows, columns, top));
    }
    top.drainTo((r, column, score) -> sink.accept(rows.indexes()[r], column, score));
  }

  private static void fill(Side side, float[] matrix, int offset, int dimension) {
    for (int r = 0; r < side.size(); r++) {
      float[] v = side.vectors()[r];
      if (v == null || v.length != dimension) {
        throw new IllegalArgumentException(
            "all vectors must have dimension "
                + dimension
                + ": vector "
                + side.indexes()[r]
                + " has "
                + (v == null ? "none" : v.length));
      }
      MiningInput.unitInto(v, side.indexes()[r], matrix, offset + r * dimension);
    }
  }

  private static void scan(FloatBuffer view, Side rows, Side columns, RowTopK top) {
    int width = columns.size();
    float[] row = new float[width];
    for (int r = 0; r < rows.size(); r++) {
      view.get(r * width, row, 0, width);
      int i = rows.indexes()[r];
      int group = rows.groups()[r];
      for (int c = 0; c < width; c++) {
        int j = columns.indexes()[c];
        // a sibling is never a candidate; the vector itself is (and is dropped by the queue)
        if ((i == j || columns.groups()[c] != group) && top.competitive(r, row[c], j)) {
          top.offer(r, row[c], j);
        }
      }
    }
  }

  /**
   * Keeps the best {@code places} of one row's matches in one corpus chunk, gathered from several
   * blocks, and hands them to {@code sink} by column.
   *
   * @param columns the matched columns
   * @param scores their scores, one per column
   */
  public static void keepBest(int row, int[] columns, float[] scores, int places, Sink sink) {
    if (columns.length != scores.length) {
      throw new IllegalArgumentException(
          columns.length + " columns but " + scores.length + " scores");
    }
    RowTopK top = new RowTopK(row, 1, places);
    for (int m = 0; m < columns.length; m++) {
      top.offer(0, scores[m], columns[m]);
    }
    top.drainTo(sink::accept);
  }

  /**
   * The position of a match in the order {@link ExactParaphraseMiner} offers matches to its pair
   * queue on the CPU, as a sort key to compare lexicographically: for each pair of corpus chunks c1
   * &lt;= c2, the rows of c1 against c2's columns, then the rows of c2 against c1's; rows in order,
   * each row's matches by column. Only pairs tying exactly with the queue's cut-off depend on it.
   */
  public static long[] offerOrder(MiningSettings settings, int row, int column) {
    int rowChunk = chunkOf(settings, row);
    int columnChunk = chunkOf(settings, column);
    int low = Math.min(rowChunk, columnChunk);
    int high = Math.max(rowChunk, columnChunk);
    return new long[] {low, high, rowChunk == low ? 0 : 1, row, column};
  }
}
