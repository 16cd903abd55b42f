package io.semsearch.encoder.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.OutputLayer;
import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialModelTest {

  @TempDir Path dir;

  @Test
  void bertTinyDenseHasTheSeedsShapeAndEmbedsIn256UnitDimensions() throws Exception {
    Path folder = InitialModel.write("bert-tiny-dense", 7, dir.resolve("m"));
    ModelSpec spec = ModelFolder.read(folder, "m");
    assertThat(spec.dimension()).isEqualTo(256);
    assertThat(spec.transformer().config().numLayers()).isEqualTo(2);
    assertThat(spec.transformer().config().hiddenSize()).isEqualTo(128);
    assertThat(spec.transformer().config().numHeads()).isEqualTo(2);
    assertThat(spec.transformer().config().intermediateSize()).isEqualTo(512);
    assertThat(spec.transformer().config().maxPositionEmbeddings()).isEqualTo(512);
    assertThat(spec.transformer().config().vocabSize()).isEqualTo(30522);
    assertThat(spec.transformer().maxSeqLength()).isEqualTo(384);
    assertThat(spec.pooling().mean()).isTrue();
    assertThat(spec.pooling().modeCount()).isEqualTo(1);
    assertThat(spec.outputLayers().get(0)).isInstanceOf(OutputLayer.Dense.class);
    assertThat(spec.normalizes()).isTrue();
    assertThat(Files.readAllLines(folder.resolve("vocab.txt"))).hasSize(30522).startsWith("[PAD]");

    Map<String, Tensor> weights = Safetensors.read(folder.resolve("model.safetensors"));
    float[] words = weights.get("embeddings.word_embeddings.weight").data();
    double sum = 0;
    double squares = 0;
    for (int i = 128; i < words.length; i++) { // row 0, [PAD], is zero
      sum += words[i];
      squares += words[i] * words[i];
    }
    int n = words.length - 128;
    assertThat(Math.sqrt(squares / n - (sum / n) * (sum / n))).isCloseTo(0.02, Offset.offset(1e-3));
    assertThat(words[0]).isZero();
    assertThat(weights.get("encoder.layer.1.output.LayerNorm.weight").data()).containsOnly(1f);
    assertThat(weights.get("encoder.layer.0.intermediate.dense.bias").data()).containsOnly(0f);
    float[] dense =
        Safetensors.read(folder.resolve("2_Dense/model.safetensors")).get("linear.weight").data();
    float max = 0;
    for (float v : dense) {
      max = Math.max(max, Math.abs(v));
    }
    // torch.nn.Linear's default: uniform in ±1/sqrt(128) = ±0.0884
    assertThat(max).isLessThanOrEqualTo(0.0884f).isGreaterThan(0.08f);

    try (SentenceEncoder encoder = SentenceEncoders.open(folder, "m", EncoderOptions.defaults())) {
      float[][] vectors = encoder.encode(List.of("a small dog", "quantum chromodynamics"));
      assertThat(vectors[0]).hasSize(256);
      double norm = 0;
      for (float v : vectors[0]) {
        norm += v * v;
      }
      assertThat(norm).isCloseTo(1.0, Offset.offset(1e-4));
      assertThat(vectors[0]).isNotEqualTo(vectors[1]);
    }
  }

  @Test
  void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() throws Exception {
    Path a = InitialModel.write("bert-tiny-dense", 42, dir.resolve("a"));
    Path b = InitialModel.write("bert-tiny-dense", 42, dir.resolve("b"));
    Path c = InitialModel.write("bert-tiny-dense", 43, dir.resolve("c"));
    for (String file : List.of("model.safetensors", "2_Dense/model.safetensors")) {
      assertThat(Files.readAllBytes(a.resolve(file)))
          .isEqualTo(Files.readAllBytes(b.resolve(file)));
      assertThat(Files.readAllBytes(a.resolve(file)))
          .isNotEqualTo(Files.readAllBytes(c.resolve(file)));
    }
  }

  @Test
  void anUnknownIdIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> InitialModel.write("bert-huge", 1, dir.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown initial model 'bert-huge' (known: bert-tiny-dense, bert-tiny-dense-pca)");
  }
}
