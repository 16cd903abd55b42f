package io.semsearch.encoder.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.testing.Cosines;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated ONNX graph on RoBERTa-family models (the graph takes their offset position ids as
 * an input), against libtorch, which {@code ArchitectureFidelityTest} checks against the plain-Java
 * reference; and the one-line refusal of int8 for MPNet, whose relative bias the graph lacks.
 */
class OrtArchitecturesTest {

  private static final EncoderOptions CPU = EncoderOptions.defaults().withDevice(DeviceSpec.CPU);
  private static final List<String> TEXTS = FidelitySentences.varied(60, 77);

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"roberta", "xlm-roberta"})
  void fp32GraphMatchesLibtorchAndInt8StaysClose(String modelType) throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optArchitecture(modelType)
            .optSeed(12)
            .optLayers(3)
            .optHidden(96)
            .optHeads(4)
            .optIntermediate(200)
            .optBertPrefix(true)
            .writeTo(dir.resolve(modelType));
    ModelSpec spec = ModelFolder.read(folder, modelType);
    try (SentenceEncoder torch = SentenceEncoders.open(spec, CPU);
        SentenceEncoder graph = SentenceEncoders.onnxRuntime(spec, CPU, LinearKernel.FP32);
        SentenceEncoder int8 = SentenceEncoders.open(spec, CPU.withPrecision(Precision.INT8))) {
      float[][] expected = torch.encode(TEXTS);
      float[][] actual = graph.encode(TEXTS);
      double worst = 0;
      for (int i = 0; i < expected.length; i++) {
        for (int j = 0; j < expected[i].length; j++) {
          worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
        }
      }
      assertThat(worst).as("fp32 graph vs libtorch, max abs diff").isLessThanOrEqualTo(1e-4);
      Cosines c = Cosines.of(expected, int8.encode(TEXTS));
      System.err.printf("%s int8 vs fp32: %s%n", modelType, c);
      assertThat(c.mean()).as("mean cosine").isGreaterThanOrEqualTo(0.99);
    }
  }

  @Test
  void int8RefusesMpnetNamingTheArchitecture() throws IOException {
    Path folder =
        RandomModelFolder.builder().optArchitecture("mpnet").optLayers(1).writeTo(dir.resolve("m"));
    ModelSpec spec = ModelFolder.read(folder, "m");
    assertThatThrownBy(() -> SentenceEncoders.open(spec, CPU.withPrecision(Precision.INT8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--precision int8")
        .hasMessageContaining("model_type 'mpnet'")
        .hasMessageNotContaining("\n");
  }
}
