package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link SearchServer#close()} is graceful: it stops accepting connections, answers a request that
 * still arrives on an open connection with a 503 JSON error, lets the requests in flight finish,
 * returns within its stop timeout, and logs no error.
 */
class ShutdownTest extends SharedIndexTest {

  @Test
  void aRequestInFlightFinishesWhileNewOnesAreRefused() throws Exception {
    GatedEncoder gated = new GatedEncoder(WebFixtures.encoder(), 1);
    ServerConfig config = ServerConfig.defaults().withPort(0).withQueryCacheSize(0);
    SearchServer server = SearchServer.start(config, index.backend, gated, WebFixtures.kernel());
    int port = server.port();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    try (HttpClient client = HttpClient.newHttpClient();
        Socket idle = new Socket(InetAddress.getLoopbackAddress(), port)) {
      // 1. a search held in the encoder: in flight when close() starts
      CompletableFuture<HttpResponse<String>> inFlight =
          client.sendAsync(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/search?k=1&q=cats"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(gated.arrived.await(60, TimeUnit.SECONDS))
          .as("the search reached the encoder")
          .isTrue();

      // 2. close() starts, with the server's log captured
      System.setErr(new PrintStream(new Tee(stderr, log), true, StandardCharsets.UTF_8));
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

      // 3. new connections are refused once the connector has stopped accepting
      awaitRefused(port);
      // 4. a request on a connection opened before is answered 503
      idle.setSoTimeout(60_000);
      idle.getOutputStream()
          .write(RawHttp.get("/api/health", "localhost").getBytes(StandardCharsets.ISO_8859_1));
      RawHttp.Reply refused =
          RawHttp.parse(new String(idle.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
      assertThat(refused.json().get("error").asText())
          .isEqualTo("the server is shutting down; retry later");
      assertThat(closing).as("close() waits for the search in flight").isNotDone();

      // 5. the search in flight completes, and close() returns within its stop timeout
      gated.open.countDown();
      HttpResponse<String> response = inFlight.get(60, TimeUnit.SECONDS);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(WebFixtures.JSON.readTree(response.body()).at("/hits/0/id").asText())
          .isEqualTo("cat");
      closing.get(SearchServer.STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } finally {
      System.setErr(stderr);
      gated.open.countDown();
      server.close();
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).doesNotContain("ERROR").doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** Connects until a connection is refused: the server has stopped accepting. */
  static void awaitRefused(int port) throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 10_000; attempt++) {
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        Thread.sleep(1);
      } catch (ConnectException refused) {
        return;
      }
    }
    throw new AssertionError("the server still accepts connections after close() started");
  }

  /** Writes to two streams. */
  static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
