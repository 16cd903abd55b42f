package io.semsearch.encoder;

/** The engine failed while embedding text. The cause is always kept. */
public final class EncodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception keeping its cause. */
  public EncodingException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception without a cause. */
  public EncodingException(String message) {
    super(message);
  }
}
