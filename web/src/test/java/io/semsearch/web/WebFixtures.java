package io.semsearch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.UpsertSession;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A small index of the real default model and servers over it, for the web tests. */
final class WebFixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The text of the long document: about 700 tokens, several passages. */
  static final String LONG_TEXT = longText();

  private WebFixtures() {}

  static SentenceEncoder encoder() {
    return TestModels.defaultEncoder();
  }

  /** The CPU kernel the servers under test mine paraphrases with. */
  static SimilarityKernel kernel() {
    return SentenceEncoders.similarityKernel(DeviceSpec.CPU);
  }

  /** Eight documents with section and year metadata; "history-long" is split into passages. */
  static List<CorpusDocument> documents() {
    return List.of(
        doc(
            "cat",
            "Cats",
            "The cat sat on the mat and purred. Cats are small domesticated carnivorous mammals.",
            "animals",
            2001),
        doc(
            "dog",
            "Dogs",
            "Dogs are loyal companions. A dog was playing fetch in the park with its owner.",
            "animals",
            2005),
        doc(
            "guitar",
            "Music",
            "A man is playing a guitar on stage. The concert was loud and the crowd sang along.",
            "music",
            2010),
        doc(
            "piano",
            "Piano lessons",
            "She practices the piano every morning. Scales and arpeggios build finger strength.",
            "music",
            2015),
        doc(
            "pasta",
            "Cooking pasta",
            "Boil the pasta in salted water for nine minutes, then toss it with olive oil and"
                + " garlic.",
            "food",
            2018),
        doc(
            "bread",
            null,
            "Bread dough needs time to rise. Knead it well and bake it in a hot oven.",
            "food",
            2020),
        doc(
            "space",
            "Astronomy",
            "The telescope revealed distant galaxies. Astronomers study stars and black holes.",
            "science",
            2021),
        doc("history-long", "A long history", LONG_TEXT, "history", 1999));
  }

  static CorpusDocument doc(String id, String title, String text, String section, long year) {
    return new CorpusDocument(
        id, title, text, Map.of("section", section, "year", year), "test:" + id);
  }

  private static String longText() {
    StringBuilder text = new StringBuilder();
    String[] topics = {
      "the Roman empire built roads and aqueducts across Europe",
      "medieval castles were defended by knights and archers",
      "the printing press spread books and ideas quickly",
      "steam engines powered the industrial revolution in factories",
      "explorers sailed across the oceans to map new lands"
    };
    for (int p = 0; p < 12; p++) {
      text.append("Chapter ")
          .append(p + 1)
          .append(". In this part of history, ")
          .append(topics[p % topics.length])
          .append(
              ". Historians still debate the causes and the consequences of these changes for"
                  + " ordinary people. ")
          .append(
              "Archives, letters and archaeological finds tell us how life changed over the"
                  + " generations.\n\n");
    }
    return text.toString().strip();
  }

  /** Builds the index of {@link #documents()} in {@code dir}. */
  static Path buildIndex(Path dir) {
    try (CorpusIndexer indexer = new CorpusIndexer(dir, encoder(), IndexSettings.defaults())) {
      indexer.index(new ArrayList<CorpusRecord>(documents()).iterator(), IndexProgress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** An index, its backend (writable, as the CLI composes it) and servers over them. */
  static final class TestIndex implements AutoCloseable {
    final Path dir;
    final SearchBackend backend;

    TestIndex(Path dir) {
      this.dir = buildIndex(dir);
      try {
        this.backend = LuceneSearchBackend.open(dir, encoder(), new UpsertSession(dir, encoder()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A new server started on a free port over this index; close() stops it. */
    SearchServer start(ServerConfig config) throws IOException {
      return SearchServer.start(config.withPort(0), backend, encoder(), kernel());
    }

    /** A new server (not started) over this index. */
    SearchServer server(ServerConfig config) {
      return SearchServer.create(config.withPort(0), backend, encoder(), kernel());
    }

    @Override
    public void close() throws IOException {
      backend.close();
    }
  }

  /** POSTs {@code body} as is with JSON content type. */
  static Response post(HttpClient client, String path, String body) {
    return client.request(
        path,
        b -> b.post(BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
  }

  /** Sends {@code body} bytes with {@code method}, extra headers added by {@code headers}. */
  static Response send(
      HttpClient client,
      String method,
      String path,
      byte[] body,
      Consumer<io.javalin.testtools.Request.Builder> headers) {
    return client.request(
        path,
        b -> {
          var publisher = BodyPublishers.ofByteArray(body);
          switch (method) {
            case "POST" -> b.post(publisher);
            case "PUT" -> b.put(publisher);
            case "PATCH" -> b.patch(publisher);
            case "DELETE" -> b.delete(publisher);
            default -> b.get();
          }
          headers.accept(b);
        });
  }

  /**
   * Sends {@code body} as JSON with {@code method}, with an {@code Authorization} header of {@code
   * authorization} unless it is null: the shape of every write request.
   */
  static Response write(
      HttpClient client, String method, String path, String body, String authorization) {
    return send(
        client,
        method,
        path,
        body.getBytes(StandardCharsets.UTF_8),
        b -> {
          b.header("Content-Type", "application/json");
          if (authorization != null) {
            b.header("Authorization", authorization);
          }
        });
  }

  static JsonNode json(Response response) {
    try {
      return JSON.readTree(response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body().string(), e);
    }
  }

  static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
