package io.semsearch.encoder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.model.CrossEncoderSpec;
import io.semsearch.encoder.ort.LinearKernel;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder.ActivationSource;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder.Head;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.torch.TorchCrossEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-encoder on ONNX Runtime (what {@code --precision int8} runs) against libtorch, which
 * {@code CrossEncoderFidelityTest} checks against the plain-Java reference: the generated graph
 * with float32 MatMul must give libtorch's scores (1e-4), with and without a pooler; int8 must stay
 * close to them.
 */
class CrossEncoderOnnxRuntimeTest {

  private static final EncoderOptions CPU = EncoderOptions.defaults().withDevice(DeviceSpec.CPU);

  @TempDir Path dir;

  @Test
  void theFp32GraphScoresAsLibtorchAndInt8StaysClose() throws IOException {
    compare(RandomModelFolder.builder().optSeed(31), Head.standard(), "pooler-sigmoid");
    compare(
        RandomModelFolder.builder()
            .optSeed(32)
            .optLayers(1)
            .optHidden(64)
            .optHeads(4)
            .optIntermediate(128),
        new Head(false, "torch.nn.modules.linear.Identity", ActivationSource.CONFIG_JSON, 512, 2),
        "no-pooler-identity");
  }

  private void compare(RandomModelFolder.Builder encoder, Head head, String name)
      throws IOException {
    Path folder = RandomCrossEncoderFolder.write(encoder, head, dir.resolve(name));
    CrossEncoderSpec spec = CrossEncoderSpec.read(folder, name);
    String query = "which passage answers the question best";
    List<String> passages = new ArrayList<>(FidelitySentences.varied(30, 5));
    passages.add(FidelitySentences.longText(600, 6));
    float[] torch;
    try (CrossEncoder libtorch = new TorchCrossEncoder(spec, CPU)) {
      torch = libtorch.score(query, passages);
    }
    try (CrossEncoder fp32 =
            SentenceEncoders.crossEncoderOnOnnxRuntime(spec, CPU, LinearKernel.FP32);
        CrossEncoder int8 =
            SentenceEncoders.crossEncoderOnOnnxRuntime(
                spec, CPU.withPrecision(Precision.INT8), LinearKernel.DYNAMIC_QUANTIZE_MATMUL)) {
      float[] ort = fp32.score(query, passages);
      float[] quantized = int8.score(query, passages);
      double worst = 0;
      for (int i = 0; i < passages.size(); i++) {
        assertThat((double) ort[i])
            .as("%s fp32, pair %d", name, i)
            .isCloseTo(torch[i], within(1e-4));
        worst = Math.max(worst, Math.abs(quantized[i] - torch[i]));
      }
      // int8 error on these random models, measured: see the report
      System.out.printf("%s: int8 worst |score - fp32| = %.4f%n", name, worst);
      assertThat(worst).as("%s int8 worst difference", name).isLessThan(0.05);
    }
  }
}
