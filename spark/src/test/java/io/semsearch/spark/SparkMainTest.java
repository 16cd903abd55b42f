package io.semsearch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad arguments fail before a Spark session starts, with one line naming the value. */
class SparkMainTest {

  @Test
  void aBadDeviceIsOneLineAndStatusTwo() {
    String err = runExpecting(2, "encode", "--input", "in", "--output", "out", "--device", "tpu");
    assertThat(err).contains("tpu").doesNotContain("\n\tat ");
    assertThat(err.strip().lines()).hasSize(1);
  }

  @Test
  void aMissingOptionIsOneLineAndStatusTwo() {
    String err = runExpecting(2, "mine", "--input", "vectors.parquet");
    assertThat(err).contains("--output");
    assertThat(err.strip().lines()).hasSize(1);
  }

  @Test
  void aBadMiningSettingIsOneLineAndStatusTwo() {
    String err = runExpecting(2, "mine", "--input", "v", "--output", "o", "--top-k", "0");
    assertThat(err).contains("top-k must be at least 1, got: 0");
  }

  private static String runExpecting(int status, String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(SparkMain.run(args)).isEqualTo(status);
    } finally {
      System.setErr(saved);
    }
    return err.toString(StandardCharsets.UTF_8);
  }
}
