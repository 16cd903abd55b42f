package io.semsearch.encoder.model;

import java.io.IOException;

/**
 * A model folder that can't be run: a missing or corrupt file, an unknown module, an architecture
 * semsearch does not implement. The message is one line naming the file and what is wrong.
 */
public final class ModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a one-line message. */
  public ModelFormatException(String message) {
    super(message);
  }

  /** Creates an exception with a one-line message, keeping its cause. */
  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
