package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Texts that concurrent callers submit together are embedded together. */
class DynamicBatchingTest {

  @TempDir Path dir;

  /**
   * Each round, 16 callers send one text each while the worker holds the round's first text at a
   * gate; once the other 15 are queued the gate opens, and the worker must take all 16 into one
   * forward pass. The gate decides when the batch forms, so the count of passes does not depend on
   * how the threads are scheduled.
   */
  @Test
  void concurrentSingleTextRequestsShareBatches() throws Exception {
    ModelSpec spec = ModelFolder.read(RandomModelFolder.builder().writeTo(dir.resolve("m")), "m");
    // One worker, batches of 16, the default adaptive wait.
    EncoderOptions options =
        EncoderOptions.defaults()
            .withDevice(DeviceSpec.parse("cpu"))
            .withBatchSize(16)
            .withThreads(1, 1);
    int callers = 16;
    int rounds = 8;
    HandshakeGate gate = new HandshakeGate();
    try (TorchSentenceEncoder encoder = new TorchSentenceEncoder(spec, options, gate)) {
      gate.opened.release(callers);
      List<float[]> alone = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        alone.add(encoder.encode("request number " + i));
      }
      gate.arrived.acquire(callers);
      assertThat(gate.opened.availablePermits()).as("one batch per lone request").isZero();
      long before = encoder.batchesRun();
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        // each caller sends its next text when the last one is answered, as a search client does
        List<Future<List<float[]>>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          String text = "request number " + i;
          futures.add(
              pool.submit(
                  () -> {
                    List<float[]> answers = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                      answers.add(encoder.encode(text));
                    }
                    return answers;
                  }));
        }
        for (int r = 0; r < rounds; r++) {
          gate.arrived.acquire(); // the worker holds the round's first text
          awaitQueued(encoder, callers - 1, futures);
          gate.opened.release();
        }
        // should a round have been split, its remaining batches pass and the count below fails
        gate.opened.release(callers * rounds);
        for (int i = 0; i < callers; i++) {
          for (float[] answer : futures.get(i).get()) {
            assertThat(answer).containsExactly(alone.get(i), within(1e-5f));
          }
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(encoder.batchesRun() - before)
          .as("forward passes for %d callers x %d one-text requests", callers, rounds)
          .isEqualTo(rounds);
    }
  }

  /**
   * Waits until {@code count} texts are queued; fails if a caller ends first (a guard against
   * hanging, not a timing).
   */
  private static void awaitQueued(
      TorchSentenceEncoder encoder, int count, List<? extends Future<?>> callers) throws Exception {
    while (encoder.queued() < count) {
      for (Future<?> caller : callers) {
        if (caller.isDone()) {
          caller.get(); // throws the caller's failure
          throw new AssertionError("a caller finished before its last round was batched");
        }
      }
      Thread.sleep(1);
    }
  }

  /** A gate the worker passes only after telling the test it has arrived. */
  private static final class HandshakeGate implements TorchSentenceEncoder.BatchGate {
    final Semaphore arrived = new Semaphore(0);
    final Semaphore opened = new Semaphore(0);

    @Override
    public void pass() throws InterruptedException {
      arrived.release();
      opened.acquire();
    }
  }

  @Test
  void batchesStayWithinTheirPaddedTokenBudget() throws Exception {
    ModelSpec spec = ModelFolder.read(RandomModelFolder.builder().writeTo(dir.resolve("m")), "m");
    EncoderOptions options =
        EncoderOptions.defaults()
            .withDevice(DeviceSpec.parse("cpu"))
            .withBatchSize(16)
            .withBatchTokens(64)
            .withThreads(1, 1);
    try (TorchSentenceEncoder encoder = new TorchSentenceEncoder(spec, options)) {
      String text = "a text of some length for the budget";
      int tokens = encoder.countTokens(text);
      List<String> texts = Collections.nCopies(16, text);
      float[] alone = encoder.encode(text);
      long before = encoder.batchesRun();
      float[][] vectors = encoder.encode(texts);
      long batches = encoder.batchesRun() - before;
      int perBatch = 64 / tokens;
      assertThat(perBatch).as("texts of %d tokens per 64-token batch", tokens).isBetween(1, 15);
      assertThat(batches)
          .as("forward passes for 16 texts of %d tokens", tokens)
          .isGreaterThanOrEqualTo((16 + perBatch - 1) / perBatch);
      for (float[] v : vectors) {
        assertThat(v).containsExactly(alone, within(1e-5f));
      }
    }
  }
}
