package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.ForwardingSentenceEncoder;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search with highlights embeds the sentences of at most {@value Highlighter#MAX_HITS} snippets,
 * however many hits it returns, and embeds its query once.
 */
class HighlightBoundTest {

  private static final int DOCUMENTS = 30;

  @TempDir Path dir;

  @Test
  void highlightsCoverTheFirstTwentyHitsOnlyAndReuseTheQueryVector() throws Exception {
    List<CorpusRecord> docs = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      docs.add(
          WebFixtures.doc(
              "d" + i,
              null,
              "Pets number " + i + " like to play. They sleep in the afternoon sun.",
              "animals",
              2000 + i));
    }
    SentenceEncoder shared = WebFixtures.encoder();
    try (CorpusIndexer indexer = new CorpusIndexer(dir, shared, IndexSettings.defaults())) {
      indexer.index(docs.iterator(), IndexProgress.NONE);
    }
    Counting counting = new Counting(shared);
    try (SearchBackend backend = LuceneSearchBackend.openReadOnly(dir, shared);
        SearchServer server =
            SearchServer.create(
                ServerConfig.defaults().withPort(0), backend, counting, WebFixtures.kernel())) {
      JavalinTest.test(
          server.app(),
          (s, client) -> {
            for (int round = 0; round < 2; round++) {
              JsonNode hits =
                  WebFixtures.json(client.get("/api/search?q=pets&k=100&highlight=true"))
                      .get("hits");
              assertThat(hits).hasSize(DOCUMENTS);
              for (int h = 0; h < DOCUMENTS; h++) {
                assertThat(hits.get(h).has("highlight"))
                    .as("hit %d has a highlight", h)
                    .isEqualTo(h < Highlighter.MAX_HITS);
              }
            }
          });
    }
    // two sentences per snippet, 20 snippets, two searches; the query embedded once (then cached)
    assertThat(counting.interactiveTexts).isEqualTo(1);
    assertThat(counting.bulkCalls).isEqualTo(2);
    assertThat(counting.bulkTexts).isEqualTo(2 * 2 * Highlighter.MAX_HITS);
  }

  /** Counts the texts embedded, by priority. */
  private static final class Counting extends ForwardingSentenceEncoder {
    int interactiveTexts;
    int bulkCalls;
    int bulkTexts;

    Counting(SentenceEncoder delegate) {
      super(delegate);
    }

    @Override
    public synchronized float[][] encode(List<String> texts, String prompt, EncodeRequest request) {
      if (request.priority() == EncodeRequest.Priority.INTERACTIVE) {
        interactiveTexts += texts.size();
      } else {
        bulkCalls++;
        bulkTexts += texts.size();
      }
      return delegate.encode(texts, prompt, request);
    }

    @Override
    public void close() {
      // the delegate is shared by the test classes
    }
  }
}
