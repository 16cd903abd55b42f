package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.Normalized;
import io.semsearch.encoder.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default model on DJL PyTorch against an independent implementation of the same model: the
 * original ONNX file run by ONNX Runtime through langchain4j.
 *
 * <p>langchain4j keeps tokenizer.json's own truncation at 128 tokens (and splits texts over 510
 * tokens into averaged windows), while the model's max_seq_length is 256; so only texts of at most
 * 128 tokens are compared here. Longer texts are checked against the plain-Java reference.
 */
class OnnxRuntimeFidelityTest {

  @Test
  void matchesOnnxRuntimeOnVariedSentences() {
    SentenceEncoder encoder = TestModels.defaultEncoder();
    AllMiniLmL6V2EmbeddingModel ort = new AllMiniLmL6V2EmbeddingModel();
    List<String> texts = new ArrayList<>();
    for (String text : FidelitySentences.varied(340, 20261128L)) {
      // ONNX Runtime through langchain4j refuses blank text; JavaReferenceFidelityTest covers it.
      if (!text.isBlank() && encoder.countTokens(text) <= 128) {
        texts.add(text);
      }
    }
    assertThat(texts).hasSizeGreaterThanOrEqualTo(300);

    float[][] ours = encoder.encode(texts);

    double worstCosine = 1;
    double worstDiff = 0;
    for (int i = 0; i < texts.size(); i++) {
      float[] reference = Normalized.of(ort.embed(texts.get(i)).content().vector());
      assertThat(ours[i]).hasSize(384);
      double cosine = 0;
      double diff = 0;
      for (int j = 0; j < reference.length; j++) {
        cosine += (double) ours[i][j] * reference[j];
        diff = Math.max(diff, Math.abs(ours[i][j] - reference[j]));
      }
      assertThat(cosine)
          .as("cosine for text %d %s", i, texts.get(i))
          .isGreaterThanOrEqualTo(0.9999);
      assertThat(diff).as("max abs diff for text %d %s", i, texts.get(i)).isLessThanOrEqualTo(1e-4);
      worstCosine = Math.min(worstCosine, cosine);
      worstDiff = Math.max(worstDiff, diff);
    }
    System.err.printf(
        "ORT fidelity on %d texts: worst cosine %.8f, worst max abs diff %.3g%n",
        texts.size(), worstCosine, worstDiff);
  }
}
