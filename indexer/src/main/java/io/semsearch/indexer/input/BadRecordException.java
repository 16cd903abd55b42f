package io.semsearch.indexer.input;

import java.io.IOException;
import java.util.Objects;

/**
 * Thrown by a strict {@link CorpusReader} at the first {@link BadRecord}. The message is the bad
 * record's one-line message, e.g. {@code corpus.jsonl:17: missing text field 'body'}.
 */
public final class BadRecordException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient BadRecord badRecord;

  /** Creates an exception for {@code badRecord}. */
  public BadRecordException(BadRecord badRecord) {
    super(Objects.requireNonNull(badRecord, "badRecord").message());
    this.badRecord = badRecord;
  }

  /** The record that failed the read. */
  public BadRecord badRecord() {
    return badRecord;
  }
}
