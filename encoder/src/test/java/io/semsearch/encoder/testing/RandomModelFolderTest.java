package io.semsearch.encoder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.model.Activation;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.OutputLayer;
import io.semsearch.encoder.model.PoolingConfig;
import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.testing.JavaBertReference.PoolingMode;
import io.semsearch.encoder.testing.RandomModelFolder.DenseSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomModelFolderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static JsonNode json(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  @Test
  void writesTheSentenceTransformersLayoutOfBertTiny() throws IOException {
    Path model = RandomModelFolder.builder().writeTo(dir.resolve("tiny"));

    assertThat(Files.readString(model.resolve("modules.json")))
        .startsWith(
            "[\n"
                + "  {\n"
                + "    \"idx\": 0,\n"
                + "    \"name\": \"0\",\n"
                + "    \"path\": \"\",\n"
                + "    \"type\": \"sentence_transformers.models.Transformer\"\n"
                + "  },");
    JsonNode modules = json(model.resolve("modules.json"));
    List<String> entries = new ArrayList<>();
    for (JsonNode m : modules) {
      entries.add(
          m.get("idx").asInt()
              + " "
              + m.get("name").asText()
              + " '"
              + m.get("path").asText()
              + "' "
              + m.get("type").asText());
    }
    assertThat(entries)
        .containsExactly(
            "0 0 '' sentence_transformers.models.Transformer",
            "1 1 '1_Pooling' sentence_transformers.models.Pooling",
            "2 2 '2_Dense' sentence_transformers.models.Dense",
            "3 3 '3_Normalize' sentence_transformers.models.Normalize");
    assertThat(model.resolve("3_Normalize")).isEmptyDirectory();
    assertThat(model.resolve("tokenizer.json")).isRegularFile();
    assertThat(model.resolve("tokenizer_config.json")).isRegularFile();
    assertThat(
            json(model.resolve("config_sentence_transformers.json"))
                .path("similarity_fn_name")
                .asText())
        .isEqualTo("cosine");

    JsonNode config = json(model.resolve("config.json"));
    assertThat(config.get("model_type").asText()).isEqualTo("bert");
    assertThat(config.get("architectures").get(0).asText()).isEqualTo("BertModel");
    assertThat(config.get("hidden_size").asInt()).isEqualTo(128);
    assertThat(config.get("num_hidden_layers").asInt()).isEqualTo(2);
    assertThat(config.get("num_attention_heads").asInt()).isEqualTo(2);
    assertThat(config.get("intermediate_size").asInt()).isEqualTo(512);
    assertThat(config.get("hidden_act").asText()).isEqualTo("gelu");
    assertThat(config.get("layer_norm_eps").asDouble()).isEqualTo(1e-12);
    assertThat(config.get("max_position_embeddings").asInt()).isEqualTo(512);
    assertThat(config.get("type_vocab_size").asInt()).isEqualTo(2);
    assertThat(config.get("vocab_size").asInt()).isEqualTo(30522);

    JsonNode stConfig = json(model.resolve("sentence_bert_config.json"));
    assertThat(stConfig.get("max_seq_length").asInt()).isEqualTo(384);
    assertThat(stConfig.get("do_lower_case").asBoolean()).isFalse();

    JsonNode pooling = json(model.resolve("1_Pooling/config.json"));
    assertThat(pooling.get("word_embedding_dimension").asInt()).isEqualTo(128);
    assertThat(pooling.get("pooling_mode_mean_tokens").asBoolean()).isTrue();
    for (String key :
        List.of(
            "pooling_mode_cls_token",
            "pooling_mode_max_tokens",
            "pooling_mode_mean_sqrt_len_tokens",
            "pooling_mode_weightedmean_tokens",
            "pooling_mode_lasttoken")) {
      assertThat(pooling.get(key).asBoolean()).as(key).isFalse();
    }
    assertThat(pooling.get("include_prompt").asBoolean()).isTrue();

    JsonNode dense = json(model.resolve("2_Dense/config.json"));
    assertThat(dense.get("in_features").asInt()).isEqualTo(128);
    assertThat(dense.get("out_features").asInt()).isEqualTo(256);
    assertThat(dense.get("bias").asBoolean()).isTrue();
    assertThat(dense.get("activation_function").asText())
        .isEqualTo("torch.nn.modules.activation.Tanh");
  }

  @Test
  void weightsRoundTripThroughSafetensorsWithBertModelNames() throws IOException {
    Path model = RandomModelFolder.builder().writeTo(dir.resolve("tiny"));
    Map<String, Tensor> tensors = Safetensors.read(model.resolve("model.safetensors"));

    assertThat(tensors).hasSize(5 + 2 * 16 + 2);
    assertThat(tensors.get("embeddings.word_embeddings.weight").shape())
        .containsExactly(30522, 128);
    assertThat(tensors.get("embeddings.position_embeddings.weight").shape())
        .containsExactly(512, 128);
    assertThat(tensors.get("embeddings.token_type_embeddings.weight").shape())
        .containsExactly(2, 128);
    assertThat(tensors.get("encoder.layer.1.attention.self.query.weight").shape())
        .containsExactly(128, 128);
    assertThat(tensors.get("encoder.layer.1.intermediate.dense.weight").shape())
        .containsExactly(512, 128);
    assertThat(tensors.get("encoder.layer.1.output.dense.weight").shape())
        .containsExactly(128, 512);
    assertThat(tensors.get("encoder.layer.0.output.LayerNorm.bias").shape()).containsExactly(128);
    assertThat(tensors.get("pooler.dense.weight").shape()).containsExactly(128, 128);
    for (float w : tensors.get("encoder.layer.0.attention.output.LayerNorm.weight").data()) {
      assertThat(w).isBetween(0.4f, 1.6f);
    }
    float[] query = tensors.get("encoder.layer.0.attention.self.query.weight").data();
    double squares = 0;
    for (float w : query) {
      squares += (double) w * w;
    }
    assertThat(Math.sqrt(squares / query.length)).isBetween(0.045, 0.055);

    Map<String, Tensor> dense = Safetensors.read(model.resolve("2_Dense/model.safetensors"));
    assertThat(dense.keySet()).containsExactly("linear.weight", "linear.bias");
    assertThat(dense.get("linear.weight").shape()).containsExactly(256, 128);
  }

  @Test
  void sameSeedGivesSameBytesAndAnotherSeedOtherWeights() throws IOException {
    RandomModelFolder.Builder builder =
        RandomModelFolder.builder().optHidden(16).optHeads(2).optIntermediate(32);
    Path a = builder.optSeed(3).writeTo(dir.resolve("a"));
    Path b = builder.optSeed(3).writeTo(dir.resolve("b"));
    Path c = builder.optSeed(4).writeTo(dir.resolve("c"));
    assertThat(Files.readAllBytes(a.resolve("model.safetensors")))
        .isEqualTo(Files.readAllBytes(b.resolve("model.safetensors")));
    assertThat(Files.readAllBytes(a.resolve("2_Dense/model.safetensors")))
        .isEqualTo(Files.readAllBytes(b.resolve("2_Dense/model.safetensors")));
    assertThat(Files.readAllBytes(a.resolve("model.safetensors")))
        .isNotEqualTo(Files.readAllBytes(c.resolve("model.safetensors")));
  }

  @Test
  void productionReaderParsesTheDefaultFolder() throws IOException {
    ModelSpec spec =
        ModelFolder.read(RandomModelFolder.builder().writeTo(dir.resolve("tiny")), "random");
    assertThat(spec.transformer().config().hiddenSize()).isEqualTo(128);
    assertThat(spec.transformer().config().hiddenAct()).isEqualTo(Activation.GELU);
    assertThat(spec.transformer().maxSeqLength()).isEqualTo(384);
    assertThat(spec.pooling())
        .isEqualTo(new PoolingConfig(128, false, false, true, false, false, false, true));
    assertThat(spec.outputLayers()).hasSize(2);
    assertThat(spec.outputLayers().get(0)).isInstanceOf(OutputLayer.Dense.class);
    assertThat(spec.dimension()).isEqualTo(256);
    assertThat(spec.normalizes()).isTrue();
  }

  @Test
  void everyOptionReachesTheFiles() throws IOException {
    RandomModelFolder.Builder builder =
        RandomModelFolder.builder()
            .optLayers(3)
            .optHidden(24)
            .optHeads(3)
            .optIntermediate(40)
            .optHiddenAct("gelu_new")
            .optMaxSeqLength(64)
            .optPooling(PoolingMode.CLS, PoolingMode.MAX, PoolingMode.WEIGHTED_MEAN)
            .optDense(
                new DenseSpec(72, 30, false, "Identity"),
                new DenseSpec(30, 10, true, "torch.nn.modules.activation.GELU"))
            .optNormalize(false)
            .optBertPrefix(true)
            .optPooler(false);
    Path model = builder.writeTo(dir.resolve("m"));
    assertThat(builder.dimension()).isEqualTo(10);

    ModelSpec spec = ModelFolder.read(model, "options");
    assertThat(spec.transformer().config().numLayers()).isEqualTo(3);
    assertThat(spec.transformer().config().numHeads()).isEqualTo(3);
    assertThat(spec.transformer().config().hiddenAct()).isEqualTo(Activation.GELU_TANH);
    assertThat(spec.transformer().maxSeqLength()).isEqualTo(64);
    assertThat(spec.pooling())
        .isEqualTo(new PoolingConfig(24, true, true, false, false, true, false, true));
    assertThat(spec.outputLayers())
        .extracting(layer -> ((OutputLayer.Dense) layer).activation())
        .containsExactly(Activation.IDENTITY, Activation.GELU);
    assertThat(spec.dimension()).isEqualTo(10);
    assertThat(spec.normalizes()).isFalse();

    assertThat(Safetensors.read(model.resolve("model.safetensors")).keySet())
        .allMatch(name -> name.startsWith("bert."))
        .noneMatch(name -> name.contains("pooler"));
    assertThat(Safetensors.read(model.resolve("2_Dense/model.safetensors")).keySet())
        .containsExactly("linear.weight");

    JavaBertReference reference = JavaBertReference.load(model);
    assertThat(reference.poolingModes())
        .containsExactly(PoolingMode.CLS, PoolingMode.MAX, PoolingMode.WEIGHTED_MEAN);
    assertThat(reference.embed(new int[] {101, 1996, 102})).hasSize(10);
  }

  @Test
  void noDenseAndNoNormalizeLeavesThePooledVector() throws IOException {
    Path model =
        RandomModelFolder.builder()
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .optDense()
            .optNormalize(false)
            .writeTo(dir.resolve("m"));
    assertThat(json(model.resolve("modules.json"))).hasSize(2);
    assertThat(ModelFolder.read(model, "m").dimension()).isEqualTo(16);
    assertThat(JavaBertReference.load(model).dimension()).isEqualTo(16);
  }

  @Test
  void bundledTokenizerGivesBertIds() throws IOException {
    Path model =
        RandomModelFolder.builder()
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .writeTo(dir.resolve("m"));
    try (HuggingFaceTokenizer tokenizer =
        HuggingFaceTokenizer.builder()
            .optTokenizerPath(model.resolve("tokenizer.json"))
            .optPadding(false)
            .optTruncation(false)
            .build()) {
      Encoding encoding = tokenizer.encode("Hello world");
      assertThat(encoding.getIds()).containsExactly(101, 7592, 2088, 102);
    }
  }

  @Test
  void refusesInconsistentOptions() {
    assertThatThrownBy(
            () -> RandomModelFolder.builder().optHidden(10).optHeads(3).writeTo(dir.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of heads 3");
    assertThatThrownBy(
            () ->
                RandomModelFolder.builder()
                    .optDense(new DenseSpec(64, 8, true, "Tanh"))
                    .writeTo(dir.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("receives 128");
    assertThatThrownBy(() -> RandomModelFolder.builder().optHiddenAct("nonsense"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RandomModelFolder.builder().optLayers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got: 0");
  }

  @Test
  void otherArchitecturesWriteTheirOwnNamesAndTables() throws IOException {
    Path roberta =
        RandomModelFolder.builder()
            .optArchitecture("roberta")
            .optBertPrefix(true)
            .writeTo(dir.resolve("roberta"));
    Map<String, SafetensorsFile.Entry> r =
        SafetensorsFile.read(roberta.resolve("model.safetensors"));
    assertThat(r.get("roberta.embeddings.position_embeddings.weight").shape())
        .containsExactly(514, 128);
    assertThat(r.get("roberta.embeddings.token_type_embeddings.weight").shape())
        .containsExactly(1, 128);
    assertThat(r).containsKey("roberta.encoder.layer.1.attention.self.query.weight");

    Path mpnet = RandomModelFolder.builder().optArchitecture("mpnet").writeTo(dir.resolve("mpnet"));
    Map<String, SafetensorsFile.Entry> m = SafetensorsFile.read(mpnet.resolve("model.safetensors"));
    assertThat(m.get("encoder.relative_attention_bias.weight").shape()).containsExactly(32, 2);
    assertThat(m)
        .containsKey("encoder.layer.0.attention.attn.q.weight")
        .containsKey("encoder.layer.0.attention.attn.o.bias")
        .containsKey("encoder.layer.0.attention.LayerNorm.weight")
        .doesNotContainKey("embeddings.token_type_embeddings.weight");
    String config = Files.readString(mpnet.resolve("config.json"));
    assertThat(config).contains("\"model_type\": \"mpnet\"").contains("\"pad_token_id\": 1");
    assertThat(Files.readString(mpnet.resolve("tokenizer_config.json")))
        .contains("\"pad_token\": \"<pad>\"")
        .contains("\"tokenizer_class\": \"MPNetTokenizer\"");
  }
}
