package io.semsearch.encoder.hub;

import java.io.IOException;

/**
 * The hub (or the storage it redirected to) could not be reached at all: no HTTP answer came back.
 */
final class HubUnreachableException extends IOException {

  private static final long serialVersionUID = 1L;

  HubUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
