package io.semsearch.encoder.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.hub.FakeHub;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.testing.JavaBertReference;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A RoBERTa and an MPNet repo downloaded from the local stand-in hub ({@link FakeHub}) and encoded,
 * against the plain-Java reference run on the folder the repo was made from.
 */
class ArchitectureHubTest {

  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"roberta", "mpnet"})
  void aDownloadedRepoEmbedsLikeTheReference(String modelType) throws IOException {
    Path local =
        RandomModelFolder.builder()
            .optArchitecture(modelType)
            .optSeed(31)
            .writeTo(dir.resolve("local"));
    JavaBertReference reference = JavaBertReference.load(local);
    try (FakeHub hub = new FakeHub()) {
      hub.add(
          new FakeHub.Repo("test-org/" + modelType, SHA, ModelLocatorTest.filesOf(local), null));
      Map<String, String> env =
          Map.of(
              "HF_ENDPOINT", hub.endpoint().toString(),
              "HF_HUB_CACHE", dir.resolve("hub-cache").toString());
      ModelSpec spec = new ModelLocator(env).locate("test-org/" + modelType);
      assertThat(spec.folder()).startsWith(dir.resolve("hub-cache"));
      assertThat(spec.transformer().config().architecture().modelType()).isEqualTo(modelType);

      EncoderOptions cpu = EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
      try (SentenceEncoder encoder = SentenceEncoders.open(spec, cpu)) {
        // "the cat" and "the hat!" as the tiny BPE tokenizer splits them (RobertaTokenizerTest)
        float[][] vectors = encoder.encode(List.of("the cat", "the hat!"));
        float[][] expected = {
          reference.embed(new int[] {0, 261, 264, 2}),
          reference.embed(new int[] {0, 261, 36, 108, 101, 120, 37, 2})
        };
        for (int i = 0; i < expected.length; i++) {
          float worst = 0;
          for (int j = 0; j < expected[i].length; j++) {
            worst = Math.max(worst, Math.abs(vectors[i][j] - expected[i][j]));
          }
          assertThat(worst).as(modelType + " text " + i).isLessThanOrEqualTo(1e-4f);
        }
      }
    }
  }
}
