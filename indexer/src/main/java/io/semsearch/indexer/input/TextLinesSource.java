package io.semsearch.indexer.input;

import io.semsearch.index.io.Utf8LineReader;
import java.io.IOException;
import java.util.Map;

/**
 * Plain text: each non-blank line is a document whose id is its 1-based line number and whose text
 * is the line as is. Blank lines are skipped but still counted, so ids match line numbers in an
 * editor.
 */
final class TextLinesSource implements RecordSource {

  private final Utf8LineReader lines;

  TextLinesSource(Utf8LineReader lines) {
    this.lines = lines;
  }

  @Override
  public CorpusRecord read() throws IOException {
    Utf8LineReader.Line line = lines.nextNonBlank();
    if (line == null) {
      return null;
    }
    String location = lines.location(line.number());
    if (!line.validUtf8()) {
      return BadRecord.of(location, BadRecord.Reason.INVALID_UTF8, "not valid UTF-8");
    }
    return new CorpusDocument(Long.toString(line.number()), null, line.text(), Map.of(), location);
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
