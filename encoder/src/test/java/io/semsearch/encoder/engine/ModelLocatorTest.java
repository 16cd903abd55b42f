package io.semsearch.encoder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.builtin.DefaultModel;
import io.semsearch.encoder.hub.FakeHub;
import io.semsearch.encoder.model.CrossEncoderSpec;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.testing.JavaCrossEncoderReference;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.torch.TorchCrossEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model} resolution: default, folder, hub repo id (against a local stand-in hub). */
class ModelLocatorTest {

  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path dir;

  @Test
  void nothingMeansTheDefaultModel() throws IOException {
    ModelSpec spec = new ModelLocator(Map.of()).locate(null);
    assertThat(spec.id()).isEqualTo(DefaultModel.ID);
    assertThat(spec.dimension()).isEqualTo(384);
    assertThat(spec.transformer().maxSeqLength()).isEqualTo(256);
    assertThat(spec.normalizes()).isTrue();
  }

  @Test
  void aFolderIsUsedAsItIs() throws IOException {
    Path folder = RandomModelFolder.builder().writeTo(dir.resolve("my-model"));
    ModelSpec spec = new ModelLocator(Map.of()).locate(folder.toString());
    assertThat(spec.id()).isEqualTo("my-model");
    assertThat(spec.folder()).isEqualTo(folder);
  }

  @Test
  void aRepoIdIsDownloadedAndEmbedsLikeTheLocalFolder() throws IOException {
    Path local = RandomModelFolder.builder().optSeed(3).writeTo(dir.resolve("local"));
    try (FakeHub hub = new FakeHub()) {
      hub.add(new FakeHub.Repo("test-org/tiny", SHA, filesOf(local), null));
      Map<String, String> env = new HashMap<>();
      env.put("HF_ENDPOINT", hub.endpoint().toString());
      env.put("HF_HUB_CACHE", dir.resolve("hub-cache").toString());

      ModelSpec fromHub = new ModelLocator(env).locate("test-org/tiny");
      assertThat(fromHub.id()).isEqualTo("test-org/tiny");
      assertThat(fromHub.folder()).startsWith(dir.resolve("hub-cache"));

      EncoderOptions cpu = EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
      List<String> texts = List.of("hello hub", "");
      try (SentenceEncoder a = SentenceEncoders.open(fromHub, cpu);
          SentenceEncoder b = SentenceEncoders.open(local, "local", cpu)) {
        float[][] va = a.encode(texts);
        float[][] vb = b.encode(texts);
        for (int i = 0; i < texts.size(); i++) {
          assertThat(va[i]).containsExactly(vb[i], within(1e-6f));
        }
        assertThat(a.model().fingerprint()).isEqualTo(b.model().fingerprint());
      }

      // Offline: served from the cache without a request; an uncached repo fails cleanly.
      int before = hub.requests().size();
      env.put("HF_HUB_OFFLINE", "1");
      assertThat(new ModelLocator(env).locate("test-org/tiny").folder())
          .isEqualTo(fromHub.folder());
      assertThat(hub.requests()).hasSize(before);
      assertThatThrownBy(() -> new ModelLocator(env).locate("test-org/other"))
          .hasMessageContaining("test-org/other")
          .hasMessageContaining("HF_HUB_OFFLINE");
    }
  }

  @Test
  void somethingElseIsRefusedWithItsName() {
    assertThatThrownBy(() -> new ModelLocator(Map.of()).locate(dir.resolve("missing").toString()))
        .hasMessage(
            "model '"
                + dir.resolve("missing")
                + "' is neither a folder nor a Hugging Face repo id (org/name[@revision])");
  }

  @Test
  void aCrossEncoderRepoIdIsDownloadedAndScoresAsTheReferenceDoes() throws IOException {
    Path local =
        RandomCrossEncoderFolder.write(
            RandomModelFolder.builder().optSeed(4),
            RandomCrossEncoderFolder.Head.standard(),
            dir.resolve("ce-local"));
    JavaCrossEncoderReference reference = JavaCrossEncoderReference.load(local);
    try (FakeHub hub = new FakeHub()) {
      hub.add(new FakeHub.Repo("test-org/reranker", SHA, filesOf(local), null));
      Map<String, String> env = new HashMap<>();
      env.put("HF_ENDPOINT", hub.endpoint().toString());
      env.put("HF_HUB_CACHE", dir.resolve("hub-cache").toString());
      CrossEncoderSpec spec = new ModelLocator(env).locateCrossEncoder("test-org/reranker");
      assertThat(spec.id()).isEqualTo("test-org/reranker");
      assertThat(spec.folder()).startsWith(dir.resolve("hub-cache"));
      EncoderOptions cpu = EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
      try (CrossEncoder encoder = new TorchCrossEncoder(spec, cpu)) {
        // "[CLS] hello [SEP] world [SEP]" in the MiniLM vocabulary
        float score = encoder.score("hello", List.of("world"))[0];
        double expected =
            reference.score(new int[] {101, 7592, 102, 2088, 102}, new int[] {0, 0, 0, 1, 1});
        assertThat((double) score).isCloseTo(expected, within(1e-4));
      }
    }
    assertThatThrownBy(() -> new ModelLocator(Map.of()).locateCrossEncoder("no such thing"))
        .hasMessageContaining("no such thing");
  }

  @Test
  void int8OnAGpuIsRefusedForCrossEncodersInOneLine() {
    assertThatThrownBy(
            () ->
                SentenceEncoders.openCrossEncoder(
                    dir.toString(),
                    EncoderOptions.defaults()
                        .withDevice(DeviceSpec.parse("gpu"))
                        .withPrecision(io.semsearch.encoder.Precision.INT8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("int8 runs on the CPU only")
        .hasMessageNotContaining("\n");
  }

  /** Every file below {@code folder} by its relative path, as a hub repo serves them. */
  static Map<String, byte[]> filesOf(Path folder) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
