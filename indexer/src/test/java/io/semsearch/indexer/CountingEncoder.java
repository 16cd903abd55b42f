package io.semsearch.indexer;

import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.ForwardingSentenceEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps an encoder, recording every text it embeds and the threads that call it; can be told to
 * fail from the n-th call on.
 */
final class CountingEncoder extends ForwardingSentenceEncoder {

  final List<String> encoded = new ArrayList<>();
  final List<Thread> callers = new ArrayList<>();
  int failFromCall = Integer.MAX_VALUE;
  private int calls;

  CountingEncoder(SentenceEncoder delegate) {
    super(delegate);
  }

  @Override
  public synchronized float[][] encode(List<String> texts, String prompt, EncodeRequest request) {
    callers.add(Thread.currentThread());
    if (++calls >= failFromCall) {
      throw new IllegalStateException("encoder failure injected by the test");
    }
    encoded.addAll(texts);
    return delegate.encode(texts, prompt, request);
  }
}
