package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests Jetty refuses before they reach the application (a path it can't decode, a URI or
 * headers over its buffer, no Host, a broken Content-Length) are answered with the API's JSON error
 * and the security headers, like every other error, not with Jetty's HTML page.
 */
class JettyErrorsTest extends SharedIndexTest {

  private static SearchServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = index.start(ServerConfig.defaults());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static RawHttp.Reply send(String request) throws IOException {
    return RawHttp.exchange(server.port(), request);
  }

  /** Asserts a JSON API error of {@code status} whose message contains {@code message}. */
  private static void assertJsonError(RawHttp.Reply reply, int status, String message) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.headers().get("content-type"))
        .as(reply.toString())
        .startsWith("application/json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    assertThat(reply.json().get("error").asText()).as(reply.toString()).contains(message);
    assertThat(reply.headers()).containsEntry("x-content-type-options", "nosniff");
    assertThat(reply.headers()).containsKey("content-security-policy");
  }

  @Test
  void aNulInThePathIsAJson400() throws IOException {
    assertJsonError(send(RawHttp.get("/api/%00", "localhost")), 400, "malformed HTTP request");
    assertJsonError(send(RawHttp.get("/../../etc/passwd", "localhost")), 400, "malformed");
  }

  @Test
  void aUriOverTheBufferIsAJson414() throws IOException {
    assertJsonError(
        send(RawHttp.get("/" + "a".repeat(9000), "localhost")),
        414,
        "the request URI is too long (the request line and headers may have at most 8192 bytes)");
  }

  @Test
  void headersOverTheBufferAreAJson431() throws IOException {
    assertJsonError(
        send(
            "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "b".repeat(9000)
                + "\r\nConnection: close\r\n\r\n"),
        431,
        "the request headers are too large");
  }

  @Test
  void brokenRequestsAreJson400sNamingWhatWasWrong() throws IOException {
    assertJsonError(
        send("GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n"),
        400,
        "malformed HTTP request: No Host");
    assertJsonError(
        send(
            "GET /api/health HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n"
                + "Connection: close\r\n\r\n"),
        400,
        "Invalid Content-Length");
    assertJsonError(send("GARBAGE\r\n\r\n"), 400, "malformed HTTP request");
  }

  @Test
  void bodiesOverTheLimitAndUnknownMethodsStayJson() throws IOException {
    // the declared length is refused before any of the body is read, so none is sent
    assertJsonError(
        send(
            "POST /api/embed HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2000000\r\nConnection: close\r\n\r\n"),
        413,
        "the body is larger than");
    assertJsonError(
        send("FOO /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        405,
        "method FOO not allowed on /api/health");
  }
}
