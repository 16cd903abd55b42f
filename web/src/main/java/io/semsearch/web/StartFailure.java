package io.semsearch.web;

import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Why a server could not listen, in the terms of its options: the host (not an address, or not one
 * of this machine's) or the port (in use, privileged). Javalin reports every bind failure as "Port
 * already in use"; the real cause is at the bottom of the exception chain, and this reads it there.
 */
final class StartFailure {

  private StartFailure() {}

  /** A sentence naming {@code host} or {@code port}, whichever {@code failure}'s causes blame. */
  static String describe(String host, int port, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "host '" + host + "' is neither an IP address nor a name that resolves";
      }
      if (t instanceof BindException bind) {
        String reason = bind.getMessage() == null ? "" : bind.getMessage();
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("cannot assign requested address")) {
          return "host '" + host + "' is not an address of this machine";
        }
        if (lower.contains("already in use")) {
          return "port " + port + " is already in use on " + host;
        }
        if (lower.contains("permission denied")) {
          return "port " + port + " needs elevated privileges (ports below 1024 do)";
        }
        return "can't listen on " + host + ":" + port + ": " + reason;
      }
    }
    return failure.getMessage();
  }
}
