package io.semsearch.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Headers every response carries, set at the connection (a Jetty customizer, so static files,
 * errors and the API all get them): a Content-Security-Policy that lets the search page load only
 * its own script, style and data (no inline script, no other origin, never framed), {@code
 * X-Content-Type-Options: nosniff} so a JSON body is never run as script, and {@code
 * X-Frame-Options: DENY} for browsers that predate {@code frame-ancestors}.
 */
final class SecurityHeaders implements HttpConfiguration.Customizer {

  /** The search page's policy: its own files only, no inline script, no framing. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** Adds the headers to {@code headers}, replacing any of the same names. */
  static void addTo(HttpFields.Mutable headers) {
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    addTo(responseHeaders);
    return request;
  }
}
