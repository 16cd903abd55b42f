package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.testing.JavaBertReference.PoolingMode;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder.DenseSpec;
import io.semsearch.encoder.torch.TrainableSentenceModel.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainableSentenceModelTest {

  @TempDir Path dir;

  private static List<long[]> mixedBatch() {
    return List.of(
        new long[] {101, 2023, 2003, 102},
        new long[] {101, 1037, 2936, 6251, 2007, 2062, 19204, 2015, 102},
        new long[] {101, 102},
        new long[] {101, 7592, 2088, 999, 102});
  }

  private static Path smallModel(Path dir, boolean bertPrefix) throws IOException {
    return RandomModelFolder.builder()
        .optHidden(16)
        .optHeads(2)
        .optIntermediate(32)
        .optPooling(PoolingMode.MEAN, PoolingMode.CLS)
        .optDense(new DenseSpec(32, 12, true, "Tanh"))
        .optBertPrefix(bertPrefix)
        .writeTo(dir);
  }

  @Test
  void embedsExactlyAsInferenceDoes() throws IOException {
    ModelSpec spec = ModelFolder.read(smallModel(dir.resolve("m"), false), "m");
    try (BertSentenceModel inference = new BertSentenceModel(spec, Device.cpu(), Precision.FP32);
        TrainableSentenceModel trainable = TrainableSentenceModel.load(spec);
        NDManager scope = trainable.newScope()) {
      float[][] expected = inference.embed(mixedBatch());
      float[] got = trainable.embed(mixedBatch(), scope).toFloatArray();
      int dim = expected[0].length;
      for (int b = 0; b < expected.length; b++) {
        for (int d = 0; d < dim; d++) {
          assertThat(got[b * dim + d])
              .as("sequence %d, dimension %d", b, d)
              .isCloseTo(expected[b][d], Offset.offset(1e-6f));
        }
      }
    }
  }

  @Test
  void listsTheCheckpointTensorsAsParametersWithDecayOffForBiasesAndLayerNorms()
      throws IOException {
    ModelSpec spec = ModelFolder.read(smallModel(dir.resolve("m"), true), "m");
    try (TrainableSentenceModel model = TrainableSentenceModel.load(spec)) {
      Map<String, Boolean> decays =
          model.parameters().stream()
              .collect(java.util.stream.Collectors.toMap(Parameter::name, Parameter::decays));
      // 5 embedding tensors, 16 per layer x 2, Dense weight and bias; the pooler is not used
      assertThat(decays).hasSize(5 + 16 * 2 + 2);
      assertThat(decays)
          .containsEntry("encoder.layer.1.attention.self.key.weight", true)
          .containsEntry("encoder.layer.1.attention.self.key.bias", false)
          .containsEntry("embeddings.LayerNorm.weight", false)
          .containsEntry("embeddings.token_type_embeddings.weight", true)
          .containsEntry("2_Dense/linear.weight", true)
          .containsEntry("2_Dense/linear.bias", false)
          .doesNotContainKey("pooler.dense.weight");
    }
  }

  @Test
  void savesAFolderThatLoadsAndEmbedsLikeTheChangedModel() throws Exception {
    Path base = smallModel(dir.resolve("base"), true);
    ModelSpec spec = ModelFolder.read(base, "base");
    Path saved = dir.resolve("saved");
    float[] trained;
    Map<String, Tensor> baseTensors = Safetensors.read(base.resolve("model.safetensors"));
    try (TrainableSentenceModel model = TrainableSentenceModel.load(spec);
        NDManager scope = model.newScope()) {
      // change every parameter, so a tensor saved from the wrong place shows
      int k = 0;
      for (Parameter p : model.parameters()) {
        NDArray data = p.data(scope);
        data.addi(scope.randomNormal(data.getShape()).mul(0.01f * (1 + k++ % 3)));
      }
      model.save(saved);
      trained = model.embed(mixedBatch(), scope).toFloatArray();

      Map<String, Tensor> savedTensors = Safetensors.read(saved.resolve("model.safetensors"));
      assertThat(savedTensors.keySet()).isEqualTo(baseTensors.keySet());
      for (String projection : List.of("query", "key", "value")) {
        String name = "encoder.layer.1.attention.self." + projection + ".weight";
        assertThat(savedTensors.get("bert." + name).data())
            .as(name + " saved as the parameter, unfused and unscaled")
            .containsExactly(parameter(model, name).toFloatArray());
      }
      String types = "embeddings.token_type_embeddings.weight";
      assertThat(savedTensors.get("bert." + types).shape()).containsExactly(2, 16);
      assertThat(savedTensors.get("bert." + types).data())
          .containsExactly(parameter(model, types).toFloatArray());
      assertThat(savedTensors.get("bert.pooler.dense.weight"))
          .isEqualTo(baseTensors.get("bert.pooler.dense.weight"));
    }
    try (SentenceEncoder encoder =
        SentenceEncoders.open(saved, "saved", EncoderOptions.defaults())) {
      assertThat(encoder.dimension()).isEqualTo(12);
      ModelSpec reread = ModelFolder.read(saved, "saved");
      assertThat(reread.pooling()).isEqualTo(spec.pooling());
      assertThat(reread.outputLayers()).hasSize(2);
      assertThat(reread.transformer().maxSeqLength()).isEqualTo(spec.transformer().maxSeqLength());
    }
    ModelSpec reread = ModelFolder.read(saved, "saved");
    try (BertSentenceModel loaded = new BertSentenceModel(reread, Device.cpu(), Precision.FP32)) {
      float[][] again = loaded.embed(mixedBatch());
      int dim = again[0].length;
      for (int b = 0; b < again.length; b++) {
        for (int d = 0; d < dim; d++) {
          assertThat(again[b][d]).isCloseTo(trained[b * dim + d], Offset.offset(1e-6f));
        }
      }
    }
  }

  private static NDArray parameter(TrainableSentenceModel model, String name) {
    return model.parameters().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow()
        .value();
  }

  @Test
  void refusesToTrainAnotherArchitectureInOneLine() throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optArchitecture("roberta")
            .optLayers(1)
            .writeTo(dir.resolve("r"));
    ModelSpec spec = ModelFolder.read(folder, "r");
    assertThatThrownBy(() -> TrainableSentenceModel.load(spec))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("training runs BERT models only, not model_type 'roberta'")
        .hasMessageNotContaining("\n");
  }
}
