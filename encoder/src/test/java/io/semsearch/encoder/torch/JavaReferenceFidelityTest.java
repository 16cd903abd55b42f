package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.JavaBertReference;
import io.semsearch.encoder.testing.JavaBertReference.PoolingMode;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder.DenseSpec;
import io.semsearch.encoder.testing.TestModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DJL encoder against the plain-Java-loops reference ({@link JavaBertReference}), which shares
 * no code with it (the reference reads weights with its own safetensors reader): the seed model's
 * architecture with random weights (bert-tiny: 2 layers, hidden 128, 2 heads + mean pooling + Dense
 * 128→256 tanh + Normalize), every pooling mode, several activations, the {@code bert.} prefix, a
 * {@code do_lower_case} model on mixed-case text (lower-cased here for the reference), and the
 * default model on texts between 129 and 256 tokens, which ONNX Runtime through langchain4j
 * truncates at 128.
 */
class JavaReferenceFidelityTest {

  private static final double TOLERANCE = 1e-4;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void seedArchitectureMatchesReference() throws IOException {
    Path folder = RandomModelFolder.builder().writeTo(dir.resolve("bert-tiny"));
    List<String> texts = new ArrayList<>(FidelitySentences.varied(40, 1));
    texts.add(FidelitySentences.longText(300, 2));
    assertMatchesReference(folder, texts);
  }

  @ParameterizedTest
  @EnumSource(PoolingMode.class)
  void everyPoolingModeMatchesReference(PoolingMode mode) throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optSeed(mode.ordinal())
            .optPooling(mode)
            .optDense()
            .optNormalize(false)
            .writeTo(dir.resolve(mode.name()));
    assertMatchesReference(folder, FidelitySentences.varied(12, 3));
  }

  @Test
  void allPoolingModesWithTwoDenseLayersAndPrefixedWeights() throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optSeed(9)
            .optHiddenAct("gelu_new")
            .optBertPrefix(true)
            .optPooling(PoolingMode.values())
            .optDense(
                new DenseSpec(128 * 6, 64, true, "ReLU"), new DenseSpec(64, 32, false, "Identity"))
            .writeTo(dir.resolve("all-modes"));
    assertMatchesReference(folder, FidelitySentences.varied(12, 4));
  }

  @Test
  void otherHiddenActivations() throws IOException {
    for (String act : List.of("relu", "silu", "quick_gelu")) {
      Path folder =
          RandomModelFolder.builder()
              .optSeed(act.hashCode())
              .optHiddenAct(act)
              .writeTo(dir.resolve(act));
      assertMatchesReference(folder, FidelitySentences.varied(6, 5));
    }
  }

  @Test
  void aDoLowerCaseModelMatchesReferenceOnMixedCaseText() throws IOException {
    Path folder =
        RandomModelFolder.builder().optSeed(11).optDoLowerCase(true).writeTo(dir.resolve("lower"));
    List<String> texts = new ArrayList<>();
    for (String text : FidelitySentences.varied(8, 6)) {
      texts.add(text.toUpperCase(Locale.ROOT));
      if (!text.isEmpty()) {
        texts.add(Character.toUpperCase(text.charAt(0)) + text.substring(1));
      }
    }
    assertMatchesReference(folder, texts);
  }

  @Test
  void defaultModelMatchesReferenceOnTextsOf129To256Tokens() throws IOException {
    SentenceEncoder encoder = TestModels.defaultEncoder();
    JavaBertReference reference = JavaBertReference.load(TestModels.defaultModelFolder());
    List<String> texts = new ArrayList<>();
    for (int seed = 0; seed < 200 && texts.size() < 3; seed++) {
      String text = FidelitySentences.longText(60 + seed % 80, seed);
      int tokens = encoder.countTokens(text);
      if (tokens > 128 && tokens <= 256) {
        texts.add(text);
      }
    }
    assertThat(texts).as("texts of 129 to 256 tokens").hasSize(3);
    texts.add(FidelitySentences.longText(400, 99));
    float[][] ours = encoder.encode(texts);
    try (HuggingFaceTokenizer tokenizer = tokenizer(TestModels.defaultModelFolder(), 256)) {
      for (int i = 0; i < texts.size(); i++) {
        int[] ids = ids(tokenizer, texts.get(i));
        assertThat(ids.length).isGreaterThan(128).isLessThanOrEqualTo(256);
        assertClose(ours[i], reference.embed(ids), "default model, " + ids.length + " tokens");
      }
    }
  }

  /**
   * Encodes {@code texts} with the production encoder in batches of 8 and checks each embedding
   * against the reference's on the same token ids, to {@link #TOLERANCE}.
   */
  static void assertMatchesReference(Path folder, List<String> texts) throws IOException {
    JavaBertReference reference = JavaBertReference.load(folder);
    EncoderOptions options =
        EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withBatchSize(8);
    try (SentenceEncoder encoder =
            SentenceEncoders.open(folder, folder.getFileName().toString(), options);
        HuggingFaceTokenizer tokenizer = tokenizer(folder, encoder.maxSeqLength())) {
      assertThat(encoder.dimension()).isEqualTo(reference.dimension());
      float[][] ours = encoder.encode(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertClose(
            ours[i],
            reference.embed(ids(tokenizer, asTheConfigAsks(folder, texts.get(i)))),
            folder.getFileName() + " text " + i + ": " + texts.get(i));
      }
    }
  }

  /** {@code text}, lower-cased when sentence_bert_config.json says {@code do_lower_case}. */
  private static String asTheConfigAsks(Path folder, String text) throws IOException {
    boolean lower =
        JSON.readTree(folder.resolve("sentence_bert_config.json").toFile())
            .path("do_lower_case")
            .asBoolean(false);
    return lower ? text.toLowerCase(Locale.ROOT) : text;
  }

  private static HuggingFaceTokenizer tokenizer(Path folder, int maxLength) throws IOException {
    return HuggingFaceTokenizer.newInstance(
        folder.resolve("tokenizer.json"),
        Map.of("truncation", "true", "padding", "false", "maxLength", Integer.toString(maxLength)));
  }

  private static int[] ids(HuggingFaceTokenizer tokenizer, String text) {
    long[] ids = tokenizer.encode(text).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  private static void assertClose(float[] actual, float[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    double worst = 0;
    for (int j = 0; j < expected.length; j++) {
      worst = Math.max(worst, Math.abs(actual[j] - expected[j]));
    }
    assertThat(worst).as("max abs diff, " + what).isLessThanOrEqualTo(TOLERANCE);
  }
}
