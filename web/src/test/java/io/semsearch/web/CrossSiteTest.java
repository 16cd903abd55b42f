package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a page on another site can do to a server on this machine: not post to it blind (bodies must
 * be application/json, which a browser only sends cross-site after a CORS preflight the server does
 * not grant), not read it through a rebound DNS name (Host must be a loopback name or an allowed
 * one: 421 otherwise), not frame it or run script in it (security headers).
 */
class CrossSiteTest extends SharedIndexTest {

  private static RawHttp.Reply post(int port, String path, String contentType, String body)
      throws IOException {
    return RawHttp.exchange(
        port,
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\n"
            + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
            + "Content-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\nConnection: close\r\n\r\n"
            + body);
  }

  private static void assertError(RawHttp.Reply reply, int status, String message) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    JsonNode error = reply.json().get("error");
    String text = error.isObject() ? error.get("message").asText() : error.asText();
    assertThat(text).as(reply.toString()).contains(message);
  }

  @Test
  void postBodiesMustBeJsonTyped() throws IOException {
    try (SearchServer server = index.start(ServerConfig.defaults())) {
      int port = server.port();
      String search = "{\"q\":\"cat\",\"k\":1}";
      for (String path : List.of("/api/search", "/api/embed", "/api/paraphrases")) {
        assertError(
            post(port, path, "text/plain", search),
            415,
            "Content-Type must be application/json, got: 'text/plain'");
        assertError(
            post(port, path, "application/x-www-form-urlencoded", search),
            415,
            "got: 'application/x-www-form-urlencoded'");
        assertError(post(port, path, null, search), 415, "Content-Type is missing");
      }
      assertError(post(port, "/v1/embeddings", "text/plain", "{}"), 415, "application/json");
      RawHttp.Reply ok = post(port, "/api/search", "application/json; charset=UTF-8", search);
      assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
      assertThat(ok.json().at("/hits/0/id").asText()).isEqualTo("cat");
      RawHttp.Reply upper = post(port, "/api/search", "Application/JSON", search);
      assertThat(upper.status()).as(upper.toString()).isEqualTo(200);
    }
  }

  @Test
  void onLoopbackOnlyLoopbackHostNamesAreServed() throws IOException {
    try (SearchServer server = index.start(ServerConfig.defaults())) {
      int port = server.port();
      for (String host :
          List.of("localhost", "localhost:" + port, "127.0.0.1:80", "[::1]:" + port, "LOCALHOST")) {
        RawHttp.Reply reply = RawHttp.exchange(port, RawHttp.get("/api/info", host));
        assertThat(reply.status()).as(host + " -> " + reply).isEqualTo(200);
      }
      for (String path : List.of("/api/info", "/", "/app.js", "/nothing")) {
        RawHttp.Reply rebound =
            RawHttp.exchange(port, RawHttp.get(path, "attacker.example:" + port));
        assertError(rebound, 421, "Host 'attacker.example:" + port + "' is not served here");
        assertThat(rebound.body()).doesNotContain(index.dir.toString());
      }
      assertError(
          RawHttp.exchange(port, RawHttp.get("/api/info", "localhost.attacker.example")),
          421,
          "accepted host names: 127.0.0.1, [::1], localhost");
    }
  }

  @Test
  void allowedHostsAreServedAsWell() throws IOException {
    ServerConfig config =
        ServerConfig.defaults()
            .withCrossSite(new CrossSite(List.of("Search.Example.com"), List.of()));
    try (SearchServer server = index.start(config)) {
      int port = server.port();
      assertThat(
              RawHttp.exchange(port, RawHttp.get("/api/health", "search.example.com:8080"))
                  .status())
          .isEqualTo(200);
      assertThat(RawHttp.exchange(port, RawHttp.get("/api/health", "localhost")).status())
          .isEqualTo(200);
      assertError(RawHttp.exchange(port, RawHttp.get("/api/health", "other.example.com")), 421, "");
    }
  }

  @Test
  void badCrossSiteSettingsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> new CrossSite(List.of("search.example.com:8080"), List.of()))
        .hasMessageContaining("without scheme or port")
        .hasMessageContaining("'search.example.com:8080'");
    assertThatThrownBy(() -> new CrossSite(List.of(), List.of("*")))
        .hasMessageContaining("no wildcard")
        .hasMessageContaining("got: '*'");
    assertThatThrownBy(() -> new CrossSite(List.of(), List.of("https://app.example.com/path")))
        .hasMessageContaining("got: 'https://app.example.com/path'");
  }

  @Test
  void noOriginMayReadResponsesUnlessConfigured() throws IOException {
    String preflight =
        "OPTIONS /api/search HTTP/1.1\r\nHost: localhost\r\nOrigin: https://app.example.com\r\n"
            + "Access-Control-Request-Method: POST\r\n"
            + "Access-Control-Request-Headers: content-type\r\nConnection: close\r\n\r\n";
    String get =
        "GET /api/health HTTP/1.1\r\nHost: localhost\r\nOrigin: https://app.example.com\r\n"
            + "Connection: close\r\n\r\n";
    try (SearchServer server = index.start(ServerConfig.defaults())) {
      assertThat(RawHttp.exchange(server.port(), preflight).headers())
          .doesNotContainKey("access-control-allow-origin");
      assertThat(RawHttp.exchange(server.port(), get).headers())
          .doesNotContainKey("access-control-allow-origin");
    }
    ServerConfig config =
        ServerConfig.defaults()
            .withCrossSite(new CrossSite(List.of(), List.of("https://app.example.com")));
    try (SearchServer server = index.start(config)) {
      RawHttp.Reply allowed = RawHttp.exchange(server.port(), preflight);
      assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
      assertThat(allowed.headers())
          .containsEntry("access-control-allow-origin", "https://app.example.com");
      assertThat(RawHttp.exchange(server.port(), get).headers())
          .containsEntry("access-control-allow-origin", "https://app.example.com");
      RawHttp.Reply other =
          RawHttp.exchange(
              server.port(), preflight.replace("https://app.example.com", "https://evil.example"));
      assertThat(other.headers()).doesNotContainKey("access-control-allow-origin");
    }
  }

  @Test
  void everyResponseForbidsFramingSniffingAndInlineScript() throws IOException {
    try (SearchServer server = index.start(ServerConfig.defaults())) {
      for (String path : List.of("/", "/app.js", "/api/health", "/api/nothing", "/metrics")) {
        RawHttp.Reply reply = RawHttp.exchange(server.port(), RawHttp.get(path, "localhost"));
        assertThat(reply.headers())
            .as(path)
            .containsEntry("x-content-type-options", "nosniff")
            .containsEntry("x-frame-options", "DENY")
            .containsEntry("content-security-policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
      }
    }
    assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self';")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
  }

  /** The policy forbids inline script: the page must have none, or it would not work. */
  @Test
  void theSearchPageHasNoInlineScript() throws IOException {
    String page;
    try (InputStream in =
        CrossSiteTest.class.getResourceAsStream(SearchServer.STATIC_FILES + "/index.html")) {
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(page).containsPattern("<script src=\"/app.js\"");
    assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    assertThat(page).doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
    assertThat(page).doesNotContainPattern("(?i)javascript:");
    assertThat(page).doesNotContainPattern("(?i)\\sstyle\\s*=");
  }
}
