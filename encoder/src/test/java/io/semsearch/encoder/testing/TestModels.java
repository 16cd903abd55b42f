package io.semsearch.encoder.testing;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.builtin.DefaultModel;
import io.semsearch.encoder.engine.SentenceEncoders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Models shared by the tests of a JVM: the default model is imported once into {@code
 * target/test-model-cache} and its encoder opened once.
 */
public final class TestModels {

  private static SentenceEncoder defaultEncoder;

  private TestModels() {}

  /** The cache root tests import into (never the user's cache). */
  public static Path cacheRoot() {
    return Path.of(System.getProperty("semsearch.test.cache", "target/test-model-cache"))
        .toAbsolutePath();
  }

  /** The default model's folder, imported on first use. */
  public static synchronized Path defaultModelFolder() {
    try {
      return DefaultModel.ensureImported(cacheRoot());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One shared CPU encoder of the default model; never close it. */
  public static synchronized SentenceEncoder defaultEncoder() {
    if (defaultEncoder == null) {
      try {
        defaultEncoder =
            SentenceEncoders.open(
                defaultModelFolder(),
                DefaultModel.ID,
                EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(defaultEncoder::close));
    }
    return defaultEncoder;
  }
}
