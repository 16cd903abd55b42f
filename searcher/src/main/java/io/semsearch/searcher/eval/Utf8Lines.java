package io.semsearch.searcher.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file line by line as strict UTF-8. Lines end at {@code \n}; a {@code \r} before it is
 * dropped, and so is a byte order mark at the start of line 1. Each line is decoded on its own, so
 * an invalid byte sequence is reported with its line number.
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

  private static final int CHUNK_SIZE = 1 << 16;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private Utf8Lines() {}

  /**
   * Calls {@code handler} for every line of {@code file}, blank ones included, in order.
   *
   * @throws IOException if the file can't be read
   * @throws IllegalArgumentException {@code file:line: not valid UTF-8} for a line that isn't
   */
  static void read(Path file, Handler handler) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      CharsetDecoder decoder =
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
      byte[] chunk = new byte[CHUNK_SIZE];
      byte[] line = new byte[256];
      int length = 0;
      long number = 0;
      int read;
      while ((read = in.read(chunk)) >= 0) {
        for (int i = 0; i < read; i++) {
          if (chunk[i] == '\n') {
            number++;
            handler.line(location(file, number), decode(decoder, line, length, number, file));
            length = 0;
          } else {
            if (length == line.length) {
              line = Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = chunk[i];
          }
        }
      }
      if (length > 0) {
        number++;
        handler.line(location(file, number), decode(decoder, line, length, number, file));
      }
    }
  }

  static String location(Path file, long number) {
    return file + ":" + number;
  }

  private static String decode(CharsetDecoder decoder, byte[] bytes, int length, long number, Path file) {
    int start = 0;
    if (number == 1 && length >= BOM.length && Arrays.equals(bytes, 0, BOM.length, BOM, 0, BOM.length)) {
      start = BOM.length;
    }
    int end = length > start && bytes[length - 1] == '\r' ? length - 1 : length;
    try {
      return decoder.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(location(file, number) + ": not valid UTF-8", e);
    }
  }
}
