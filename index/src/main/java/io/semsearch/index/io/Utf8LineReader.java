package io.semsearch.index.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a byte stream into lines and decodes each line on its own as strict UTF-8, so an invalid
 * byte sequence spoils only its line. Lines end at {@code \n}; a {@code \r} before it is dropped,
 * and so is a byte order mark at the start of line 1. Holds one line at a time. Shared by every
 * reader of line-based files (corpora, queries and judgements, sentences to mine).
 */
public final class Utf8LineReader implements Closeable {

  /**
   * A decoded line.
   *
   * @param number the 1-based line number
   * @param text the text; where {@code validUtf8} is false, bad bytes are replaced with U+FFFD
   * @param validUtf8 whether the line's bytes were valid UTF-8
   */
  public record Line(long number, String text, boolean validUtf8) {}

  private static final int CHUNK_SIZE = 1 << 16;

  private final InputStream in;
  private final String source;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] chunk = new byte[CHUNK_SIZE];
  private int chunkPos;
  private int chunkLimit;
  private byte[] line = new byte[256];
  private int lineLength;
  private long lineNumber;

  /**
   * Reads the lines of {@code in}.
   *
   * @param in the bytes, closed by {@link #close()}
   * @param source names the input in error messages
   */
  public Utf8LineReader(InputStream in, String source) {
    this.in = Objects.requireNonNull(in, "in");
    this.source = Objects.requireNonNull(source, "source");
  }

  /** The input's name as used in locations. */
  public String source() {
    return source;
  }

  /** The location of line {@code number}: {@code source:number}. */
  public String location(long number) {
    return source + ":" + number;
  }

  /**
   * The next line that is not blank (a line of invalid UTF-8 counts as not blank), or null at the
   * end.
   */
  public Line nextNonBlank() throws IOException {
    Line line;
    do {
      line = next();
      if (line == null) {
        return null;
      }
    } while (line.validUtf8() && line.text().isBlank());
    return line;
  }

  /**
   * The next line, or {@code null} at the end of the input.
   *
   * @throws IOException if the bytes can't be read; the message names the source and line
   */
  public Line next() throws IOException {
    lineLength = 0;
    boolean any = false;
    while (true) {
      if (chunkPos == chunkLimit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      int start = chunkPos;
      while (chunkPos < chunkLimit && chunk[chunkPos] != '\n') {
        chunkPos++;
      }
      append(start, chunkPos - start);
      if (chunkPos < chunkLimit) {
        chunkPos++; // the '\n'
        break;
      }
    }
    lineNumber++;
    return decode();
  }

  private boolean fill() throws IOException {
    int n;
    try {
      n = in.read(chunk, 0, chunk.length);
    } catch (IOException e) {
      throw new IOException(location(lineNumber + 1) + ": can't read: " + e.getMessage(), e);
    }
    chunkPos = 0;
    chunkLimit = Math.max(n, 0);
    return n > 0;
  }

  private void append(int from, int length) {
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    System.arraycopy(chunk, from, line, lineLength, length);
    lineLength += length;
  }

  private Line decode() {
    int offset = 0;
    int length = lineLength;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    if (lineNumber == 1
        && length >= 3
        && line[0] == (byte) 0xEF
        && line[1] == (byte) 0xBB
        && line[2] == (byte) 0xBF) {
      offset = 3;
      length -= 3;
    }
    try {
      return new Line(
          lineNumber, decoder.decode(ByteBuffer.wrap(line, offset, length)).toString(), true);
    } catch (CharacterCodingException e) {
      return new Line(lineNumber, new String(line, offset, length, StandardCharsets.UTF_8), false);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
