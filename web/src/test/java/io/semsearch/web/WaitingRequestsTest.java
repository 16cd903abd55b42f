package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Searches waiting for the encoder's batch park without holding an OS thread each: the server
 * serves requests on virtual threads, so while 48 searches wait at the encoder no platform thread
 * is blocked there (a thread-per-request pool would block one per waiting search).
 *
 * <p>The test counts only the platform threads whose stack is inside the gated encoder, never all
 * platform threads: how many carrier, selector and pool threads the JVM and Jetty start depends on
 * the number of processors, while a parked virtual thread is on no platform thread's stack at all.
 * {@link Thread#getAllStackTraces()} lists platform threads only, and a carrier's stack shows its
 * own frames, not those of the virtual thread it carries.
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
      List<String> blockedAtTheGate = platformThreadsInside(GatedEncoder.class);
      int requestsOnVirtualThreads = gated.virtualCallers.get();
      gated.open.countDown();
      for (CompletableFuture<HttpResponse<String>> response : responses) {
        HttpResponse<String> r = response.get(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(WebFixtures.JSON.readTree(r.body()).get("hits")).hasSize(2);
      }
      assertThat(blockedAtTheGate)
          .as("platform threads blocked at the encoder while %d searches waited", SEARCHES)
          .isEmpty();
      assertThat(requestsOnVirtualThreads)
          .as("searches that reached the encoder on a virtual thread")
          .isEqualTo(SEARCHES);
    } finally {
      clientThreads.shutdownNow();
    }
  }

  /** The names of the platform threads with a frame of {@code type} on their stack. */
  private static List<String> platformThreadsInside(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement frame : entry.getValue()) {
        if (frame.getClassName().equals(type.getName())) {
          names.add(entry.getKey().getName());
          break;
        }
      }
    }
    return names;
  }
}
