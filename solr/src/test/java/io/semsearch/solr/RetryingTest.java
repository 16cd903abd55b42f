package io.semsearch.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.junit.jupiter.api.Test;

class RetryingTest {

  private final Retrying retrying = new Retrying(4, 1);

  @Test
  void transientFailuresAreRetriedUntilTheCallSucceeds() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    String result =
        retrying.run(
            "feeding",
            () -> {
              switch (calls.incrementAndGet()) {
                case 1 -> throw new SolrServerException(new ConnectException("node down"));
                case 2 ->
                    throw new SolrException(
                        SolrException.ErrorCode.SERVICE_UNAVAILABLE, "no leader for shard1");
                case 3 -> throw new IOException("connection reset");
                default -> {
                  return "done";
                }
              }
            });
    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(4);
  }

  @Test
  void aBadRequestIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retrying.run(
                    "adding the fields",
                    () -> {
                      calls.incrementAndGet();
                      throw new SolrException(SolrException.ErrorCode.BAD_REQUEST, "bad field");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("adding the fields failed: bad field")
        .hasCauseInstanceOf(SolrException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void theLastFailureIsReportedAfterTheLastAttempt() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                retrying.run(
                    "committing",
                    () -> {
                      calls.incrementAndGet();
                      throw new IOException("refused " + calls.get());
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("committing failed: refused 4");
    assertThat(calls).hasValue(4);
  }
}
