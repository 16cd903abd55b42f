package io.semsearch.indexer;

import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;

/** Wraps an encoder, recording every text it embeds; can be told to fail from the n-th call on. */
final class CountingEncoder implements SentenceEncoder {

  private final SentenceEncoder delegate;
  final List<String> encoded = new ArrayList<>();
  int failFromCall = Integer.MAX_VALUE;
  private int calls;

  CountingEncoder(SentenceEncoder delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized float[][] encode(List<String> texts) {
    if (++calls >= failFromCall) {
      throw new IllegalStateException("encoder failure injected by the test");
    }
    encoded.addAll(texts);
    return delegate.encode(texts);
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public boolean normalizes() {
    return delegate.normalizes();
  }

  @Override
  public int maxSeqLength() {
    return delegate.maxSeqLength();
  }

  @Override
  public int countTokens(String text) {
    return delegate.countTokens(text);
  }

  @Override
  public ModelInfo model() {
    return delegate.model();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
