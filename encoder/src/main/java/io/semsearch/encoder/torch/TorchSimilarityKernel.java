package io.semsearch.encoder.torch;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.semsearch.encoder.SimilarityKernel;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link SimilarityKernel} on DJL's PyTorch engine. A session is a base {@link NDManager} on the
 * device; each tile, set of columns and product is a sub-manager of it, closed as soon as its
 * result has been read. Rows go to the engine as views of the session's array, so on the CPU a
 * product's only native allocation is its result.
 */
public final class TorchSimilarityKernel implements SimilarityKernel {

  private static final String ENGINE = "PyTorch";

  private final Device device;

  /** A kernel running its products on {@code device}. */
  public TorchSimilarityKernel(Device device) {
    this.device = Objects.requireNonNull(device, "device");
  }

  @Override
  public boolean accelerated() {
    return device.isGpu();
  }

  @Override
  public int intraOpThreads() {
    return JniUtils.getNumThreads();
  }

  @Override
  public void setIntraOpThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got: " + threads);
    }
    JniUtils.setNumThreads(threads);
  }

  @Override
  public Session open(float[] rows, int dimension) {
    Objects.requireNonNull(rows, "rows");
    if (dimension < 1 || rows.length % dimension != 0) {
      throw new IllegalArgumentException(
          "dimension must be at least 1 and divide the "
              + rows.length
              + " floats of the matrix, got: "
              + dimension);
    }
    NDManager manager;
    try {
      manager = NDManager.newBaseManager(device, ENGINE);
    } catch (EngineException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "similarity products need the PyTorch engine on " + device + ": " + e.getMessage(), e);
    }
    return new TorchSession(manager, rows, dimension);
  }

  /** The device's name, as the engine writes it ({@code cpu()}, {@code gpu(0)}). */
  @Override
  public String toString() {
    return device.toString();
  }

  /** One run's products: the session's manager owns every array made for it. */
  private static final class TorchSession implements Session {
    private final NDManager manager;
    private final float[] rows;
    private final int dimension;
    private final int count;

    TorchSession(NDManager manager, float[] rows, int dimension) {
      this.manager = manager;
      this.rows = rows;
      this.dimension = dimension;
      this.count = rows.length / dimension;
    }

    @Override
    public void tile(int aFrom, int aTo, int bFrom, int bTo, Consumer<FloatBuffer> reader) {
      checkRange(aFrom, aTo);
      checkRange(bFrom, bTo);
      Objects.requireNonNull(reader, "reader");
      try (NDManager scope = manager.newSubManager()) {
        NDArray left = upload(scope, aFrom, aTo);
        NDArray right = aFrom == bFrom && aTo == bTo ? left : upload(scope, bFrom, bTo);
        NDArray scores = left.matMul(right.transpose());
        reader.accept(
            scores
                .toByteBuffer(true)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer()
                .asReadOnlyBuffer());
      }
    }

    @Override
    public Columns columns(int from, int to) {
      checkRange(from, to);
      NDManager scope = manager.newSubManager();
      try {
        return new TorchColumns(this, scope, from, upload(scope, from, to).transpose());
      } catch (RuntimeException | Error e) {
        scope.close();
        throw e;
      }
    }

    /** Rows [from, to) as an array of {@code scope}. */
    NDArray upload(NDManager scope, int from, int to) {
      FloatBuffer slice = FloatBuffer.wrap(rows, from * dimension, (to - from) * dimension).slice();
      return scope.create(slice, new Shape(to - from, dimension));
    }

    void checkRange(int from, int to) {
      if (from >= to) {
        throw new IndexOutOfBoundsException("empty row range [" + from + ", " + to + ")");
      }
      Objects.checkFromToIndex(from, to, count);
    }

    @Override
    public void close() {
      manager.close();
    }
  }

  /** Rows kept on the device, transposed: the right-hand side of {@link #best} products. */
  private static final class TorchColumns implements Columns {
    private final TorchSession session;
    private final NDManager scope;
    private final int first;
    private final NDArray transposed;

    TorchColumns(TorchSession session, NDManager scope, int first, NDArray transposed) {
      this.session = session;
      this.scope = scope;
      this.first = first;
      this.transposed = transposed;
    }

    @Override
    public RowMatches best(int from, int to, int k) {
      session.checkRange(from, to);
      long width = transposed.getShape().get(1);
      if (k < 1 || k > width) {
        throw new IllegalArgumentException("k must be in 1.." + width + ", got: " + k);
      }
      float[] scores;
      long[] columns;
      try (NDManager product = scope.newSubManager()) {
        NDArray rows = session.upload(product, from, to);
        // unsorted: the order within a row's k best is left to the engine
        NDList top = rows.matMul(transposed).topK(k, 1, true, false);
        scores = top.get(0).toFloatArray();
        columns = top.get(1).toLongArray();
      }
      int[] matched = new int[columns.length];
      for (int t = 0; t < columns.length; t++) {
        matched[t] = first + (int) columns[t];
      }
      return new RowMatches(k, scores, matched);
    }

    @Override
    public void close() {
      scope.close();
    }
  }
}
