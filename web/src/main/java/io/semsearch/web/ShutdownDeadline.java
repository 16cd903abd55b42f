package io.semsearch.web;

import io.semsearch.encoder.Cancellation;
import java.time.Duration;

/**
 * The time writes in flight have left once the server starts stopping: a {@link Cancellation} that
 * never fires while the server runs, and fires {@code grace} after {@link #begin(Duration)}, so
 * that a write still waiting for the encoder or for its turn then is rolled back (and answers 503)
 * while its connection is still open, instead of being cut off by the server's stop timeout.
 */
final class ShutdownDeadline implements Cancellation {

  private static final String REASON =
      "the server is shutting down: the write was not applied (nothing of it was committed);"
          + " retry it later";

  private volatile boolean stopping;
  private volatile long deadlineNanos;

  /** Starts the countdown; later calls keep the first deadline. */
  synchronized void begin(Duration grace) {
    if (!stopping) {
      deadlineNanos = System.nanoTime() + grace.toNanos();
      stopping = true;
    }
  }

  @Override
  public String reason() {
    return stopping && System.nanoTime() - deadlineNanos >= 0 ? REASON : null;
  }

  /** What stops first: {@code first} or {@code second}. */
  static Cancellation either(Cancellation first, Cancellation second) {
    return () -> {
      String reason = first.reason();
      return reason != null ? reason : second.reason();
    };
  }
}
