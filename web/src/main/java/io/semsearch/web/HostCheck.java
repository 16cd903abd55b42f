package io.semsearch.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses requests whose Host header names a site the server does not serve, with 421 Misdirected
 * Request: the defence against DNS rebinding, where a page on another site points its own name at
 * 127.0.0.1 and reads the local server's answers as same-origin ({@link CrossSite} says when it
 * applies). The port in the header is ignored; a request without a Host header (HTTP/1.0; Jetty
 * refuses HTTP/1.1 without one) comes from no browser and is let through.
 */
final class HostCheck {

  /** Names of the loopback interface that browsers send as the Host. */
  static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  private final boolean enabled;
  private final Set<String> accepted;

  HostCheck(ServerConfig config) {
    Set<String> names = new HashSet<>(config.crossSite().allowedHosts());
    this.enabled = !names.isEmpty() || isLoopback(config.host());
    names.addAll(LOOPBACK_NAMES);
    String bound = config.host().toLowerCase(Locale.ROOT);
    names.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
    this.accepted = Set.copyOf(names);
  }

  /** A {@code before} handler: throws 421 for a Host outside the accepted names. */
  void check(Context ctx) {
    String host = ctx.header("Host");
    if (!enabled || host == null || accepted.contains(name(host))) {
      return;
    }
    throw new HttpResponseException(
        HttpStatus.MISDIRECTED_REQUEST,
        "Host '"
            + Strings.clip(host)
            + "' is not served here; accepted host names: "
            + String.join(", ", new TreeSet<>(accepted))
            + " (add one with serve --allowed-host NAME)",
        Map.of());
  }

  /** The host name of a Host header: lower case, without port and trailing dot. */
  static String name(String header) {
    String host = header.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** Whether {@code host} (a name or an address) is this machine's loopback interface. */
  static boolean isLoopback(String host) {
    String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // the server won't bind there anyway, and says why
    }
  }
}
