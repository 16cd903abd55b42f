package io.semsearch.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceSpecTest {

  @Test
  void parsesEveryForm() {
    assertThat(DeviceSpec.parse("auto")).isEqualTo(DeviceSpec.AUTO);
    assertThat(DeviceSpec.parse("CPU").kind()).isEqualTo(DeviceSpec.Kind.CPU);
    assertThat(DeviceSpec.parse("gpu")).isEqualTo(new DeviceSpec(DeviceSpec.Kind.GPU, 0));
    assertThat(DeviceSpec.parse("gpu:3")).isEqualTo(new DeviceSpec(DeviceSpec.Kind.GPU, 3));
    assertThat(DeviceSpec.parse("cuda:1")).isEqualTo(new DeviceSpec(DeviceSpec.Kind.GPU, 1));
    assertThat(DeviceSpec.parse("gpu:2").toString()).isEqualTo("gpu:2");
  }

  @Test
  void refusesOthersNamingTheValue() {
    for (String bad : new String[] {"tpu", "gpu:", "gpu:-1", "gpu:x", ""}) {
      assertThatThrownBy(() -> DeviceSpec.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got: " + bad);
    }
  }

  @Test
  void optionsValidateTheirSizes() {
    assertThatThrownBy(() -> EncoderOptions.defaults().withBatchSize(-1))
        .hasMessageContaining("got: -1");
    assertThatThrownBy(() -> EncoderOptions.defaults().withThreads(0, -2))
        .hasMessageContaining("got: -2");
    assertThatThrownBy(() -> Precision.parse("fp8"))
        .hasMessage("precision must be one of fp32, fp16, bf16, int8, got: fp8");
  }
}
