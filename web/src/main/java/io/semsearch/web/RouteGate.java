package io.semsearch.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Admission for a group of routes: at most {@code limit} of their requests run at once, each with a
 * deadline ({@link RequestDeadline}). A request over the limit is answered at once with 429, a JSON
 * error and {@code Retry-After}, instead of waiting in a queue without bound.
 */
final class RouteGate {

  /** Seconds a refused client is asked to wait. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final String name;
  private final int limit;
  private final Duration timeout;
  private final Semaphore permits;

  /**
   * @param name what the routes are, for the refusal ("bulk requests (...)")
   * @param limit requests of these routes running at once
   * @param timeout how long each may take
   */
  RouteGate(String name, int limit, Duration timeout) {
    this.name = name;
    this.limit = limit;
    this.timeout = timeout;
    this.permits = new Semaphore(limit);
  }

  /** {@code handler} behind this gate. */
  Handler guard(Handler handler) {
    return ctx -> {
      if (!permits.tryAcquire()) {
        refuse(ctx);
        return;
      }
      try {
        RequestDeadline.start(ctx, timeout);
        handler.handle(ctx);
      } finally {
        permits.release();
      }
    };
  }

  private void refuse(Context ctx) {
    String message =
        "too many "
            + name
            + " at once (the server runs "
            + limit
            + "); retry after "
            + RETRY_AFTER_SECONDS
            + " s";
    ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    ctx.status(429).json(new ApiError(message, 429));
  }
}
