package io.semsearch.encoder.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.VectorMath;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.model.ModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyModelTest {

  @TempDir Path dir;

  @Test
  void isCopiedOnceIntoTheCacheAsAFolderOfTheSeedsShape() throws Exception {
    Path folder = TinyModel.ensureExtracted(dir);
    assertThat(folder.getParent()).isEqualTo(dir.toAbsolutePath().resolve("models"));
    assertThat(folder.getFileName().toString()).startsWith("tiny-");
    assertThat(folder.resolve("README.md")).isRegularFile();
    assertThat(ModelFolder.read(folder, "tiny").dimension()).isEqualTo(256);
    long modified = Files.getLastModifiedTime(folder.resolve("model.safetensors")).toMillis();
    assertThat(TinyModel.ensureExtracted(dir)).isEqualTo(folder);
    assertThat(Files.getLastModifiedTime(folder.resolve("model.safetensors")).toMillis())
        .isEqualTo(modified);
  }

  @Test
  void modelTinyEmbedsIn256UnitDimensionsAndRanksAParaphraseAboveAnUnrelatedText()
      throws Exception {
    try (SentenceEncoder encoder = SentenceEncoders.open("tiny", EncoderOptions.defaults())) {
      assertThat(encoder.dimension()).isEqualTo(256);
      float[][] v =
          encoder.encode(
              List.of(
                  "a dog barks at the mailman",
                  "the puppy is barking at the postman",
                  "list directory contents"));
      assertThat(v[0]).hasSize(256);
      assertThat(VectorMath.dot(v[0], v[0])).isCloseTo(1.0, Offset.offset(1e-4));
      assertThat(VectorMath.dot(v[0], v[1])).isGreaterThan(VectorMath.dot(v[0], v[2]));
    }
  }
}
