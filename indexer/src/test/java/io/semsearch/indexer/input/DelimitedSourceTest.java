package io.semsearch.indexer.input;

import static io.semsearch.indexer.input.CorpusTestFiles.badRecords;
import static io.semsearch.indexer.input.CorpusTestFiles.documents;
import static io.semsearch.indexer.input.CorpusTestFiles.readAll;
import static io.semsearch.indexer.input.CorpusTestFiles.withInvalidByte;
import static io.semsearch.indexer.input.CorpusTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedSourceTest {

  @TempDir Path dir;

  @Test
  void readsCsvWithHeaderTitleAndStringMetadata() throws IOException {
    Path file =
        write(
            dir.resolve("corpus.csv"),
            "id,title,text,lang,year\n1,One,First text,en,2024\n2,,Second text,,\n");

    List<CorpusDocument> docs = documents(readAll(file));

    assertThat(docs).hasSize(2);
    assertThat(docs.get(0))
        .isEqualTo(
            new CorpusDocument(
                "1", "One", "First text", Map.of("lang", "en", "year", "2024"), file + ":2"));
    assertThat(docs.get(0).metadata())
        .containsExactly(Map.entry("lang", "en"), Map.entry("year", "2024"));
    // An empty title is no title; empty cells are left out of the metadata.
    assertThat(docs.get(1))
        .isEqualTo(new CorpusDocument("2", null, "Second text", Map.of(), file + ":3"));
  }

  @Test
  void csvQuotingHoldsCommasDoubledQuotesAndLineBreaks() throws IOException {
    Path file =
        write(
            dir.resolve("quoted.csv"),
            "\"id\",\"text\",note\r\n"
                + "a,\"Hello, world\",\"say \"\"hi\"\"\"\r\n"
                + "b,\"line one\r\nline two\n\nline four\",\"\"\r\n"
                + "c,plain \"inner\" quotes,x\r\n"
                + "d,\"\"\"quoted\"\"\",\n");

    List<CorpusRecord> records = readAll(file);

    assertThat(badRecords(records)).isEmpty();
    assertThat(documents(records))
        .extracting(
            CorpusDocument::id,
            CorpusDocument::text,
            CorpusDocument::metadata,
            CorpusDocument::location)
        .containsExactly(
            tuple("a", "Hello, world", Map.of("note", "say \"hi\""), file + ":2"),
            tuple("b", "line one\nline two\n\nline four", Map.of(), file + ":3"),
            tuple("c", "plain \"inner\" quotes", Map.of("note", "x"), file + ":7"),
            tuple("d", "\"quoted\"", Map.of(), file + ":8"));
  }

  @Test
  void badCsvRowsAreReportedAndReadingStaysInStep() throws IOException {
    byte[] content =
        withInvalidByte(
            "id,text\n" // 1
                + "1,ok\n" // 2
                + "2\n" // 3: too few columns
                + "3,a,b\n" // 4: too many
                + ",no id\n" // 5
                + "6, \n" // 6
                + "7,\"closed\"junk\n" // 7
                + "8,\"multi\nline caf",
            "\"\n" // 8-9: invalid UTF-8 inside a quoted field
                + "10,after\n" // 10
                + "11,\"never closed\n" // 11
                + "12,swallowed\n");
    Path file = write(dir.resolve("bad.csv"), content);

    List<CorpusRecord> records = readAll(file);

    assertThat(documents(records)).extracting(CorpusDocument::id).containsExactly("1", "10");
    assertThat(badRecords(records))
        .extracting(BadRecord::message, BadRecord::reason)
        .containsExactly(
            tuple(file + ":3: expected 2 columns, got 1", BadRecord.Reason.COLUMN_COUNT),
            tuple(file + ":4: expected 2 columns, got 3", BadRecord.Reason.COLUMN_COUNT),
            tuple(file + ":5: empty id field 'id'", BadRecord.Reason.MISSING_ID),
            tuple(file + ":6: empty text field 'text'", BadRecord.Reason.EMPTY_TEXT),
            tuple(
                file + ":7: unexpected 'j' after a closing quote in column 2",
                BadRecord.Reason.MALFORMED),
            tuple(file + ":8: not valid UTF-8", BadRecord.Reason.INVALID_UTF8),
            tuple(file + ":11: unterminated quoted field", BadRecord.Reason.MALFORMED));
  }

  @Test
  void readsTsvVerbatimWithoutQuoting() throws IOException {
    Path file =
        write(
            dir.resolve("corpus.tsv"),
            "id\ttext\tsource\n1\t\"Quoted\" text, with comma\tC:\\new\n\n2\tTwo\twiki\n");

    List<CorpusRecord> records = readAll(file);

    assertThat(records)
        .containsExactly(
            new CorpusDocument(
                "1", null, "\"Quoted\" text, with comma", Map.of("source", "C:\\new"), file + ":2"),
            new CorpusDocument("2", null, "Two", Map.of("source", "wiki"), file + ":4"));
  }

  @Test
  void tsvRowWithWrongColumnCountIsBad() throws IOException {
    Path file = write(dir.resolve("c.tsv"), "id\ttext\n1\ta\tb\n2\tok\n");

    List<CorpusRecord> records = readAll(file);

    assertThat(badRecords(records))
        .extracting(BadRecord::message)
        .containsExactly(file + ":2: expected 2 columns, got 3");
    assertThat(documents(records)).extracting(CorpusDocument::id).containsExactly("2");
  }

  @Test
  void usesConfiguredColumnsAndStripsHeaderNames() throws IOException {
    Path file = write(dir.resolve("c.csv"), "\uFEFF key , body ,headline\nk1,b1,h1\n");
    CorpusOptions options =
        CorpusOptions.defaults()
            .withIdField("key")
            .withTextField("body")
            .withTitleField("headline");

    assertThat(readAll(file, options))
        .containsExactly(new CorpusDocument("k1", "h1", "b1", Map.of(), file + ":2"));
  }

  @Test
  void headerWithoutTheTextColumnFailsOnOpen() throws IOException {
    Path file = write(dir.resolve("c.csv"), "id,body\n1,x\n");

    assertThatThrownBy(() -> CorpusReader.open(file, CorpusOptions.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ":1: header has no text column 'text' (columns: id, body)");
  }

  @Test
  void headerThatRepeatsAColumnFailsOnOpen() throws IOException {
    Path file = write(dir.resolve("c.tsv"), "id\ttext\tid\n");

    assertThatThrownBy(() -> CorpusReader.open(file, CorpusOptions.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ":1: header repeats column 'id'");
  }

  @Test
  void emptyFileHasNoRecords() throws IOException {
    assertThat(readAll(write(dir.resolve("empty.csv"), "\n\n"))).isEmpty();
  }
}
