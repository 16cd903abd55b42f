package io.semsearch.encoder.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The hub's HTTP side: GET requests with the token, redirects followed by hand, and every failure
 * turned into a one-line {@link IOException} that names the repo (and file) it was for.
 *
 * <p>Redirects are followed here rather than by {@link HttpClient} so that the token is only ever
 * sent to the endpoint's own origin, never to the storage a download is redirected to.
 */
final class HubHttp implements AutoCloseable {

  /** What a request is for, to name it in errors. {@code file} is null for the repo listing. */
  record Target(RepoRef ref, String file) {
    String describe() {
      return file == null ? ref.toString() : file + " of " + ref;
    }
  }

  private static final int MAX_REDIRECTS = 10;
  private static final String USER_AGENT = "semsearch (java.net.http)";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final HubConfig config;
  private final HttpClient client;

  HubHttp(HubConfig config) {
    this.config = config;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Reads a JSON answer. */
  JsonNode getJson(URI uri, Target target) throws IOException {
    HttpResponse<InputStream> response = send(uri, target);
    try (InputStream body = response.body()) {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IOException(
          target.describe()
              + ": the hub's answer is not valid JSON ("
              + e.getOriginalMessage()
              + ")",
          e);
    } catch (IOException e) {
      throw new IOException(
          target.describe() + ": reading the hub's answer failed (" + describe(e) + ")", e);
    }
  }

  /**
   * Downloads a file's body to {@code destination}, checking it has the announced length.
   *
   * @return the number of bytes written
   */
  long download(URI uri, Path destination, Target target) throws IOException {
    HttpResponse<InputStream> response = send(uri, target);
    OptionalLong expected = response.headers().firstValueAsLong("Content-Length");
    long copied = 0;
    try (InputStream body = response.body();
        OutputStream out = Files.newOutputStream(destination)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = body.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        copied += n;
      }
    } catch (IOException e) {
      throw new IOException(
          target.describe()
              + ": download failed after "
              + copied
              + of(expected)
              + " bytes ("
              + describe(e)
              + ")",
          e);
    }
    if (expected.isPresent() && expected.getAsLong() != copied) {
      throw new IOException(
          target.describe() + ": download ended after " + copied + of(expected) + " bytes");
    }
    return copied;
  }

  /**
   * Sends a GET, following redirects; returns only a 200 response, whose body the caller closes.
   */
  private HttpResponse<InputStream> send(URI uri, Target target) throws IOException {
    URI current = uri;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(current)
              .timeout(config.timeout())
              .header("User-Agent", USER_AGENT)
              .GET();
      boolean withToken = config.token().isPresent() && sameOrigin(current, config.endpoint());
      if (withToken) {
        request.header("Authorization", "Bearer " + config.token().get());
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted =
            new InterruptedIOException(
                target.describe() + ": interrupted while contacting " + origin(current));
        interrupted.initCause(e);
        throw interrupted;
      } catch (IOException e) {
        throw new HubUnreachableException(
            target.describe() + ": could not reach " + origin(current) + " (" + describe(e) + ")",
            e);
      }
      int status = response.statusCode();
      if (status == 200) {
        return response;
      }
      response.body().close();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        current = redirectTarget(current, response.headers(), target, hop);
        continue;
      }
      throw statusError(status, response.headers(), target, withToken, current);
    }
  }

  private static URI redirectTarget(URI from, HttpHeaders headers, Target target, int hop)
      throws IOException {
    if (hop >= MAX_REDIRECTS) {
      throw new IOException(
          target.describe()
              + ": more than "
              + MAX_REDIRECTS
              + " redirects, last from "
              + withoutQuery(from));
    }
    String location =
        headers
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new IOException(
                        target.describe()
                            + ": redirect without a Location from "
                            + withoutQuery(from)));
    URI next;
    try {
      next = from.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException(
          target.describe() + ": redirect to a malformed URL from " + withoutQuery(from), e);
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IOException(
          target.describe() + ": redirect to a non-http URL " + withoutQuery(next));
    }
    return next;
  }

  private IOException statusError(
      int status, HttpHeaders headers, Target target, boolean tokenSent, URI uri) {
    String what = target.describe();
    RepoRef ref = target.ref();
    String code = headers.firstValue("X-Error-Code").orElse("");
    String hubMessage =
        headers.firstValue("X-Error-Message").map(m -> " - " + oneLine(m)).orElse("");
    if (status == 401 || status == 403) {
      if (code.equals("GatedRepo")) {
        return new IOException(
            what
                + ": "
                + ref.repoId()
                + " is gated (HTTP "
                + status
                + "); accept its conditions on the hub and set HF_TOKEN to a token of that"
                + " account");
      }
      if (tokenSent) {
        return new IOException(
            what
                + ": access refused (HTTP "
                + status
                + ") with the token in HF_TOKEN; check that it is valid and can read "
                + ref.repoId());
      }
      return new IOException(
          what
              + ": access refused (HTTP "
              + status
              + "); the repo may be private, gated or missing - set HF_TOKEN to a token that can"
              + " read it");
    }
    if (status == 404) {
      if (code.equals("RevisionNotFound")) {
        return new IOException(
            what
                + ": revision '"
                + ref.revision()
                + "' not found in "
                + ref.repoId()
                + " (HTTP 404)");
      }
      if (code.equals("RepoNotFound")) {
        return new IOException(
            what + ": repo " + ref.repoId() + " not found at " + config.endpoint() + " (HTTP 404)");
      }
      if (target.file() == null) {
        return new IOException(
            what
                + ": repo "
                + ref.repoId()
                + " or revision '"
                + ref.revision()
                + "' not found at "
                + config.endpoint()
                + " (HTTP 404)");
      }
      return new IOException(what + ": file not found (HTTP 404)");
    }
    if (status == 429) {
      return new IOException(
          what
              + ": rate limited by "
              + origin(uri)
              + " (HTTP 429); wait and retry, or set HF_TOKEN");
    }
    return new IOException(what + ": HTTP " + status + " from " + withoutQuery(uri) + hubMessage);
  }

  @Override
  public void close() {
    client.close();
  }

  /** Percent-encodes one URL path segment: everything but letters, digits and {@code -._~}. */
  static String encodeSegment(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  /** Percent-encodes each segment of a '/'-separated path. */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (!out.isEmpty()) {
        out.append('/');
      }
      out.append(encodeSegment(segment));
    }
    return out.toString();
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static String withoutQuery(URI uri) {
    return origin(uri) + Optional.ofNullable(uri.getRawPath()).orElse("");
  }

  private static String of(OptionalLong expected) {
    return expected.isPresent() ? " of " + expected.getAsLong() : "";
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + oneLine(message));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
