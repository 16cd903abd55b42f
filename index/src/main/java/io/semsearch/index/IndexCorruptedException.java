package io.semsearch.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The index holds data that can't be right: a checksum that does not match, or a stored vector
 * whose score is outside the range its similarity allows. The message starts with "index
 * corrupted", names the index and what was found, and points to {@code ./semsearch check}.
 */
public final class IndexCorruptedException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path index;

  /**
   * @param index the index folder
   * @param problem what was found, e.g. "passage score 288.2 outside [-1, 1]"
   * @param cause the engine's report, or null
   */
  public IndexCorruptedException(Path index, String problem, Throwable cause) {
    super(message(index, problem), cause);
    this.index = index;
  }

  /** The index folder. */
  public Path index() {
    return index;
  }

  private static String message(Path index, String problem) {
    Objects.requireNonNull(index, "index");
    return "index corrupted: "
        + index
        + ": "
        + Objects.requireNonNull(problem, "problem")
        + "; run './semsearch check --index "
        + index
        + "' and rebuild the index (or restore a copy)";
  }
}
