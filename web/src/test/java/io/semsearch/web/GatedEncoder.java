package io.semsearch.web;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.ForwardingSentenceEncoder;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real encoder behind a gate: {@code arrived} opens once {@code expected} calls wait at the
 * gate, and they go on when the test opens {@code open}; for holding requests in flight.
 */
final class GatedEncoder extends ForwardingSentenceEncoder {
  final CountDownLatch arrived;
  final CountDownLatch open = new CountDownLatch(1);

  GatedEncoder(SentenceEncoder delegate, int expected) {
    super(delegate);
    this.arrived = new CountDownLatch(expected);
  }

  @Override
  public float[][] encode(List<String> texts, String prompt) {
    arrived.countDown();
    try {
      if (!open.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the gate was never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the gate", e);
    }
    return delegate.encode(texts, prompt);
  }

  @Override
  public void close() {
    // the delegate is shared by the test classes
  }
}
