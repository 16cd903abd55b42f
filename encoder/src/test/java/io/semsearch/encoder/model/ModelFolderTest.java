package io.semsearch.encoder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

  @TempDir Path dir;

  private static final String BERT_CONFIG =
      "{\"model_type\":\"bert\",\"vocab_size\":10,\"hidden_size\":4,\"num_hidden_layers\":1,"
          + "\"num_attention_heads\":2,\"intermediate_size\":8,\"max_position_embeddings\":16,\"hidden_act\":\"gelu\"}";

  private void writeTransformer(String config) throws IOException {
    Files.writeString(dir.resolve("config.json"), config);
    Files.writeString(dir.resolve("tokenizer.json"), "{}");
    Safetensors.write(
        dir.resolve("model.safetensors"),
        List.of(new Tensor("x", new long[] {1}, new float[] {0})));
  }

  private void writeModules(String... types) throws IOException {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < types.length; i++) {
      String path = i == 0 ? "" : i + "_" + types[i];
      sb.append(i > 0 ? "," : "")
          .append("{\"idx\":")
          .append(i)
          .append(",\"name\":\"")
          .append(i)
          .append("\",\"path\":\"")
          .append(path)
          .append("\",\"type\":\"sentence_transformers.models.")
          .append(types[i])
          .append("\"}");
      if (i > 0) {
        Files.createDirectories(dir.resolve(path));
      }
    }
    Files.writeString(dir.resolve("modules.json"), sb.append(']').toString());
  }

  @Test
  void readsTransformerPoolingDenseNormalize() throws IOException {
    writeTransformer(BERT_CONFIG);
    writeModules("Transformer", "Pooling", "Dense", "Normalize");
    Files.writeString(
        dir.resolve("sentence_bert_config.json"),
        "{\"max_seq_length\": 12, \"do_lower_case\": true}");
    Files.writeString(
        dir.resolve("1_Pooling/config.json"),
        "{\"word_embedding_dimension\":4,\"pooling_mode_cls_token\":true,\"pooling_mode_max_tokens\":true,\"pooling_mode_mean_tokens\":false}");
    Files.writeString(
        dir.resolve("2_Dense/config.json"),
        "{\"in_features\":8,\"out_features\":3,\"bias\":false,\"activation_function\":\"torch.nn.modules.linear.Identity\"}");
    Safetensors.write(
        dir.resolve("2_Dense/model.safetensors"),
        List.of(new Tensor("linear.weight", new long[] {3, 8}, new float[24])));

    ModelSpec spec = ModelFolder.read(dir, "m");

    assertThat(spec.transformer().maxSeqLength()).isEqualTo(12);
    assertThat(spec.transformer().doLowerCase()).isTrue();
    assertThat(spec.transformer().config().headSize()).isEqualTo(2);
    assertThat(spec.pooling().outputDimension()).isEqualTo(8);
    assertThat(spec.outputLayers()).hasSize(2);
    assertThat(spec.outputLayers().get(0))
        .isEqualTo(
            new OutputLayer.Dense(
                8, 3, false, Activation.IDENTITY, dir.resolve("2_Dense/model.safetensors")));
    assertThat(spec.dimension()).isEqualTo(3);
    assertThat(spec.normalizes()).isTrue();
  }

  @Test
  void folderWithoutModulesIsMeanPooledTransformer() throws IOException {
    writeTransformer(BERT_CONFIG);
    ModelSpec spec = ModelFolder.read(dir, "plain");
    assertThat(spec.pooling()).isEqualTo(PoolingConfig.meanOf(4));
    assertThat(spec.transformer().maxSeqLength()).isEqualTo(16);
    assertThat(spec.normalizes()).isFalse();
  }

  @Test
  void maxSeqLengthIsCappedByThePositionTable() throws IOException {
    writeTransformer(BERT_CONFIG);
    Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 512}");
    assertThat(ModelFolder.read(dir, "m").transformer().maxSeqLength()).isEqualTo(16);
  }

  @Test
  void robertaMaxSeqLengthIsCappedByThePositionsAfterTheFirst() throws IOException {
    writeTransformer(BERT_CONFIG.replace("\"bert\"", "\"roberta\",\"pad_token_id\":1"));
    Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 512}");
    // 16 rows, the first two unused (positions start at pad_token_id + 1 = 2)
    assertThat(ModelFolder.read(dir, "m").transformer().maxSeqLength()).isEqualTo(14);
  }

  @Test
  void refusesAnArchitectureItCannotRun() throws IOException {
    writeTransformer(BERT_CONFIG.replace("\"bert\"", "\"deberta-v2\""));
    assertThatThrownBy(() -> ModelFolder.read(dir, "m"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("unsupported architecture model_type 'deberta-v2'")
        .hasMessageContaining("'roberta'")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusesUnknownModule() throws IOException {
    writeTransformer(BERT_CONFIG);
    writeModules("Transformer", "Pooling", "LSTM");
    Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_mean_tokens\":true}");
    assertThatThrownBy(() -> ModelFolder.read(dir, "m"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("modules.json")
        .hasMessageContaining("unsupported module type 'sentence_transformers.models.LSTM'");
  }

  @Test
  void refusesUnknownActivation() throws IOException {
    writeTransformer(BERT_CONFIG);
    writeModules("Transformer", "Pooling", "Dense");
    Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_mean_tokens\":true}");
    Files.writeString(
        dir.resolve("2_Dense/config.json"),
        "{\"in_features\":4,\"out_features\":3,\"activation_function\":\"my.Custom\"}");
    Safetensors.write(
        dir.resolve("2_Dense/model.safetensors"),
        List.of(new Tensor("linear.weight", new long[] {3, 4}, new float[12])));
    assertThatThrownBy(() -> ModelFolder.read(dir, "m"))
        .hasMessageContaining("2_Dense")
        .hasMessageContaining("unsupported activation_function 'my.Custom'");
  }

  @Test
  void namesMissingAndCorruptFiles() throws IOException {
    assertThatThrownBy(() -> ModelFolder.read(dir.resolve("nope"), "m"))
        .hasMessageContaining("nope: model folder not found");
    Files.writeString(dir.resolve("config.json"), "{not json");
    assertThatThrownBy(() -> ModelFolder.read(dir, "m"))
        .hasMessageContaining("config.json: not valid JSON");
    writeTransformer(BERT_CONFIG);
    Files.delete(dir.resolve("model.safetensors"));
    Files.writeString(dir.resolve("pytorch_model.bin"), "");
    assertThatThrownBy(() -> ModelFolder.read(dir, "m"))
        .hasMessageContaining("pytorch_model.bin: pickled PyTorch weights are not supported");
  }

  @Test
  void denseChainMustFit() throws IOException {
    writeTransformer(BERT_CONFIG);
    writeModules("Transformer", "Pooling", "Dense");
    Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_mean_tokens\":true}");
    Files.writeString(dir.resolve("2_Dense/config.json"), "{\"in_features\":5,\"out_features\":3}");
    Safetensors.write(
        dir.resolve("2_Dense/model.safetensors"),
        List.of(new Tensor("linear.weight", new long[] {3, 5}, new float[15])));
    assertThatThrownBy(() -> ModelFolder.read(dir, "m"))
        .hasMessageContaining("expects in_features 5 but receives 4");
  }

  @Test
  void poolingDefaultsFollowSentenceTransformers() throws IOException {
    Path config = dir.resolve("pooling.json");
    assertThat(PoolingConfig.fromJson(new ObjectMapper().readTree("{}"), 4, config))
        .isEqualTo(PoolingConfig.meanOf(4));
    assertThat(
            PoolingConfig.fromJson(
                new ObjectMapper()
                    .readTree("{\"pooling_mode\":\"cls\",\"pooling_mode_mean_tokens\":true}"),
                4,
                config))
        .isEqualTo(new PoolingConfig(4, true, false, false, false, false, false, true));
  }
}
