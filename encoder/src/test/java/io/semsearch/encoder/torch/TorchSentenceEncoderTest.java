package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.TestModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour of the batching encoder on the default model: order, batch invariance, concurrency. */
class TorchSentenceEncoderTest {

  private final SentenceEncoder encoder = TestModels.defaultEncoder();

  @Test
  void aListInOneCallEqualsEachTextAlone() {
    List<String> texts = FidelitySentences.varied(60, 7);
    float[][] together = encoder.encode(texts);
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = encoder.encode(texts.get(i));
      assertThat(together[i])
          .as("text %d: %s", i, texts.get(i))
          .containsExactly(alone, within(1e-5f));
    }
  }

  @Test
  void resultsComeBackInInputOrderWhateverTheLengths() {
    List<String> texts = new ArrayList<>(FidelitySentences.varied(120, 11));
    texts.add(FidelitySentences.longText(400, 3));
    Collections.shuffle(texts, new Random(5));
    float[][] forward = encoder.encode(texts);
    List<String> reversed = new ArrayList<>(texts);
    Collections.reverse(reversed);
    float[][] backward = encoder.encode(reversed);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(forward[i]).containsExactly(backward[texts.size() - 1 - i], within(1e-5f));
    }
  }

  @Test
  void concurrentCallersGetTheSameVectorsAsOneCaller() throws Exception {
    List<String> texts = FidelitySentences.varied(200, 13);
    float[][] expected = encoder.encode(texts);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<float[][]>> futures = new ArrayList<>();
      List<List<String>> parts = new ArrayList<>();
      for (int start = 0; start < texts.size(); start += 7) {
        List<String> part = texts.subList(start, Math.min(texts.size(), start + 7));
        parts.add(part);
        futures.add(pool.submit(() -> encoder.encode(part)));
      }
      int offset = 0;
      for (int p = 0; p < futures.size(); p++) {
        float[][] got = futures.get(p).get();
        for (int i = 0; i < got.length; i++) {
          assertThat(got[i]).containsExactly(expected[offset + i], within(1e-5f));
        }
        offset += parts.get(p).size();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void emptyAndWhitespaceTextAreEncodedAsClsSep() {
    float[] empty = encoder.encode("");
    float[] blank = encoder.encode("  \t ");
    assertThat(encoder.countTokens("")).isEqualTo(2);
    assertThat(empty).hasSize(384);
    assertThat(blank).containsExactly(empty, within(1e-6f));
    assertThat(norm(empty)).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void embeddingsAreUnitLengthAndSimilarTextsAreCloser() {
    float[][] v =
        encoder.encode(
            List.of(
                "A man is playing a guitar.",
                "A man plays the guitar.",
                "The stock market crashed."));
    for (float[] x : v) {
      assertThat(norm(x)).isCloseTo(1.0, within(1e-5));
    }
    assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.3);
  }

  @Test
  void textBeyondMaxSeqLengthIsTruncated() {
    String text = FidelitySentences.longText(600, 17);
    assertThat(encoder.countTokens(text)).isGreaterThan(encoder.maxSeqLength());
    assertThat(encoder.maxSeqLength()).isEqualTo(256);
    // Appending text after the cut must not change the embedding.
    float[] base = encoder.encode(text);
    float[] extended =
        encoder.encode(text + " Completely different words appended at the very end.");
    assertThat(extended).containsExactly(base, within(1e-6f));
  }

  @Test
  void tokenizerJsonsOwnTruncationAt128DoesNotLeak() {
    // A text of ~200 tokens: with tokenizer.json's 128 limit, words after token 128 would be
    // ignored.
    String text = "";
    for (int seed = 0;
        seed < 200 && (encoder.countTokens(text) < 140 || encoder.countTokens(text) > 250);
        seed++) {
      text = FidelitySentences.longText(60 + seed % 80, seed);
    }
    assertThat(encoder.countTokens(text)).isBetween(140, 250);
    float[] full = encoder.encode(text);
    float[] changedTail = encoder.encode(text + " zebra");
    assertThat(dot(full, changedTail)).isLessThan(0.99999);
  }

  private static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
