package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.JavaBertReference;
import io.semsearch.encoder.testing.JavaBertReference.PoolingMode;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompts of {@code config_sentence_transformers.json} against the plain-Java reference, worked out
 * the way sentence-transformers does it: the prompt is put before the text and tokenized with it;
 * with {@code include_prompt} false, pooling leaves out the first {@code len(tokenize(prompt)) - 1}
 * tokens ({@code [CLS]} and the prompt's tokens) in every mode that uses the mask, and {@code
 * encode} uses the default prompt, {@code encode_query} the "query" one, {@code encode_document}
 * the first of "document", "passage", "corpus".
 */
class PromptFidelityTest {

  private static final double TOLERANCE = 1e-4;
  private static final String QUERY_PROMPT = "Represent this question for finding passages: ";

  @TempDir Path dir;

  @Test
  void promptsLeftOutOfPoolingMatchTheReferenceInEveryMode() throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optSeed(21)
            .optPooling(PoolingMode.values())
            .optDense()
            .optIncludePrompt(false)
            .optPrompts(Map.of("query", QUERY_PROMPT, "passage", ""), null)
            .writeTo(dir.resolve("excluded"));
    List<String> texts = FidelitySentences.varied(10, 7);
    try (Fixture f = new Fixture(folder)) {
      assertThat(f.encoder.prompts().get("query")).isEqualTo(QUERY_PROMPT);
      // a real prompt: its tokens stay out of max, mean, mean_sqrt_len and weightedmean
      assertClose(
          f.encoder.encodeQueries(texts), f.expected(texts, QUERY_PROMPT, false), "encodeQueries");
      // an empty prompt still counts one token, [CLS], as in sentence-transformers
      assertClose(
          f.encoder.encodeDocuments(texts), f.expected(texts, "", false), "encodeDocuments");
      // no default prompt: encode is the text alone
      assertClose(f.encoder.encode(texts), f.expected(texts, null, false), "encode");
      // and prompts make a difference worth testing
      assertThat(maxDiff(f.encoder.encodeQueries(texts), f.encoder.encode(texts)))
          .isGreaterThan(1e-2);
      assertThat(maxDiff(f.encoder.encodeDocuments(texts), f.encoder.encode(texts)))
          .isGreaterThan(1e-3);
    }
  }

  @Test
  void includedPromptsAndTheDefaultPromptMatchTheReference() throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optSeed(22)
            .optPrompts(Map.of("query", "query: ", "document", "passage: "), "query")
            .writeTo(dir.resolve("included"));
    List<String> texts = FidelitySentences.varied(8, 8);
    try (Fixture f = new Fixture(folder)) {
      assertClose(
          f.encoder.encode(texts),
          f.expected(texts, "query: ", true),
          "encode uses the default prompt");
      assertClose(
          f.encoder.encodeQueries(texts), f.expected(texts, "query: ", true), "encodeQueries");
      assertClose(
          f.encoder.encodeDocuments(texts),
          f.expected(texts, "passage: ", true),
          "encodeDocuments");
      assertClose(f.encoder.encode(texts, null), f.expected(texts, null, true), "no prompt at all");
      assertClose(
          f.encoder.encode(texts, f.encoder.prompts().get("document")),
          f.expected(texts, "passage: ", true),
          "by name");
      assertThatThrownBy(() -> f.encoder.prompts().get("classification"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no prompt named 'classification'")
          .hasMessageContaining("query")
          .hasMessageContaining("document");
    }
  }

  @Test
  void promptsChangeTheFingerprintAndAModelWithoutThemKeepsIts() throws IOException {
    Path plain = RandomModelFolder.builder().optSeed(23).writeTo(dir.resolve("plain"));
    Path prompted =
        RandomModelFolder.builder()
            .optSeed(23)
            .optPrompts(Map.of("query", "q: "), null)
            .writeTo(dir.resolve("prompted"));
    EncoderOptions options = EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
    String withPrompts;
    String without;
    try (SentenceEncoder a = SentenceEncoders.open(prompted, "m", options)) {
      withPrompts = a.model().fingerprint();
    }
    try (SentenceEncoder b = SentenceEncoders.open(plain, "m", options)) {
      without = b.model().fingerprint();
    }
    assertThat(withPrompts).isNotEqualTo(without);
    // the plain folder's fingerprint is what it was before prompts were read: files only
    Files.delete(plain.resolve("config_sentence_transformers.json"));
    try (SentenceEncoder c = SentenceEncoders.open(plain, "m", options)) {
      assertThat(c.model().fingerprint()).isEqualTo(without);
    }
  }

  /** An encoder, the reference and a tokenizer over one folder. */
  private static final class Fixture implements AutoCloseable {
    final SentenceEncoder encoder;
    final JavaBertReference reference;
    final HuggingFaceTokenizer tokenizer;

    Fixture(Path folder) throws IOException {
      reference = JavaBertReference.load(folder);
      encoder =
          SentenceEncoders.open(
              folder,
              folder.getFileName().toString(),
              EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withBatchSize(4));
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              folder.resolve("tokenizer.json"),
              Map.of(
                  "truncation",
                  "true",
                  "padding",
                  "false",
                  "maxLength",
                  Integer.toString(encoder.maxSeqLength())));
    }

    /** The reference embeddings of {@code texts} with {@code prompt} (null: none). */
    float[][] expected(List<String> texts, String prompt, boolean includePrompt) {
      int skip = prompt == null || includePrompt ? 0 : ids(prompt).length - 1;
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < texts.size(); i++) {
        int[] ids = ids(prompt == null ? texts.get(i) : prompt + texts.get(i));
        int[] mask = new int[ids.length];
        Arrays.fill(mask, Math.min(skip, ids.length), ids.length, 1);
        out[i] = reference.sentenceEmbedding(reference.tokenEmbeddings(ids), mask);
      }
      return out;
    }

    private int[] ids(String text) {
      return Arrays.stream(tokenizer.encode(text).getIds()).mapToInt(Math::toIntExact).toArray();
    }

    @Override
    public void close() {
      tokenizer.close();
      encoder.close();
    }
  }

  private static void assertClose(float[][] actual, float[][] expected, String what) {
    assertThat(actual).as(what).hasNumberOfRows(expected.length);
    for (int i = 0; i < expected.length; i++) {
      double worst = 0;
      for (int j = 0; j < expected[i].length; j++) {
        worst = Math.max(worst, Math.abs(actual[i][j] - expected[i][j]));
      }
      assertThat(worst).as("max abs diff, %s, text %d", what, i).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  private static double maxDiff(float[][] a, float[][] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return worst;
  }
}
