package io.semsearch.encoder;

import java.util.concurrent.CancellationException;

/**
 * Says whether long work done for a caller should stop: its client has gone, or its deadline has
 * passed. Long-running work (embedding, mining) asks between its steps (batches, tiles) and drops
 * what is left, so that abandoned work does not keep the cores busy.
 *
 * <p>Asked from worker threads as well as the caller's, often: implementations are thread-safe and
 * cheap (a clock read, a flag).
 */
@FunctionalInterface
public interface Cancellation {

  /** Never cancelled. */
  Cancellation NONE = () -> null;

  /**
   * Why the work should stop, as a sentence for the one who asked for it; null while it should go
   * on. Once non-null it stays non-null.
   */
  String reason();

  /**
   * Throws if the work should stop.
   *
   * @throws CancellationException with {@link #reason()} as its message
   */
  default void check() {
    String reason = reason();
    if (reason != null) {
      throw new CancellationException(reason);
    }
  }
}
