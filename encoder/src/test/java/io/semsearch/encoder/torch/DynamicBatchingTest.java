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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Texts that concurrent callers submit together are embedded together. */
class DynamicBatchingTest {

  @TempDir Path dir;

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
    try (TorchSentenceEncoder encoder = new TorchSentenceEncoder(spec, options)) {
      List<float[]> alone = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        alone.add(encoder.encode("request number " + i));
      }
      long before = encoder.batchesRun();
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      CountDownLatch start = new CountDownLatch(1);
      try {
        // each caller sends its next text when the last one is answered, as a search client does
        List<Future<List<float[]>>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          String text = "request number " + i;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    List<float[]> answers = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                      answers.add(encoder.encode(text));
                    }
                    return answers;
                  }));
        }
        start.countDown();
        for (int i = 0; i < callers; i++) {
          for (float[] answer : futures.get(i).get()) {
            assertThat(answer).containsExactly(alone.get(i), within(1e-5f));
          }
        }
      } finally {
        pool.shutdownNow();
      }
      long batches = encoder.batchesRun() - before;
      assertThat(batches)
          .as("forward passes for %d callers x %d one-text requests", callers, rounds)
          .isLessThanOrEqualTo(callers * rounds / 4);
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
