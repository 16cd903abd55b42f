package io.semsearch.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which sites may talk to a server: the Host names it answers besides loopback ones, and the
 * browser origins allowed to read its responses (CORS).
 *
 * <p>A server bound to a loopback address answers only requests whose Host header is a loopback
 * name ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}, any port) or one of {@code
 * allowedHosts}: a page on another site that rebinds its own DNS name to 127.0.0.1 sends its name
 * as the Host, so it is refused before it can read anything. A server bound elsewhere checks the
 * Host only when {@code allowedHosts} is given. No origin may read responses unless listed in
 * {@code corsOrigins}; there is no wildcard.
 *
 * @param allowedHosts host names (no port, no scheme) accepted in the Host header, lower case
 * @param corsOrigins origins such as {@code https://app.example.com} allowed by CORS
 */
public record CrossSite(List<String> allowedHosts, List<String> corsOrigins) {

  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9._-]+|\\[[0-9a-f:.]+\\]");
  private static final Pattern ORIGIN =
      Pattern.compile("https?://([a-z0-9._-]+|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?");

  /** Validates the values and lower-cases the host names. */
  public CrossSite {
    allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    for (String host : allowedHosts) {
      if (!HOST_NAME.matcher(host).matches()) {
        throw new IllegalArgumentException(
            "an allowed host must be a host name without scheme or port, such as"
                + " search.example.com, got: '"
                + Strings.clip(host)
                + "'");
      }
    }
    corsOrigins = List.copyOf(corsOrigins);
    for (String origin : corsOrigins) {
      if (!ORIGIN.matcher(origin.toLowerCase(Locale.ROOT)).matches()) {
        throw new IllegalArgumentException(
            "a CORS origin must be a scheme, host and optional port, such as"
                + " https://app.example.com (no path, no wildcard), got: '"
                + Strings.clip(origin)
                + "'");
      }
    }
  }

  /** Loopback Host names only, no CORS. */
  public static CrossSite none() {
    return new CrossSite(List.of(), List.of());
  }
}
