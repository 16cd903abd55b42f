package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with query and passage prompts, end to end: the indexer embeds documents with the passage
 * prompt and the searcher embeds queries with the query prompt, as sentence-transformers'
 * encode_document and encode_query do. Scores are checked against embeddings of the prompted texts
 * written out by hand ("passage: " + text, embedded with no prompt).
 */
class PromptedModelSearchTest {

  @TempDir Path dir;

  @Test
  void documentsGetThePassagePromptAndQueriesTheQueryPrompt() throws IOException {
    Path model =
        RandomModelFolder.builder()
            .optSeed(31)
            .optPrompts(Map.of("query", "query: ", "passage", "passage: "), null)
            .writeTo(dir.resolve("model"));
    List<CorpusDocument> docs =
        List.of(
            new CorpusDocument("a", null, "The cat sat on the mat.", Map.of(), "test:a"),
            new CorpusDocument("b", null, "Stock markets fell sharply today.", Map.of(), "test:b"),
            new CorpusDocument("c", null, "A kitten sleeps on a rug.", Map.of(), "test:c"));
    String query = "where do cats sleep";
    try (SentenceEncoder encoder =
        SentenceEncoders.open(
            model, "prompted", EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu")))) {
      Path index = dir.resolve("index");
      try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, IndexSettings.defaults())) {
        indexer.index(new ArrayList<CorpusRecord>(docs).iterator(), IndexProgress.NONE);
      }
      float[] q = encoder.encode(List.of("query: " + query), null)[0];
      float[] plainQ = encoder.encode(List.of(query), null)[0];
      try (SemanticSearcher searcher = SemanticSearcher.open(index, encoder)) {
        SearchResults results =
            searcher.search(SearchRequest.of(query).withK(3).withMode(SearchMode.EXACT));
        assertThat(results.hits()).hasSize(3);
        for (SearchHit hit : results.hits()) {
          String text =
              docs.stream().filter(d -> d.id().equals(hit.id())).findFirst().orElseThrow().text();
          float[] d = encoder.encode(List.of("passage: " + text), null)[0];
          assertThat(hit.score()).as(hit.id()).isCloseTo(dot(q, d), within(1e-5));
          float[] plainD = encoder.encode(List.of(text), null)[0];
          // the prompts matter: without them the score is another number
          assertThat(Math.abs(dot(plainQ, plainD) - hit.score())).as(hit.id()).isGreaterThan(1e-4);
        }
      }
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
