package io.semsearch.searcher;

import java.util.Objects;

/**
 * Whether a backend can serve what it was opened for.
 *
 * @param ok true when searches and (if enabled) writes can be served
 * @param reason why not, in one line naming the index; null when ok
 */
public record BackendHealth(boolean ok, String reason) {

  /** Everything works. */
  public static final BackendHealth OK = new BackendHealth(true, null);

  /** Checks that a degraded health has a reason and an ok one none. */
  public BackendHealth {
    if (ok != (reason == null)) {
      throw new IllegalArgumentException(
          "a health is ok without a reason, or degraded with one; got ok="
              + ok
              + ", reason="
              + reason);
    }
  }

  /** Degraded for {@code reason}. */
  public static BackendHealth degraded(String reason) {
    return new BackendHealth(false, Objects.requireNonNull(reason, "reason"));
  }
}
