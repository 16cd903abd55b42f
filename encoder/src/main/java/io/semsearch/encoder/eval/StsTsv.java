package io.semsearch.encoder.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads semantic textual similarity pairs from a UTF-8 TSV file with three tab-separated columns:
 * {@code sentence1}, {@code sentence2}, {@code score}.
 *
 * <p>A header line is optional: the first non-blank line is taken as a header when its third column
 * is not a number. Blank lines are skipped, a leading byte order mark is ignored, and there is no
 * quoting (sentences can't hold tabs or line breaks). Any other malformed line fails the whole read
 * with an {@link IOException} naming the file and the 1-based line number.
 */
public final class StsTsv {

  private static final char BOM = '\uFEFF';

  private StsTsv() {}

  /**
   * Reads every pair of a TSV file.
   *
   * @return the pairs in file order; empty if the file holds no pairs
   * @throws IOException if the file can't be read, is not valid UTF-8, or has a malformed line; the
   *     message names the file and line
   */
  public static List<StsPair> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    }
  }

  /**
   * Reads every pair from {@code reader}, which the caller closes.
   *
   * @param source names the input in error messages, e.g. a file name or resource path
   * @return the pairs in input order
   * @throws IOException if reading fails or a line is malformed; the message names the source and
   *     line
   */
  public static List<StsPair> read(BufferedReader reader, String source) throws IOException {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    List<StsPair> pairs = new ArrayList<>();
    boolean first = true;
    int lineNumber = 0;
    while (true) {
      String line;
      try {
        line = reader.readLine();
      } catch (CharacterCodingException e) {
        throw new IOException(source + ":" + (lineNumber + 1) + ": not valid UTF-8", e);
      }
      if (line == null) {
        return pairs;
      }
      lineNumber++;
      if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != 3) {
        throw new IOException(
            source
                + ":"
                + lineNumber
                + ": expected 3 tab-separated columns (sentence1, sentence2, score), got "
                + columns.length);
      }
      boolean header = first && !isNumber(columns[2]);
      first = false;
      if (header) {
        continue;
      }
      pairs.add(parse(columns, source, lineNumber));
    }
  }

  private static StsPair parse(String[] columns, String source, int lineNumber) throws IOException {
    double score;
    try {
      score = Double.parseDouble(columns[2].strip());
    } catch (NumberFormatException e) {
      throw new IOException(
          source + ":" + lineNumber + ": score '" + columns[2] + "' is not a number", e);
    }
    try {
      return new StsPair(columns[0], columns[1], score);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ":" + lineNumber + ": " + e.getMessage(), e);
    }
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
