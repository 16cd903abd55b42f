package io.semsearch.searcher;

import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.SentenceEncoder;
import java.util.List;
import java.util.function.Function;

/**
 * A stand-in encoder whose embeddings are a function of the text, so tests can work scores out by
 * hand. Tokens are whitespace-separated words plus two special tokens, as BERT would add.
 */
final class FunctionEncoder implements SentenceEncoder {

  private final int dimension;
  private final boolean normalizes;
  private final int maxSeqLength;
  private final Function<String, float[]> embedding;
  private final String name;

  FunctionEncoder(
      String name,
      int dimension,
      boolean normalizes,
      int maxSeqLength,
      Function<String, float[]> embedding) {
    this.name = name;
    this.dimension = dimension;
    this.normalizes = normalizes;
    this.maxSeqLength = maxSeqLength;
    this.embedding = embedding;
  }

  @Override
  public float[][] encode(List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      float[] v = embedding.apply(texts.get(i)).clone();
      if (v.length != dimension) {
        throw new IllegalStateException(
            "embedding of '" + texts.get(i) + "' has " + v.length + " values");
      }
      out[i] = normalizes ? unit(v) : v;
    }
    return out;
  }

  static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float[] u = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = (float) (v[i] / Math.sqrt(norm));
    }
    return u;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public boolean normalizes() {
    return normalizes;
  }

  @Override
  public int maxSeqLength() {
    return maxSeqLength;
  }

  @Override
  public int countTokens(String text) {
    String t = text.strip();
    return (t.isEmpty() ? 0 : t.split("\\s+").length) + 2;
  }

  @Override
  public ModelInfo model() {
    return new ModelInfo(
        "test/" + name, "fingerprint-" + name, dimension, maxSeqLength, normalizes);
  }

  @Override
  public void close() {}
}
