package io.semsearch.searcher;

/** A write sent to a {@link SearchBackend} that was opened without a writer. */
public final class ReadOnlyBackendException extends UnsupportedOperationException {

  /** A refusal saying which index is read-only. */
  public ReadOnlyBackendException(String location) {
    super("writes are disabled: the index " + location + " is open read-only");
  }
}
