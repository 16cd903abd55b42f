package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.TransformerSpec;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lowercasing models tokenize mixed-case text as its lower-cased form, whether the lowercasing is
 * the config's {@code do_lower_case} (with a cased tokenizer.json) or the tokenizer's own
 * normalizer. Expected ids come from the raw tokenizer.json on text lower-cased here.
 */
class SentenceTokenizerCaseTest {

  private static final String MIXED = "The Quick BROWN Fox jumps over McDonald's LAZY dog in Paris";

  @TempDir Path dir;

  @Test
  void doLowerCaseLowercasesBeforeACasedTokenizer() throws IOException {
    Path folder =
        RandomModelFolder.builder().optLayers(1).optDoLowerCase(true).writeTo(dir.resolve("m"));
    TransformerSpec spec = ModelFolder.read(folder, "m").transformer();
    assertThat(spec.doLowerCase()).isTrue();
    try (SentenceTokenizer tokenizer = new SentenceTokenizer(spec);
        HuggingFaceTokenizer raw = raw(folder)) {
      long[] lower = raw.encode(MIXED.toLowerCase(Locale.ROOT)).getIds();
      assertThat(raw.encode(MIXED).getIds())
          .as("the tokenizer.json alone is cased")
          .isNotEqualTo(lower);
      assertThat(tokenizer.ids(MIXED)).isEqualTo(lower);
      assertThat(tokenizer.count(MIXED)).isEqualTo(lower.length);
    }
  }

  @Test
  void anUncasedNormalizerLowercasesWithoutDoLowerCase() throws IOException {
    Path folder = RandomModelFolder.builder().optLayers(1).writeTo(dir.resolve("m"));
    TransformerSpec spec = ModelFolder.read(folder, "m").transformer();
    assertThat(spec.doLowerCase()).isFalse();
    try (SentenceTokenizer tokenizer = new SentenceTokenizer(spec);
        HuggingFaceTokenizer raw = raw(folder)) {
      assertThat(tokenizer.ids(MIXED))
          .isEqualTo(raw.encode(MIXED.toLowerCase(Locale.ROOT)).getIds());
    }
  }

  private static HuggingFaceTokenizer raw(Path folder) throws IOException {
    return HuggingFaceTokenizer.newInstance(
        folder.resolve("tokenizer.json"), Map.of("truncation", "false", "padding", "false"));
  }
}
