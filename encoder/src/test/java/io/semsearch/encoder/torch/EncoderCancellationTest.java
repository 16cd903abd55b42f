package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Texts of a cancelled call that are still queued never reach the model. */
class EncoderCancellationTest {

  @TempDir Path dir;

  @Test
  void aCallCancelledWhileQueuedRunsNoForwardPass() throws Exception {
    ModelSpec spec = ModelFolder.read(RandomModelFolder.builder().writeTo(dir.resolve("m")), "m");
    EncoderOptions options =
        EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withThreads(1, 1);
    // live for the caller, cancelled by the time a worker looks at its texts: the caller queues
    // them all, and the worker is the first to see the cancellation
    Cancellation cancelledOnceQueued =
        () ->
            Thread.currentThread().getName().startsWith("semsearch-encoder-")
                ? "deadline passed"
                : null;
    try (TorchSentenceEncoder encoder = new TorchSentenceEncoder(spec, options)) {
      encoder.encode("warm up");
      long before = encoder.batchesRun();

      assertThatThrownBy(
              () ->
                  encoder.encode(
                      Collections.nCopies(40, "a text that will not be embedded"),
                      null,
                      EncodeRequest.BULK.withCancellation(cancelledOnceQueued)))
          .isInstanceOf(CancellationException.class)
          .hasMessage("deadline passed");

      assertThat(encoder.batchesRun()).as("forward passes").isEqualTo(before);
      assertThat(encoder.encode("still serving")).hasSize(spec.dimension());
    }
  }

  @Test
  void aCallCancelledBeforeItStartsIsRefusedAtOnce() throws Exception {
    ModelSpec spec = ModelFolder.read(RandomModelFolder.builder().writeTo(dir.resolve("m")), "m");
    EncoderOptions options =
        EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withThreads(1, 1);
    try (TorchSentenceEncoder encoder = new TorchSentenceEncoder(spec, options)) {
      long before = encoder.batchesRun();
      assertThatThrownBy(
              () ->
                  encoder.encode(
                      List.of("x"),
                      null,
                      EncodeRequest.INTERACTIVE.withCancellation(() -> "client gone")))
          .isInstanceOf(CancellationException.class)
          .hasMessage("client gone");
      assertThat(encoder.batchesRun()).isEqualTo(before);
    }
  }
}
