package io.semsearch.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Another writer holds the index's write lock (its {@code write.lock} file): an {@code index} run,
 * a {@code delete}, or a server that has written to it. Nothing was written; the same call succeeds
 * once that writer is done. Engine-neutral, so that callers (the web API, the command line) can
 * answer "busy" rather than "failed" without knowing the engine.
 */
public final class IndexLockedException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path index;

  /**
   * @param index the index folder
   * @param cause the engine's refusal
   */
  public IndexLockedException(Path index, Throwable cause) {
    super(
        "index "
            + Objects.requireNonNull(index, "index")
            + " is locked by another writer (its write.lock is held, e.g. by './semsearch index'"
            + " or a server writing to it); try again when it is done",
        cause);
    this.index = index;
  }

  /** The index folder. */
  public Path index() {
    return index;
  }
}
