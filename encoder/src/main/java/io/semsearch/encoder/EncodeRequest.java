package io.semsearch.encoder;

import java.util.Objects;

/**
 * How one call to {@link SentenceEncoder#encode(java.util.List, String, EncodeRequest)} is served:
 * its priority among the calls waiting for the encoder, and when to give it up.
 *
 * @param priority interactive calls (a search query someone waits for) are embedded before bulk
 *     calls queued earlier
 * @param cancellation asked while the call's texts wait: once it gives a reason, texts not yet
 *     embedded are dropped and the call throws {@link java.util.concurrent.CancellationException}
 */
public record EncodeRequest(Priority priority, Cancellation cancellation) {

  /** Which calls go first when several wait. */
  public enum Priority {
    /** Short, latency-sensitive calls: search queries. Served before any bulk text. */
    INTERACTIVE,
    /** Everything else: embedding APIs, documents, mining, highlighting. */
    BULK
  }

  /** A bulk call that is never cancelled: what plain {@code encode} does. */
  public static final EncodeRequest BULK = new EncodeRequest(Priority.BULK, Cancellation.NONE);

  /** An interactive call that is never cancelled. */
  public static final EncodeRequest INTERACTIVE =
      new EncodeRequest(Priority.INTERACTIVE, Cancellation.NONE);

  /** Validates the values. */
  public EncodeRequest {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(cancellation, "cancellation");
  }

  /** A copy given up when {@code value} says so. */
  public EncodeRequest withCancellation(Cancellation value) {
    return new EncodeRequest(priority, value);
  }
}
