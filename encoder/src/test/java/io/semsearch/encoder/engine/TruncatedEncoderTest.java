package io.semsearch.encoder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.model.ModelFingerprint;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matryoshka truncation ({@code truncate_dim}, {@link ModelSpec#withTruncateDim}): the cut vectors
 * against a plain-Java cut of the full model's vectors, and the truncation's part in the model's
 * identity.
 */
class TruncatedEncoderTest {

  private static final List<String> TEXTS =
      List.of("a dog barks at the mailman", "stock markets fell sharply", "", "x y z");
  private static final EncoderOptions CPU =
      EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));

  /**
   * Two encoders of one model agree to float rounding, not bit for bit (batches and threads differ
   * between runs); a cut that is not normalized again is off by more than 1% of each value.
   */
  private static final double TOLERANCE = 1e-5;

  @TempDir Path dir;

  @Test
  void aNormalizedModelsCutVectorsAreTheFullOnesPrefixesScaledToUnitLength() throws IOException {
    Path folder = RandomModelFolder.builder().optSeed(5).writeTo(dir.resolve("m"));
    ModelSpec spec = ModelFolder.read(folder, "m");
    float[][] full = encode(spec, TEXTS);
    float[][] cut = encode(spec.withTruncateDim(64), TEXTS);

    for (int i = 0; i < TEXTS.size(); i++) {
      // the reference: the prefix, divided by its own norm in double
      double norm = 0;
      for (int j = 0; j < 64; j++) {
        norm += (double) full[i][j] * full[i][j];
      }
      norm = Math.sqrt(norm);
      assertThat(norm).as("the prefix of a unit vector is shorter").isLessThan(0.99);
      assertThat(cut[i]).hasSize(64);
      for (int j = 0; j < 64; j++) {
        assertThat((double) cut[i][j])
            .as("text %d, value %d", i, j)
            .isCloseTo(full[i][j] / norm, Offset.offset(TOLERANCE));
      }
    }
  }

  @Test
  void aModelWithoutNormalizeIsCutOnly() throws IOException {
    Path folder =
        RandomModelFolder.builder().optSeed(6).optNormalize(false).writeTo(dir.resolve("raw"));
    ModelSpec spec = ModelFolder.read(folder, "raw");
    float[][] full = encode(spec, TEXTS);
    float[][] cut = encode(spec.withTruncateDim(10), TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(cut[i]).hasSize(10);
      for (int j = 0; j < 10; j++) {
        assertThat((double) cut[i][j]).isCloseTo(full[i][j], Offset.offset(TOLERANCE));
      }
    }
  }

  @Test
  void theEncoderReportsTheCutWidthAndPromptedQueriesAreCutToo() throws IOException {
    Path folder = RandomModelFolder.builder().optSeed(7).writeTo(dir.resolve("q"));
    ModelSpec spec = ModelFolder.read(folder, "q").withTruncateDim(32);
    try (SentenceEncoder encoder = SentenceEncoders.open(spec, CPU)) {
      assertThat(encoder.dimension()).isEqualTo(32);
      assertThat(encoder.model().dimension()).isEqualTo(32);
      assertThat(encoder.model().fingerprint()).isEqualTo(ModelFingerprint.of(spec));
      assertThat(encoder.encodeQuery("where is the dog")).hasSize(32);
      assertThat(encoder.encodeDocuments(TEXTS)[0]).hasSize(32);
    }
  }

  @Test
  void truncateDimInTheConfigCutsTheModelAndChangesItsFingerprint() throws IOException {
    Path folder = RandomModelFolder.builder().optSeed(8).writeTo(dir.resolve("c"));
    ModelSpec plain = ModelFolder.read(folder, "c");
    Files.writeString(
        folder.resolve("config_sentence_transformers.json"), "{\"truncate_dim\": 48}");
    ModelSpec configured = ModelFolder.read(folder, "c");

    assertThat(plain.truncateDim()).isZero();
    assertThat(configured.truncateDim()).isEqualTo(48);
    assertThat(configured.embeddingDimension()).isEqualTo(48);
    assertThat(configured.dimension()).isEqualTo(256);
    assertThat(ModelFingerprint.of(configured)).isNotEqualTo(ModelFingerprint.of(plain));
    assertThat(ModelFingerprint.of(configured.withTruncateDim(64)))
        .isNotEqualTo(ModelFingerprint.of(configured));
    // the full width is no truncation: the same model as the plain one
    assertThat(configured.withTruncateDim(256).truncateDim()).isZero();
    assertThat(ModelFingerprint.of(configured.withTruncateDim(256)))
        .isEqualTo(ModelFingerprint.of(plain));
  }

  @Test
  void aWidthOutOfRangeIsRefusedNamingItAndTheModelsWidth() throws IOException {
    Path folder = RandomModelFolder.builder().optSeed(9).writeTo(dir.resolve("r"));
    ModelSpec spec = ModelFolder.read(folder, "r");
    assertThatThrownBy(() -> spec.withTruncateDim(257))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "truncate dimension 257 is out of range for model r: its embeddings have 256"
                + " dimensions (1..256)");
    assertThatThrownBy(() -> spec.withTruncateDim(-1))
        .hasMessageContaining("truncate dimension -1 is out of range");

    Files.writeString(
        folder.resolve("config_sentence_transformers.json"), "{\"truncate_dim\": 1000}");
    assertThatThrownBy(() -> ModelFolder.read(folder, "r"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("config_sentence_transformers.json: truncate dimension 1000");
    Files.writeString(
        folder.resolve("config_sentence_transformers.json"), "{\"truncate_dim\": \"64\"}");
    assertThatThrownBy(() -> ModelFolder.read(folder, "r"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("truncate_dim must be a positive integer or null");
  }

  private static float[][] encode(ModelSpec spec, List<String> texts) throws IOException {
    try (SentenceEncoder encoder = SentenceEncoders.open(spec, CPU)) {
      return encoder.encode(texts);
    }
  }
}
