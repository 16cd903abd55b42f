package io.semsearch.indexer.input;

import java.util.Objects;

/**
 * A line, CSV record or file that could not be turned into a {@link CorpusDocument}. Readers yield
 * these instead of throwing, so one bad line doesn't stop an indexing run; callers count and log
 * them.
 *
 * @param location where the record is, see {@link CorpusRecord#location()}
 * @param reason what kind of problem it is, for counting
 * @param message one line that starts with the location, e.g. {@code corpus.jsonl:17: missing text
 *     field 'body'}
 */
public record BadRecord(String location, Reason reason, String message) implements CorpusRecord {

  /** Why a record could not be used. */
  public enum Reason {
    /** The line is not valid JSON, not a JSON object, or a CSV record has broken quoting. */
    MALFORMED,
    /** The line or file is not valid UTF-8. */
    INVALID_UTF8,
    /** The id field is absent, null, blank, or not a string or number. */
    MISSING_ID,
    /** The text field is absent, null, or not a string, number or boolean. */
    MISSING_TEXT,
    /** The text is empty or only whitespace (for HTML: after the markup is stripped). */
    EMPTY_TEXT,
    /** A CSV or TSV row has a different number of columns than the header. */
    COLUMN_COUNT
  }

  /** Validates that no field is null or blank. */
  public BadRecord {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
  }

  /**
   * A bad record whose message is {@code location + ": " + detail}.
   *
   * @param detail what is wrong, e.g. {@code missing text field 'body'}
   */
  public static BadRecord of(String location, Reason reason, String detail) {
    return new BadRecord(location, reason, location + ": " + detail);
  }
}
