package io.semsearch.encoder.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.onnx.OnnxBertImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A built-in model's cached import is reused only while the settings the import decides (pooling,
 * prompts, max_seq_length, lower-casing) are the ones it was made with; other settings import it
 * again. Checked on the default model's ONNX file imported under other settings into a folder of
 * its own, by the identity (file key) of the marker file: a reused folder keeps it, a new import
 * writes a new file.
 */
class ImportSettingsTest {

  @TempDir Path cache;

  private static BuiltinOnnxModel model(
      OnnxBertImporter.Pooling pooling, int maxSeqLength, Map<String, String> prompts) {
    BuiltinOnnxModel minilm = DefaultModel.MODEL;
    return new BuiltinOnnxModel(
        "settings-test",
        "settings-test",
        minilm.artifact(),
        minilm.artifactVersion(),
        minilm.onnxResource(),
        minilm.tokenizerResource(),
        pooling,
        maxSeqLength,
        false,
        prompts);
  }

  private Object importAndIdentify(BuiltinOnnxModel model) throws IOException {
    Path folder =
        ClasspathOnnxImport.ensureImported(model, cache, DefaultModel.class.getClassLoader());
    return Files.readAttributes(
            folder.resolve(OnnxBertImporter.MARKER_FILE), BasicFileAttributes.class)
        .fileKey();
  }

  @Test
  void theSameSettingsReuseTheFolder() throws IOException {
    BuiltinOnnxModel model = model(OnnxBertImporter.Pooling.MEAN, 256, Map.of());
    Object first = importAndIdentify(model);
    assertThat(first).isNotNull();
    assertThat(importAndIdentify(model(OnnxBertImporter.Pooling.MEAN, 256, Map.of())))
        .isEqualTo(first);
  }

  @Test
  void otherPoolingPromptsOrMaxSeqLengthImportAgain() throws IOException {
    Object mean = importAndIdentify(model(OnnxBertImporter.Pooling.MEAN, 256, Map.of()));

    Object cls = importAndIdentify(model(OnnxBertImporter.Pooling.CLS, 256, Map.of()));
    assertThat(cls).isNotEqualTo(mean);
    Path folder = cache.resolve("models/settings-test");
    assertThat(ModelFolder.read(folder, "t").pooling().cls()).isTrue();

    Object shorter = importAndIdentify(model(OnnxBertImporter.Pooling.CLS, 128, Map.of()));
    assertThat(shorter).isNotEqualTo(cls);
    assertThat(ModelFolder.read(folder, "t").transformer().maxSeqLength()).isEqualTo(128);

    Object prompted =
        importAndIdentify(model(OnnxBertImporter.Pooling.CLS, 128, Map.of("query", "q: ")));
    assertThat(prompted).isNotEqualTo(shorter);
    assertThat(ModelFolder.read(folder, "t").prompts().forQueries()).isEqualTo("q: ");
    assertThat(importAndIdentify(model(OnnxBertImporter.Pooling.CLS, 128, Map.of("query", "q: "))))
        .isEqualTo(prompted);
  }

  @Test
  void aMarkerWithoutSettingsIsAnOlderImportAndIsRedone() throws IOException {
    BuiltinOnnxModel model = model(OnnxBertImporter.Pooling.MEAN, 256, Map.of());
    Object first = importAndIdentify(model);
    Path marker = cache.resolve("models/settings-test").resolve(OnnxBertImporter.MARKER_FILE);
    ObjectMapper json = new ObjectMapper();
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(marker.toFile());
    assertThat(node.path("settings").asText()).hasSize(64);
    node.remove("settings");
    Files.writeString(marker, json.writeValueAsString(node), StandardCharsets.UTF_8);
    Object rewritten = Files.readAttributes(marker, BasicFileAttributes.class).fileKey();
    assertThat(importAndIdentify(model)).isNotEqualTo(rewritten).isNotEqualTo(first);
  }
}
