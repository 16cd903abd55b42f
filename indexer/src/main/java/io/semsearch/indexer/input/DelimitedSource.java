package io.semsearch.indexer.input;

import io.semsearch.index.io.Utf8LineReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV and TSV with a header row. The header is read when the source is opened; it must name the id
 * and text columns, and its names are stripped of surrounding whitespace. Blank lines are skipped.
 *
 * <p>CSV follows RFC 4180: a field that starts with {@code "} is quoted and may hold commas, line
 * breaks and doubled quotes ({@code ""} for one {@code "}); a quote inside an unquoted field is
 * kept as is; text between a closing quote and the next comma makes the record {@code MALFORMED}. A
 * record spanning several lines is located at its first line, and its line breaks are read as
 * {@code \n} (a CRLF inside quotes becomes LF). An unterminated quote runs to the end of the input
 * and is reported as one {@code MALFORMED} record.
 *
 * <p>TSV has no quoting and no escapes: every tab separates columns, every line is one row, and
 * values (quotes and backslashes included) are taken verbatim, so they can't hold tabs or line
 * breaks.
 *
 * <p>Cell values are strings. Empty cells are left out of the metadata; an empty title is no title.
 */
final class DelimitedSource implements RecordSource {

  /** One parsed row: its cells, or why it can't be used. */
  private record Row(
      long lineNumber, List<String> cells, BadRecord.Reason problem, String detail) {}

  private final Utf8LineReader lines;
  private final boolean csv;
  private final List<String> header;
  private final int idColumn;
  private final int textColumn;
  private final int titleColumn;
  private final CorpusOptions options;

  private DelimitedSource(
      Utf8LineReader lines, boolean csv, List<String> header, CorpusOptions options) {
    this.lines = lines;
    this.csv = csv;
    this.header = header;
    this.options = options;
    this.idColumn = header.indexOf(options.idField());
    this.textColumn = header.indexOf(options.textField());
    this.titleColumn = options.titleField() == null ? -1 : header.indexOf(options.titleField());
  }

  /**
   * Reads the header and returns a source positioned at the first row. An empty input has no rows.
   *
   * @param csv true for CSV, false for TSV
   * @throws IOException if the header is unreadable, lacks the id or text column, or repeats a
   *     name; the message names the source and line. {@code lines} is closed in that case
   */
  static DelimitedSource open(Utf8LineReader lines, boolean csv, CorpusOptions options)
      throws IOException {
    try {
      Row first = nextRow(lines, csv);
      if (first == null) {
        return new DelimitedSource(
            lines, csv, List.of(options.idField(), options.textField()), options);
      }
      String location = lines.location(first.lineNumber());
      if (first.problem() != null) {
        throw new IOException(location + ": unreadable header: " + first.detail());
      }
      List<String> header = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      for (String cell : first.cells()) {
        String name = cell.strip();
        if (seen.putIfAbsent(name, header.size()) != null) {
          throw new IOException(location + ": header repeats column '" + name + "'");
        }
        header.add(name);
      }
      requireColumn(header, options.idField(), "id", location);
      requireColumn(header, options.textField(), "text", location);
      return new DelimitedSource(lines, csv, List.copyOf(header), options);
    } catch (IOException | RuntimeException e) {
      lines.close();
      throw e;
    }
  }

  private static void requireColumn(List<String> header, String name, String role, String location)
      throws IOException {
    if (!header.contains(name)) {
      throw new IOException(
          location
              + ": header has no "
              + role
              + " column '"
              + name
              + "' (columns: "
              + String.join(", ", header)
              + ")");
    }
  }

  @Override
  public CorpusRecord read() throws IOException {
    Row row = nextRow(lines, csv);
    if (row == null) {
      return null;
    }
    String location = lines.location(row.lineNumber());
    if (row.problem() != null) {
      return BadRecord.of(location, row.problem(), row.detail());
    }
    List<String> cells = row.cells();
    if (cells.size() != header.size()) {
      return BadRecord.of(
          location,
          BadRecord.Reason.COLUMN_COUNT,
          "expected " + header.size() + " columns, got " + cells.size());
    }
    String id = cells.get(idColumn);
    if (id.isBlank()) {
      return BadRecord.of(
          location, BadRecord.Reason.MISSING_ID, "empty id field '" + options.idField() + "'");
    }
    String text = cells.get(textColumn);
    if (text.isBlank()) {
      return BadRecord.of(
          location, BadRecord.Reason.EMPTY_TEXT, "empty text field '" + options.textField() + "'");
    }
    String title =
        titleColumn < 0 || cells.get(titleColumn).isBlank() ? null : cells.get(titleColumn);
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      if (i != idColumn && i != textColumn && i != titleColumn && !cells.get(i).isEmpty()) {
        metadata.put(header.get(i), cells.get(i));
      }
    }
    return new CorpusDocument(id, title, text, metadata, location);
  }

  /** The next non-blank row, or {@code null} at the end of the input. */
  private static Row nextRow(Utf8LineReader lines, boolean csv) throws IOException {
    Utf8LineReader.Line line;
    do {
      line = lines.next();
      if (line == null) {
        return null;
      }
    } while (line.validUtf8() && line.text().isBlank());
    return csv ? csvRow(lines, line) : tsvRow(line);
  }

  private static Row tsvRow(Utf8LineReader.Line line) {
    if (!line.validUtf8()) {
      return new Row(line.number(), null, BadRecord.Reason.INVALID_UTF8, "not valid UTF-8");
    }
    return new Row(line.number(), List.of(line.text().split("\t", -1)), null, null);
  }

  /**
   * Parses one CSV record starting at {@code line}, reading further lines while a quoted field is
   * open. Keeps reading to the record's end even after a problem, so the next record starts in
   * step.
   */
  private static Row csvRow(Utf8LineReader lines, Utf8LineReader.Line line) throws IOException {
    long start = line.number();
    boolean validUtf8 = line.validUtf8();
    String malformed = null;
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean inQuotes = false;
    boolean cellQuoted = false;
    boolean afterClosingQuote = false;
    String text = line.text();
    int i = 0;
    while (true) {
      if (i == text.length()) {
        if (!inQuotes) {
          cells.add(cell.toString());
          break;
        }
        Utf8LineReader.Line more = lines.next();
        if (more == null) {
          malformed = "unterminated quoted field";
          break;
        }
        validUtf8 &= more.validUtf8();
        cell.append('\n');
        text = more.text();
        i = 0;
        continue;
      }
      char c = text.charAt(i++);
      if (inQuotes) {
        if (c != '"') {
          cell.append(c);
        } else if (i < text.length() && text.charAt(i) == '"') {
          cell.append('"');
          i++;
        } else {
          inQuotes = false;
          afterClosingQuote = true;
        }
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        cellQuoted = false;
        afterClosingQuote = false;
      } else if (afterClosingQuote) {
        if (malformed == null) {
          malformed =
              "unexpected '" + c + "' after a closing quote in column " + (cells.size() + 1);
        }
      } else if (c == '"' && cell.isEmpty() && !cellQuoted) {
        inQuotes = true;
        cellQuoted = true;
      } else {
        cell.append(c);
      }
    }
    if (!validUtf8) {
      return new Row(start, null, BadRecord.Reason.INVALID_UTF8, "not valid UTF-8");
    }
    if (malformed != null) {
      return new Row(start, null, BadRecord.Reason.MALFORMED, malformed);
    }
    return new Row(start, cells, null, null);
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
