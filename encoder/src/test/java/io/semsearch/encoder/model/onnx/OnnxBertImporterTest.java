package io.semsearch.encoder.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import rules, on a tiny hand-built BERT graph. */
class OnnxBertImporterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] TOKENIZER = "{\"model\":{}}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static OnnxBertImporter importer(int heads) {
    return new OnnxBertImporter(
        new OnnxBertImporter.Options("test:tiny", heads, TinyBertGraph.POSITIONS, false));
  }

  @Test
  void importsAFolderThatModelFolderReads() throws Exception {
    TinyBertGraph graph = new TinyBertGraph("");

    BertConfig config = importer(2).importInto(graph.parse(), TOKENIZER, dir);
    ModelSpec spec = ModelFolder.read(dir, "tiny");

    assertThat(config).isEqualTo(spec.transformer().config());
    assertThat(config.vocabSize()).isEqualTo(TinyBertGraph.VOCAB);
    assertThat(config.hiddenSize()).isEqualTo(TinyBertGraph.HIDDEN);
    assertThat(config.numLayers()).isEqualTo(TinyBertGraph.LAYERS);
    assertThat(config.numHeads()).isEqualTo(2);
    assertThat(config.intermediateSize()).isEqualTo(TinyBertGraph.INTERMEDIATE);
    assertThat(config.maxPositionEmbeddings()).isEqualTo(TinyBertGraph.POSITIONS);
    assertThat(config.typeVocabSize()).isEqualTo(TinyBertGraph.TYPES);
    assertThat(spec.transformer().maxSeqLength()).isEqualTo(TinyBertGraph.POSITIONS);
    assertThat(spec.pooling().outputDimension()).isEqualTo(TinyBertGraph.HIDDEN);
    assertThat(spec.outputLayers()).hasSize(1);
    assertThat(Files.readAllBytes(dir.resolve("tokenizer.json"))).isEqualTo(TOKENIZER);
    assertThat(Files.isDirectory(dir.resolve("2_Normalize"))).isTrue();
  }

  @Test
  void writesExactlyTheBertModelParametersInStateDictOrder() throws Exception {
    TinyBertGraph graph = new TinyBertGraph("");

    importer(2).importInto(graph.parse(), TOKENIZER, dir);
    Map<String, Tensor> weights = Safetensors.read(dir.resolve("model.safetensors"));

    // 5 embedding tensors + 16 per layer; position_ids (INT64) and the constant onnx::Add_999 are
    // dropped.
    assertThat(weights).hasSize(5 + 16 * TinyBertGraph.LAYERS);
    assertThat(weights.keySet())
        .startsWith(
            "embeddings.word_embeddings.weight",
            "embeddings.position_embeddings.weight",
            "embeddings.token_type_embeddings.weight",
            "embeddings.LayerNorm.weight",
            "embeddings.LayerNorm.bias",
            "encoder.layer.0.attention.self.query.weight");
    assertThat(weights.keySet())
        .noneMatch(n -> n.startsWith("onnx::") || n.contains("position_ids"));
    assertThat(weights.get("encoder.layer.1.intermediate.dense.weight").shape())
        .containsExactly(8, 4);
    assertThat(weights.get("encoder.layer.1.output.dense.weight").shape()).containsExactly(4, 8);
  }

  @Test
  void matMulWeightsAreTransposedBackToOutIn() throws Exception {
    TinyBertGraph graph = new TinyBertGraph("");
    OnnxModel model = graph.parse();
    Tensor onnx =
        model
            .initializers()
            .get(graph.matMulWeightOf("encoder.layer.0.intermediate.dense"))
            .toTensor();

    Map<String, Tensor> weights = OnnxBertImporter.bertWeights(model);

    Tensor weight = weights.get("encoder.layer.0.intermediate.dense.weight");
    assertThat(onnx.shape()).containsExactly(4, 8);
    assertThat(weight.shape()).containsExactly(8, 4);
    // weight[o][i] == onnx[i][o]; e.g. o = 5, i = 2
    assertThat(weight.data()[5 * 4 + 2]).isEqualTo(onnx.data()[2 * 8 + 5]);
    assertThat(weight.data()).containsExactly(onnx.transpose2d().data());
  }

  @Test
  void aBertPrefixIsRemovedFromInitializersAndNodes() throws Exception {
    TinyBertGraph graph = new TinyBertGraph("bert.");

    Map<String, Tensor> weights = OnnxBertImporter.bertWeights(graph.parse());

    assertThat(weights)
        .containsKeys(
            "embeddings.word_embeddings.weight", "encoder.layer.1.attention.self.value.weight");
    assertThat(weights.keySet()).noneMatch(n -> n.startsWith("bert."));
  }

  @Test
  void aWeightThatIsNotFloatIsRefusedByName() throws Exception {
    TinyBertGraph graph = new TinyBertGraph("");
    String bias = "encoder.layer.0.output.dense.bias";
    graph.initializers.put(bias, new TinyBertGraph.Init(bias, new long[] {4}, 3));

    assertThatThrownBy(() -> OnnxBertImporter.bertWeights(graph.parse()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(
            "tiny.onnx: tensor " + bias + " has data type INT8 (3); only FLOAT (1) is supported");
  }

  @Test
  void aMatMulNodeWithoutAModulePathIsRefused() throws Exception {
    TinyBertGraph graph = new TinyBertGraph("");
    String weight = graph.matMulWeightOf("encoder.layer.0.attention.self.key");
    graph.nodes.replaceAll(
        n ->
            n.inputs().contains(weight)
                ? new TinyBertGraph.Node("MatMul_7", "MatMul", n.inputs())
                : n);

    assertThatThrownBy(() -> OnnxBertImporter.bertWeights(graph.parse()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(
            "can't name MatMul weight "
                + weight
                + ": its node 'MatMul_7' is not named after a module");
  }

  @Test
  void missingAndMisshapenWeightsAreListed() throws Exception {
    TinyBertGraph graph = new TinyBertGraph("");
    graph.initializers.remove("encoder.layer.1.output.LayerNorm.bias");
    graph.initializers.put(
        "encoder.layer.0.intermediate.dense.bias",
        new TinyBertGraph.Init("encoder.layer.0.intermediate.dense.bias", new long[] {7}, 1));

    assertThatThrownBy(() -> OnnxBertImporter.bertWeights(graph.parse()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("tiny.onnx: not a BERT encoder: ")
        .hasMessageContaining("encoder.layer.0.intermediate.dense.bias has shape [7], expected [8]")
        .hasMessageContaining("encoder.layer.1.output.LayerNorm.bias is missing");
  }

  @Test
  void headsThatDoNotDivideTheHiddenSizeAreRefused() {
    TinyBertGraph graph = new TinyBertGraph("");

    assertThatThrownBy(() -> importer(3).importInto(graph.parse(), TOKENIZER, dir))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("hidden_size 4 is not a multiple of num_attention_heads 3");
  }

  @Test
  void aGraphWithoutErfIsNotGelu() {
    TinyBertGraph graph = new TinyBertGraph("");
    graph.nodes.removeIf(n -> n.opType().equals("Erf"));

    assertThatThrownBy(() -> importer(2).importInto(graph.parse(), TOKENIZER, dir))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("no Erf node");
  }

  @Test
  void theMarkerRecordsSourceAndVersionAndIsWrittenOnlyByACompleteImport() throws Exception {
    assertThat(OnnxBertImporter.isImported(dir, null)).isFalse();

    importer(2).importInto(new TinyBertGraph("").parse(), TOKENIZER, dir);
    JsonNode marker = JSON.readTree(dir.resolve(OnnxBertImporter.MARKER_FILE).toFile());

    assertThat(marker.path("source").asText()).isEqualTo("test:tiny");
    assertThat(marker.path("importer_version").asText()).isEqualTo(OnnxBertImporter.VERSION);
    assertThat(marker.path("onnx_producer").asText()).isEqualTo("pytorch 2.0.1");
    assertThat(OnnxBertImporter.isImported(dir, "test:tiny")).isTrue();
    assertThat(OnnxBertImporter.isImported(dir, null)).isTrue();
    assertThat(OnnxBertImporter.isImported(dir, "test:other")).isFalse();

    Files.writeString(
        dir.resolve(OnnxBertImporter.MARKER_FILE),
        "{\"importer_version\":\"0\",\"source\":\"test:tiny\"}");
    assertThat(OnnxBertImporter.isImported(dir, "test:tiny")).isFalse();
    Files.writeString(dir.resolve(OnnxBertImporter.MARKER_FILE), "{not json");
    assertThat(OnnxBertImporter.isImported(dir, "test:tiny")).isFalse();
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> new OnnxBertImporter.Options("s", 0, 256, false))
        .hasMessage("numHeads must be at least 1, got: 0");
    assertThatThrownBy(() -> new OnnxBertImporter.Options("s", 12, 1, false))
        .hasMessage("maxSeqLength must be at least 2, got: 1");
    assertThatThrownBy(
            () ->
                new OnnxBertImporter(new OnnxBertImporter.Options("s", 2, 17, false))
                    .importInto(new TinyBertGraph("").parse(), TOKENIZER, dir))
        .hasMessage("maxSeqLength 17 exceeds the model's 16 position embeddings");
    assertThat(OnnxBertImporter.Options.defaults("s"))
        .isEqualTo(new OnnxBertImporter.Options("s", 12, 256, false));
    assertThat(List.of(dir.toFile().list())).isEmpty();
  }
}
