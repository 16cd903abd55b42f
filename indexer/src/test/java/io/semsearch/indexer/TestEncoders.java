package io.semsearch.indexer;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Path;

/** The random models the indexer tests write with, on the CPU. */
final class TestEncoders {

  private TestEncoders() {}

  /**
   * A bert-tiny shaped model named {@code tiny} with a short max_seq_length, so that modest
   * documents need several passages; written under {@code models}.
   */
  static SentenceEncoder tiny(Path models) throws IOException {
    return SentenceEncoders.open(
        RandomModelFolder.builder().optMaxSeqLength(48).writeTo(models.resolve("tiny")),
        "tiny",
        cpu());
  }

  /** Another model, named {@code other}, with other weights; written under {@code models}. */
  static SentenceEncoder other(Path models) throws IOException {
    return SentenceEncoders.open(
        RandomModelFolder.builder().optSeed(7).writeTo(models.resolve("other")), "other", cpu());
  }

  private static EncoderOptions cpu() {
    return EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
  }
}
