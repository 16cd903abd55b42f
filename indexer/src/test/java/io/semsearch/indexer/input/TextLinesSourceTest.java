package io.semsearch.indexer.input;

import static io.semsearch.indexer.input.CorpusTestFiles.readAll;
import static io.semsearch.indexer.input.CorpusTestFiles.withInvalidByte;
import static io.semsearch.indexer.input.CorpusTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesSourceTest {

  @TempDir Path dir;

  @Test
  void eachNonBlankLineIsADocumentIdentifiedByItsLineNumber() throws IOException {
    Path file = write(dir.resolve("lines.txt"), "first line\n\n   \r\nfourth line\r\nfifth");

    assertThat(readAll(file))
        .containsExactly(
            CorpusDocument.of("1", "first line", file + ":1"),
            CorpusDocument.of("4", "fourth line", file + ":4"),
            CorpusDocument.of("5", "fifth", file + ":5"));
  }

  @Test
  void anInvalidLineSpoilsOnlyItself() throws IOException {
    Path file = write(dir.resolve("lines.txt"), withInvalidByte("good\nbad ", "\ngood again\n"));

    assertThat(readAll(file))
        .containsExactly(
            CorpusDocument.of("1", "good", file + ":1"),
            BadRecord.of(file + ":2", BadRecord.Reason.INVALID_UTF8, "not valid UTF-8"),
            CorpusDocument.of("3", "good again", file + ":3"));
  }
}
