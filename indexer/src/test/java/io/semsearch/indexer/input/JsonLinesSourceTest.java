package io.semsearch.indexer.input;

import static io.semsearch.indexer.input.CorpusTestFiles.badRecords;
import static io.semsearch.indexer.input.CorpusTestFiles.documents;
import static io.semsearch.indexer.input.CorpusTestFiles.readAll;
import static io.semsearch.indexer.input.CorpusTestFiles.withInvalidByte;
import static io.semsearch.indexer.input.CorpusTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSourceTest {

  @TempDir Path dir;

  @Test
  void readsIdTextTitleAndTypedScalarMetadata() throws IOException {
    Path file =
        write(
            dir.resolve("corpus.jsonl"),
            """
            {"id": "a1", "title": "First", "text": "Hello world", "lang": "en", "year": 2024, "score": 0.5, "draft": false, "tags": ["x"], "meta": {"k": 1}, "none": null}
            {"id": 42, "text": "Numeric id", "big": 12345678901234567890}
            """);

    List<CorpusRecord> records = readAll(file);

    assertThat(records).hasSize(2).allMatch(CorpusDocument.class::isInstance);
    CorpusDocument first = (CorpusDocument) records.get(0);
    assertThat(first.id()).isEqualTo("a1");
    assertThat(first.title()).isEqualTo("First");
    assertThat(first.text()).isEqualTo("Hello world");
    assertThat(first.location()).isEqualTo(file + ":1");
    // Nested objects are flattened, arrays and nulls left out; the order of the input is kept.
    assertThat(first.metadata())
        .containsExactly(
            Map.entry("lang", "en"),
            Map.entry("year", 2024L),
            Map.entry("score", 0.5),
            Map.entry("draft", false),
            Map.entry("meta.k", 1L));
    CorpusDocument second = (CorpusDocument) records.get(1);
    assertThat(second.id()).isEqualTo("42");
    assertThat(second.title()).isNull();
    assertThat(second.metadata()).containsExactly(Map.entry("big", 1.2345678901234567e19));
    assertThat(second.location()).isEqualTo(file + ":2");
  }

  @Test
  void nestedObjectsBecomeDottedFieldsAndEachArrayIsWarnedAboutNamingLineAndField()
      throws IOException {
    Path file =
        write(
            dir.resolve("corpus.jsonl"),
            """
            {"id": "a", "text": "Nested", "author": {"name": "Ada", "born": {"year": 1815}}}
            {"id": "b", "text": "Arrays", "tags": ["x", "y"], "author": {"aliases": ["A. L."]}}
            """);
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<CorpusRecord> records;
    try {
      // slf4j-simple writes warnings to the System.err of the moment
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      records = readAll(file);
    } finally {
      System.setErr(stderr);
    }
    assertThat(((CorpusDocument) records.get(0)).metadata())
        .containsExactly(Map.entry("author.name", "Ada"), Map.entry("author.born.year", 1815L));
    assertThat(((CorpusDocument) records.get(1)).metadata()).isEmpty();
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains(file + ":2: metadata field 'tags' is an array")
        .contains(file + ":2: metadata field 'author.aliases' is an array");
  }

  @Test
  void usesConfiguredFieldNamesAndKeepsTheDefaultOnesAsMetadata() throws IOException {
    Path file =
        write(
            dir.resolve("c.jsonl"),
            "{\"doc_id\": \"d\", \"body\": \"words\", \"id\": \"other\", \"headline\": \"H\"}\n");
    CorpusOptions options =
        CorpusOptions.defaults()
            .withIdField("doc_id")
            .withTextField("body")
            .withTitleField("headline");

    CorpusDocument doc = documents(readAll(file, options)).get(0);

    assertThat(doc.id()).isEqualTo("d");
    assertThat(doc.text()).isEqualTo("words");
    assertThat(doc.title()).isEqualTo("H");
    assertThat(doc.metadata()).containsExactly(Map.entry("id", "other"));
  }

  @Test
  void eachBadLineIsReportedWithItsLineAndReasonAndTheRestStillRead() throws IOException {
    String good = "{\"id\": \"ok\", \"text\": \"fine\"}\n";
    byte[] content =
        withInvalidByte(
            good // 1
                + "{\"id\": \"x\", \"text\": \n" // 2: malformed
                + "[1, 2]\n" // 3: not an object
                + "{\"text\": \"no id\"}\n" // 4
                + "{\"id\": \"y\"}\n" // 5
                + "{\"id\": \"z\", \"text\": \"  \"}\n" // 6
                + "\n" // 7: blank, skipped
                + "{\"id\": \"u\", \"text\": \"caf",
            "\"}\n" // 8: invalid UTF-8
                + "{\"id\": {\"a\": 1}, \"text\": \"t\"}\n" // 9
                + "{\"id\": \"w\", \"text\": [\"t\"]}\n" // 10
                + "{\"id\": \" \", \"text\": \"t\"}\n" // 11
                + "{\"id\": \"v\", \"text\": \"t\"} trailing\n" // 12
                + good); // 13
    Path file = write(dir.resolve("bad.jsonl"), content);

    List<CorpusRecord> records = readAll(file, CorpusOptions.defaults());

    assertThat(documents(records))
        .extracting(CorpusDocument::location)
        .containsExactly(file + ":1", file + ":13");
    assertThat(badRecords(records))
        .extracting(BadRecord::location, BadRecord::reason)
        .containsExactly(
            tuple(file + ":2", BadRecord.Reason.MALFORMED),
            tuple(file + ":3", BadRecord.Reason.MALFORMED),
            tuple(file + ":4", BadRecord.Reason.MISSING_ID),
            tuple(file + ":5", BadRecord.Reason.MISSING_TEXT),
            tuple(file + ":6", BadRecord.Reason.EMPTY_TEXT),
            tuple(file + ":8", BadRecord.Reason.INVALID_UTF8),
            tuple(file + ":9", BadRecord.Reason.MISSING_ID),
            tuple(file + ":10", BadRecord.Reason.MISSING_TEXT),
            tuple(file + ":11", BadRecord.Reason.MISSING_ID),
            tuple(file + ":12", BadRecord.Reason.MALFORMED));
    List<BadRecord> bad = badRecords(records);
    assertThat(bad.get(0).message())
        .startsWith(file + ":2: malformed JSON: column ")
        .doesNotContain("\n");
    assertThat(bad.get(1).message()).isEqualTo(file + ":3: expected a JSON object, got an array");
    assertThat(bad.get(2).message()).isEqualTo(file + ":4: missing id field 'id'");
    assertThat(bad.get(3).message()).isEqualTo(file + ":5: missing text field 'text'");
    assertThat(bad.get(4).message()).isEqualTo(file + ":6: empty text field 'text'");
    assertThat(bad.get(5).message()).isEqualTo(file + ":8: not valid UTF-8");
    assertThat(bad.get(6).message())
        .isEqualTo(file + ":9: id field 'id' is an object, not a string or number");
    assertThat(bad.get(7).message())
        .isEqualTo(file + ":10: text field 'text' is an array, not a string");
    assertThat(bad.get(8).message()).isEqualTo(file + ":11: empty id field 'id'");
  }

  @Test
  void namesTheConfiguredTextFieldInTheMessage() throws IOException {
    Path file =
        write(
            dir.resolve("corpus.jsonl"),
            "{\"id\": 1, \"body\": \"a\"}\n{\"id\": 2, \"text\": \"b\"}\n");

    List<BadRecord> bad = badRecords(readAll(file, CorpusOptions.defaults().withTextField("body")));

    assertThat(bad)
        .extracting(BadRecord::message)
        .containsExactly(file + ":2: missing text field 'body'");
  }

  @Test
  void handlesCrlfLineEndingsAByteOrderMarkAndNoFinalNewline() throws IOException {
    Path file =
        write(
            dir.resolve("crlf.jsonl"),
            "\uFEFF{\"id\": \"a\", \"text\": \"x\"}\r\n{\"id\": \"b\", \"text\": \"y\"}");

    assertThat(documents(readAll(file)))
        .extracting(CorpusDocument::id, CorpusDocument::text)
        .containsExactly(tuple("a", "x"), tuple("b", "y"));
  }
}
