package io.semsearch.encoder.model.onnx;

import java.io.IOException;

/** Bytes that are not valid protocol buffers wire format; the message gives the byte offset. */
public final class ProtobufException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a one-line message. */
  public ProtobufException(String message) {
    super(message);
  }
}
