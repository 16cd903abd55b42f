package io.semsearch.web;

import io.javalin.http.Context;
import io.semsearch.encoder.Cancellation;
import java.time.Duration;

/**
 * The time a request may take, as a {@link Cancellation} the encoder and the miner ask between
 * their steps: once it has passed, the request's waiting work is dropped and the request answers
 * 503 with {@link #reason()}.
 *
 * <p>A client that goes away is not noticed while its request computes: Jetty reports a closed
 * connection only when the server reads or writes, and a request waiting on the encoder does
 * neither. The deadline is what bounds the work an abandoned request can cost.
 */
final class RequestDeadline implements Cancellation {

  private static final String ATTRIBUTE = RequestDeadline.class.getName();

  private final long deadlineNanos;
  private final Duration timeout;

  private RequestDeadline(Duration timeout) {
    this.timeout = timeout;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
  }

  /** Starts the deadline of {@code ctx}'s request: {@code timeout} from now. */
  static void start(Context ctx, Duration timeout) {
    ctx.attribute(ATTRIBUTE, new RequestDeadline(timeout));
  }

  /** The deadline of {@code ctx}'s request; {@link Cancellation#NONE} for a route without one. */
  static Cancellation of(Context ctx) {
    Cancellation deadline = ctx.attribute(ATTRIBUTE);
    return deadline == null ? Cancellation.NONE : deadline;
  }

  @Override
  public String reason() {
    if (System.nanoTime() - deadlineNanos < 0) {
      return null;
    }
    return "the request took longer than the server's request timeout of "
        + timeout.toMillis() / 1000.0
        + " s; send fewer or shorter texts, or retry later";
  }
}
