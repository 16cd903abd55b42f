package io.semsearch.web;

import io.semsearch.encoder.SentenceEncoder;
import java.util.List;

/**
 * The server's calls into the shared encoder, timed into {@link Metrics}. It adds no threads: the
 * encoder batches concurrent calls itself.
 */
final class Encoding {

  private final SentenceEncoder encoder;
  private final Metrics metrics;

  Encoding(SentenceEncoder encoder, Metrics metrics) {
    this.encoder = encoder;
    this.metrics = metrics;
  }

  SentenceEncoder encoder() {
    return encoder;
  }

  /** Embeds {@code texts}, recording the time under {@code purpose}. */
  float[][] encode(List<String> texts, String purpose) {
    long start = System.nanoTime();
    float[][] vectors = encoder.encode(texts);
    metrics.encoded(purpose, texts.size(), (System.nanoTime() - start) / 1e9);
    return vectors;
  }

  /** Embeds one text. */
  float[] encode(String text, String purpose) {
    return encode(List.of(text), purpose)[0];
  }

  /** Cosine similarity; a dot product when the model normalizes. */
  double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 || nb == 0) {
      return 0;
    }
    return encoder.normalizes() ? dot : dot / Math.sqrt(na * nb);
  }
}
