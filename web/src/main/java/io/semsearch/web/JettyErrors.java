package io.semsearch.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler, replaced so that the errors Jetty answers itself, before a request reaches
 * the application, are JSON like the application's: a request line, URI or header it can't parse
 * (400), a URI or headers over its buffer (414, 431), a request arriving while the server shuts
 * down (503). Jetty writes an HTML page for these otherwise.
 *
 * <p>The message says what was wrong in the client's terms; Jetty's reason (such as "No Host" or
 * "Invalid Content-Length Value") is kept after it when it adds something.
 */
final class JettyErrors implements Request.Handler {

  private final ObjectMapper mapper;

  JettyErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback)
      throws JsonProcessingException {
    int status = response.getStatus();
    String reason = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
    if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException http) {
      status = http.getCode();
      response.setStatus(status);
      if (reason == null) {
        reason = http.getReason();
      }
    }
    SecurityHeaders.addTo(response.getHeaders());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (HttpStatus.hasNoBody(status)) {
      callback.succeeded();
      return true;
    }
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    byte[] body =
        mapper.writeValueAsBytes(
            ErrorBodies.of(path, status, message(status, reason, request), null, null));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** What the client did wrong, in a sentence; Jetty's reason appended when it is specific. */
  static String message(int status, String reason, Request request) {
    String what =
        switch (status) {
          case 400 -> "malformed HTTP request";
          case 413 -> "the request body is too large";
          case 414 -> "the request URI is too long" + limit(request);
          case 431 -> "the request headers are too large" + limit(request);
          case 503 -> "the server is shutting down; retry later";
          default -> HttpStatus.getMessage(status);
        };
    boolean specific =
        reason != null && !reason.isBlank() && !reason.equals(HttpStatus.getMessage(status));
    return specific ? what + ": " + Strings.clip(reason) : what;
  }

  /** " (at most N bytes)", the request header buffer, which holds the URI and the headers. */
  private static String limit(Request request) {
    try {
      int size = request.getConnectionMetaData().getHttpConfiguration().getRequestHeaderSize();
      return " (the request line and headers may have at most " + size + " bytes)";
    } catch (RuntimeException e) {
      return "";
    }
  }
}
