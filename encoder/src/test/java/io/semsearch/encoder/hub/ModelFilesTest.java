package io.semsearch.encoder.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

  @TempDir Path dir;

  @Test
  void selectsRootFilesThenModuleFilesAndNothingElse() {
    Set<String> repo =
        Set.of(
            "model.safetensors",
            "pytorch_model.bin",
            "config.json",
            "vocab.txt",
            "modules.json",
            "onnx/model.onnx",
            "1_Pooling/config.json",
            "2_Dense/config.json",
            "2_Dense/model.safetensors",
            "2_Dense/pytorch_model.bin",
            "README.md");
    assertThat(ModelFiles.select(repo, List.of("1_Pooling", "2_Dense")))
        .containsExactly(
            "modules.json",
            "config.json",
            "vocab.txt",
            "model.safetensors",
            "1_Pooling/config.json",
            "2_Dense/config.json",
            "2_Dense/model.safetensors");
    assertThat(ModelFiles.select(repo, List.of())).doesNotContain("1_Pooling/config.json");
  }

  @Test
  void findsAModuleWithOnlyOtherWeights() {
    Set<String> repo =
        Set.of(
            "model.safetensors",
            "1_Pooling/config.json",
            "2_Dense/config.json",
            "2_Dense/pytorch_model.bin");
    assertThat(ModelFiles.moduleWithoutSafetensors(repo, List.of("1_Pooling", "2_Dense")))
        .contains("2_Dense");
    assertThat(ModelFiles.otherWeights(repo, "2_Dense/"))
        .containsExactly("2_Dense/pytorch_model.bin");
    assertThat(
            ModelFiles.otherWeights(
                Set.of("onnx/model.onnx", "tf_model.h5", "model.safetensors"), ""))
        .containsExactly("tf_model.h5");
  }

  @Test
  void readsModulePathsWithoutTheRoot() throws IOException {
    Path modules = write("[{\"path\": \"\"}, {\"path\": \"1_Pooling\"}, {\"path\": \"2_Dense/\"}]");
    assertThat(ModelFiles.modulePaths(modules)).containsExactly("1_Pooling", "2_Dense");
  }

  @Test
  void refusesModulePathsOutsideTheRepoAndBadJson() throws IOException {
    Path escaping = write("[{\"path\": \"../elsewhere\"}]");
    assertThatThrownBy(() -> ModelFiles.modulePaths(escaping))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'../elsewhere'");
    Path broken = write("[{\"path\": ");
    assertThatThrownBy(() -> ModelFiles.modulePaths(broken))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not valid JSON")
        .hasCauseInstanceOf(IOException.class);
    Path object = write("{\"path\": \"x\"}");
    assertThatThrownBy(() -> ModelFiles.modulePaths(object))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("expected a JSON array");
  }

  @Test
  void encodesUrlSegments() {
    assertThat(HubHttp.encodeSegment("refs/pr/1")).isEqualTo("refs%2Fpr%2F1");
    assertThat(HubHttp.encodePath("1_Pooling/config.json")).isEqualTo("1_Pooling/config.json");
    assertThat(HubHttp.encodePath("a b/ü.txt")).isEqualTo("a%20b/%C3%BC.txt");
  }

  private Path write(String json) throws IOException {
    Path file = Files.createTempFile(dir, "modules", ".json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }
}
