package io.semsearch.encoder.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What libtorch's fp32 matrix product reaches on this machine: {@code threads} threads, each with
 * one intra-op thread, repeatedly multiplying {@code [rows, in]} by {@code [in, out]} (the shape of
 * a BERT feed-forward layer on a batch). The encoder cannot beat this number; it says how close it
 * gets.
 */
final class MatmulCeiling {

  private MatmulCeiling() {}

  static double measure(int threads, int in, int out, int rows, double seconds)
      throws InterruptedException {
    ai.djl.engine.Engine.getEngine("PyTorch");
    AtomicLong flop = new AtomicLong();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                JniUtils.setNumThreads(1);
                try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                  NDArray a = manager.randomNormal(new Shape(rows, in));
                  NDArray w = manager.randomNormal(new Shape(out, in));
                  NDArray b = manager.zeros(new Shape(out));
                  while (System.nanoTime() < end) {
                    try (NDManager scope = manager.newSubManager()) {
                      a.tempAttach(scope);
                      a.getNDArrayInternal().linear(a, w, b).singletonOrThrow();
                    }
                    flop.addAndGet(2L * rows * in * out);
                  }
                }
              },
              "matmul-ceiling-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return flop.get() / ((System.nanoTime() - start) / 1e9) / 1e9;
  }
}
