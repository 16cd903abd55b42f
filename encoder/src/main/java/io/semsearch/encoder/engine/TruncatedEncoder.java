package io.semsearch.encoder.engine;

import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.Matryoshka;
import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.model.Prompts;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An encoder whose embeddings are the first {@code dimension} values of another's, normalized again
 * when the model normalizes ({@link Matryoshka}). It owns the encoder it wraps and closes it. Its
 * {@link #model()} is the wrapped model's with the cut width; the fingerprint is the wrapped one's,
 * which already covers the truncation ({@link io.semsearch.encoder.model.ModelFingerprint}).
 */
final class TruncatedEncoder implements SentenceEncoder {

  private static final Logger LOG = LoggerFactory.getLogger(TruncatedEncoder.class);

  private final SentenceEncoder full;
  private final int dimension;
  private final ModelInfo info;

  TruncatedEncoder(SentenceEncoder full, int dimension) {
    if (dimension < 1 || dimension >= full.dimension()) {
      full.close();
      throw new IllegalArgumentException(
          "truncate dimension must be in 1.." + (full.dimension() - 1) + ", got: " + dimension);
    }
    this.full = full;
    this.dimension = dimension;
    ModelInfo m = full.model();
    this.info =
        new ModelInfo(
            m.id(), m.fingerprint(), dimension, m.maxSeqLength(), m.normalizes(), m.precision());
    LOG.info(
        "model {}: embeddings cut to their first {} of {} dimensions{}",
        m.id(),
        dimension,
        full.dimension(),
        full.normalizes() ? ", normalized again" : "");
  }

  private float[][] cut(float[][] vectors) {
    return Matryoshka.truncateAll(vectors, dimension, full.normalizes());
  }

  @Override
  public float[][] encode(List<String> texts) {
    return cut(full.encode(texts));
  }

  @Override
  public float[][] encode(List<String> texts, String prompt) {
    return cut(full.encode(texts, prompt));
  }

  @Override
  public float[][] encode(List<String> texts, String prompt, EncodeRequest request) {
    return cut(full.encode(texts, prompt, request));
  }

  @Override
  public Prompts prompts() {
    return full.prompts();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public boolean normalizes() {
    return full.normalizes();
  }

  @Override
  public int maxSeqLength() {
    return full.maxSeqLength();
  }

  @Override
  public int countTokens(String text) {
    return full.countTokens(text);
  }

  @Override
  public ModelInfo model() {
    return info;
  }

  @Override
  public void close() {
    full.close();
  }
}
