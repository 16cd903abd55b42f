package io.semsearch.web;

import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.ForwardingSentenceEncoder;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The real encoder behind a gate: the calls it holds wait until the test opens it; {@link #arrived}
 * reaches 0 once {@code expected} of them wait there. The delegate is shared by the test classes
 * and not closed.
 */
final class GatedEncoder extends ForwardingSentenceEncoder {
  final CountDownLatch arrived;
  final CountDownLatch open = new CountDownLatch(1);

  /** Held calls that arrived on a virtual thread. */
  final AtomicInteger virtualCallers = new AtomicInteger();

  private final Predicate<EncodeRequest> held;
  private volatile boolean dropsCancelled;

  /** Holds every call. */
  GatedEncoder(SentenceEncoder delegate, int expected) {
    this(delegate, expected, request -> true);
  }

  /**
   * @param expected calls that arrive at the gate before {@link #arrived} opens
   * @param held which calls wait at the gate; the others pass
   */
  GatedEncoder(SentenceEncoder delegate, int expected, Predicate<EncodeRequest> held) {
    super(delegate);
    this.arrived = new CountDownLatch(expected);
    this.held = held;
  }

  /**
   * Makes held calls behave as texts queued in the real encoder: a call whose cancellation fires
   * while it waits at the gate is dropped with a {@link CancellationException}.
   */
  GatedEncoder droppingCancelled() {
    dropsCancelled = true;
    return this;
  }

  @Override
  public float[][] encode(List<String> texts, String prompt, EncodeRequest request) {
    if (held.test(request)) {
      if (Thread.currentThread().isVirtual()) {
        virtualCallers.incrementAndGet();
      }
      arrived.countDown();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!open.await(20, TimeUnit.MILLISECONDS)) {
          if (dropsCancelled) {
            request.cancellation().check();
          }
          if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("the gate was never opened");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted at the gate", e);
      }
    }
    return delegate.encode(texts, prompt, request);
  }

  @Override
  public void close() {
    // the delegate is shared by the test classes
  }
}
