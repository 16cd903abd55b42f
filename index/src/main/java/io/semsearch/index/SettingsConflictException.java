package io.semsearch.index;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Refuses to write to an index with build settings other than its own. The message names the
 * settings in words; {@link #conflict()} carries them for callers that name them otherwise.
 */
public final class SettingsConflictException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient Path index;
  private final transient SettingsConflict conflict;

  /**
   * @param index the index folder
   * @param conflict the settings that differ, not empty
   */
  public SettingsConflictException(Path index, SettingsConflict conflict) {
    super(message(index, conflict.describe()));
    if (conflict.isEmpty()) {
      throw new IllegalArgumentException("a settings conflict needs at least one difference");
    }
    this.index = index;
    this.conflict = conflict;
  }

  /**
   * The message for {@code index} built with {@code differences} (already in words), so that a
   * caller naming the settings its own way words the rest of it the same.
   */
  public static String message(Path index, String differences) {
    return "index "
        + Objects.requireNonNull(index, "index")
        + " was built with "
        + differences
        + "; use its settings or build a new index";
  }

  /** The index folder. */
  public Path index() {
    return index;
  }

  /** The settings that differ. */
  public SettingsConflict conflict() {
    return conflict;
  }
}
