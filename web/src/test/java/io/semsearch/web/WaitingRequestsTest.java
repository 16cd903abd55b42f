package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Searches waiting for the encoder's batch park without holding an OS thread each: the server
 * serves requests on virtual threads, so 48 searches waiting at once add a handful of platform
 * threads, not 48 (a thread-per-request pool would add one per waiting search).
 */
class WaitingRequestsTest extends SharedIndexTest {

  private static final int SEARCHES = 48;

  @Test
  void searchesWaitingOnTheEncoderHoldNoPlatformThreadEach() throws Exception {
    GatedEncoder gated = new GatedEncoder(WebFixtures.encoder(), SEARCHES, request -> true);
    ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    try (SearchServer server =
            SearchServer.create(
                ServerConfig.defaults().withPort(0), index.backend, gated, WebFixtures.kernel());
        HttpClient client = HttpClient.newBuilder().executor(clientThreads).build()) {
      server.app().start(0);
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < SEARCHES; i++) {
        URI uri =
            URI.create(
                "http://127.0.0.1:"
                    + server.port()
                    + "/api/search?k=2&q="
                    + WebFixtures.urlEncode("pets number " + i));
        responses.add(
            client.sendAsync(
                HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
      }
      assertThat(gated.arrived.await(60, TimeUnit.SECONDS))
          .as("all searches reached the encoder")
          .isTrue();
      int threadsWhileWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
      gated.open.countDown();
      for (CompletableFuture<HttpResponse<String>> response : responses) {
        HttpResponse<String> r = response.get(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(WebFixtures.JSON.readTree(r.body()).get("hits")).hasSize(2);
      }
      assertThat(threadsWhileWaiting - threadsBefore)
          .as(
              "platform threads added while %d searches waited (%d before)",
              SEARCHES, threadsBefore)
          .isLessThan(SEARCHES / 4);
    } finally {
      clientThreads.shutdownNow();
    }
  }
}
