package io.semsearch.searcher.eval;

import io.semsearch.index.io.Utf8LineReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file line by line as strict UTF-8 ({@link Utf8LineReader}: {@code \r\n} and a leading
 * byte order mark handled), failing on the first line that is not valid UTF-8, with its number.
 */
final class Utf8Lines {

  /** Receives each line of a file. */
  @FunctionalInterface
  interface Handler {
    /**
     * @param location {@code file:line}, for error messages
     * @param text the line without its line break
     */
    void line(String location, String text);
  }

  private Utf8Lines() {}

  /**
   * Calls {@code handler} for every line of {@code file}, blank ones included, in order.
   *
   * @throws IOException if the file can't be read
   * @throws IllegalArgumentException {@code file:line: not valid UTF-8} for a line that isn't
   */
  static void read(Path file, Handler handler) throws IOException {
    try (Utf8LineReader reader = new Utf8LineReader(Files.newInputStream(file), file.toString())) {
      for (Utf8LineReader.Line line; (line = reader.next()) != null; ) {
        String location = reader.location(line.number());
        if (!line.validUtf8()) {
          throw new IllegalArgumentException(location + ": not valid UTF-8");
        }
        handler.line(location, line.text());
      }
    }
  }
}
