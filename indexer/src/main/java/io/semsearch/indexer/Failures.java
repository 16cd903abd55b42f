package io.semsearch.indexer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** How the write paths report a failure of embedding or writing: as an IOException. */
final class Failures {

  private Failures() {}

  /**
   * {@code t} itself when it is an IOException, its cause when an UncheckedIOException, else an
   * IOException with the same message and {@code t} as its cause.
   */
  static IOException asIOException(Throwable t) {
    if (t instanceof UncheckedIOException unchecked) {
      return unchecked.getCause();
    }
    return t instanceof IOException io ? io : new IOException(t.getMessage(), t);
  }
}
