package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU options on a machine without a GPU (CI): auto falls back, half precision runs FP32. */
class DeviceFallbackTest {

  @TempDir Path dir;

  @Test
  void autoUsesTheGpuOnlyWhenTheEngineSeesOne() throws IOException {
    ModelSpec spec = ModelFolder.read(RandomModelFolder.builder().writeTo(dir.resolve("m")), "m");
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    try (TorchSentenceEncoder encoder = new TorchSentenceEncoder(spec, EncoderOptions.defaults())) {
      assertThat(encoder.device()).isEqualTo(gpus > 0 ? Device.gpu(0) : Device.cpu());
    }
    assertThatThrownBy(
            () ->
                new TorchSentenceEncoder(
                    spec, EncoderOptions.defaults().withDevice(DeviceSpec.parse("gpu:" + gpus))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "device gpu:" + gpus + " requested but the PyTorch engine sees " + gpus + " GPU(s)");
  }

  @Test
  void halfPrecisionOnTheCpuRunsFp32() throws IOException {
    ModelSpec spec = ModelFolder.read(RandomModelFolder.builder().writeTo(dir.resolve("m")), "m");
    EncoderOptions cpu = EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
    List<String> texts = List.of("half precision is for GPUs", "");
    try (TorchSentenceEncoder fp32 = new TorchSentenceEncoder(spec, cpu);
        TorchSentenceEncoder fp16 =
            new TorchSentenceEncoder(spec, cpu.withPrecision(Precision.FP16))) {
      float[][] a = fp32.encode(texts);
      float[][] b = fp16.encode(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(b[i]).containsExactly(a[i], within(1e-6f));
      }
    }
  }
}
