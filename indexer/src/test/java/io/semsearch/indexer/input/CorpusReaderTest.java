package io.semsearch.indexer.input;

import static io.semsearch.indexer.input.CorpusTestFiles.readAll;
import static io.semsearch.indexer.input.CorpusTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {

  @TempDir Path dir;

  @Test
  void estimatesRecordsOfPlainAndGzippedFilesAndFolders() throws IOException {
    Path plain = dir.resolve("a.jsonl");
    Files.writeString(
        plain, "{\"id\":1,\"text\":\"x\"}\n{\"id\":2,\"text\":\"y\"}\n{\"id\":3,\"text\":\"z\"}\n");
    Path gz = dir.resolve("b.jsonl.gz");
    try (Writer w =
        new OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(gz)), StandardCharsets.UTF_8)) {
      for (int i = 0; i < 5000; i++) {
        w.write("{\"id\":" + i + ",\"text\":\"line\"}\n");
      }
    }
    Path folder = dir.resolve("docs");
    Files.createDirectories(folder.resolve("sub"));
    Files.writeString(folder.resolve("one.md"), "# One");
    Files.writeString(folder.resolve("sub/two.html"), "<p>two</p>");
    Files.writeString(folder.resolve("sub/image.png"), "no");
    assertThat(CorpusReader.estimateRecords(plain)).isEqualTo(3);
    assertThat(CorpusReader.estimateRecords(gz)).isEqualTo(5000);
    assertThat(CorpusReader.estimateRecords(folder)).isEqualTo(2);
  }

  @Test
  void readsGzippedJsonLinesAndText() throws IOException {
    Path jsonl = write(dir.resolve("corpus.jsonl.gz"), "{\"id\": \"a\", \"text\": \"zipped\"}\n");
    Path text = write(dir.resolve("lines.TXT.GZ"), "one\n\nthree\n");

    assertThat(readAll(jsonl)).containsExactly(CorpusDocument.of("a", "zipped", jsonl + ":1"));
    assertThat(readAll(text))
        .containsExactly(
            CorpusDocument.of("1", "one", text + ":1"),
            CorpusDocument.of("3", "three", text + ":3"));
  }

  @Test
  void aGzNameOnPlainDataFailsNamingTheFile() throws IOException {
    Path file = write(dir.resolve("fake.jsonl"), "{}\n");
    Path renamed = Files.move(file, dir.resolve("fake.jsonl.gz"));

    assertThatThrownBy(() -> CorpusReader.open(renamed, CorpusOptions.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(renamed + ": not gzip data")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void forcedFormatOverridesTheExtension() throws IOException {
    Path file = write(dir.resolve("corpus.data"), "{\"id\": \"a\", \"text\": \"t\"}\n");

    try (CorpusReader reader =
        CorpusReader.open(file, CorpusOptions.defaults().withFormat(CorpusFormat.TEXT))) {
      assertThat(reader.format()).isEqualTo(CorpusFormat.TEXT);
      assertThat(reader.next())
          .isEqualTo(CorpusDocument.of("1", "{\"id\": \"a\", \"text\": \"t\"}", file + ":1"));
    }
  }

  @Test
  void unknownExtensionWithoutAFormatIsAnIllegalArgument() throws IOException {
    Path file = write(dir.resolve("corpus.data"), "x\n");

    assertThatThrownBy(() -> CorpusReader.open(file, CorpusOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("choose one of jsonl, csv, tsv, text, dir");
  }

  @Test
  void aMissingInputIsNamed() {
    Path missing = dir.resolve("nope.jsonl");

    assertThatThrownBy(() -> CorpusReader.open(missing, CorpusOptions.defaults()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": corpus input does not exist");
  }

  @Test
  void aDirectoryAndAFileMustMatchTheForcedFormat() throws IOException {
    Path file = write(dir.resolve("a.txt"), "x\n");

    assertThatThrownBy(
            () -> CorpusReader.open(dir, CorpusOptions.defaults().withFormat(CorpusFormat.JSONL)))
        .isInstanceOf(IOException.class)
        .hasMessage(dir + ": is a directory; read it with format dir");
    assertThatThrownBy(
            () ->
                CorpusReader.open(
                    file, CorpusOptions.defaults().withFormat(CorpusFormat.DIRECTORY)))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ": format dir needs a directory, but this is a file");
  }

  @Test
  void strictModeThrowsTheFirstBadRecordAndThenStops() throws IOException {
    Path file =
        write(
            dir.resolve("corpus.jsonl"),
            "{\"id\": 1, \"body\": \"ok\"}\n{\"id\": 2}\n{\"id\": 3, \"body\": \"\"}\n");
    CorpusOptions options = CorpusOptions.defaults().withTextField("body").withStrict(true);

    try (CorpusReader reader = CorpusReader.open(file, options)) {
      assertThat(reader.read()).isInstanceOf(CorpusDocument.class);
      assertThatThrownBy(reader::read)
          .isInstanceOfSatisfying(
              BadRecordException.class,
              e ->
                  assertThat(e.badRecord())
                      .isEqualTo(
                          BadRecord.of(
                              file + ":2",
                              BadRecord.Reason.MISSING_TEXT,
                              "missing text field 'body'")))
          .hasMessage(file + ":2: missing text field 'body'");
      assertThat(reader.read()).isNull();
    }
  }

  @Test
  void strictModeThroughTheIteratorWrapsTheException() throws IOException {
    Path file = write(dir.resolve("corpus.csv"), "id,text\n1,a\n2\n");

    try (CorpusReader reader = CorpusReader.open(file, CorpusOptions.defaults().withStrict(true))) {
      assertThat(reader.next()).isInstanceOf(CorpusDocument.class);
      assertThatThrownBy(reader::hasNext)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage(file + ":3: expected 2 columns, got 1")
          .hasCauseInstanceOf(BadRecordException.class);
    }
  }

  @Test
  void iteratorAndStreamYieldEveryRecordThenStop() throws IOException {
    Path file = write(dir.resolve("lines.txt"), "a\nb\n");

    try (CorpusReader reader = CorpusReader.open(file)) {
      assertThat(reader.hasNext()).isTrue();
      assertThat(reader.hasNext()).isTrue();
      assertThat(reader.next()).isEqualTo(CorpusDocument.of("1", "a", file + ":1"));
      assertThat(reader.read()).isEqualTo(CorpusDocument.of("2", "b", file + ":2"));
      assertThat(reader.hasNext()).isFalse();
      assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
    }
    List<String> ids;
    try (var records = CorpusReader.open(file).stream()) {
      ids = records.map(r -> ((CorpusDocument) r).id()).toList();
    }
    assertThat(ids).containsExactly("1", "2");
  }

  @Test
  void aClosedReaderRefusesToRead() throws IOException {
    Path file = write(dir.resolve("lines.txt"), "a\n");
    CorpusReader reader = CorpusReader.open(file);
    reader.close();
    reader.close();

    assertThatThrownBy(reader::read)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("corpus reader is closed");
  }

  @Test
  void streamsALargeGzippedFileOneRecordAtATime() throws IOException {
    int lines = 200_000;
    Path file = dir.resolve("large.jsonl.gz");
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
      for (int i = 0; i < lines; i++) {
        out.write(
            "{\"id\": " + i + ", \"text\": \"document number " + i + "\", \"n\": " + i + "}\n");
      }
    }

    long documents = 0;
    long lastId = -1;
    try (CorpusReader reader = CorpusReader.open(file)) {
      for (CorpusRecord record; (record = reader.read()) != null; ) {
        CorpusDocument doc = (CorpusDocument) record;
        lastId = Long.parseLong(doc.id());
        documents++;
      }
    }
    assertThat(documents).isEqualTo(lines);
    assertThat(lastId).isEqualTo(lines - 1);
  }
}
