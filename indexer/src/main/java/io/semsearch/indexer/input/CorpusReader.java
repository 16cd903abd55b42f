package io.semsearch.indexer.input;

import io.semsearch.index.io.Utf8LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a corpus one record at a time, whatever its size: each call holds one line, CSV record or
 * file in memory. Formats and their rules are described on {@link CorpusFormat}; files whose name
 * ends with {@code .gz} are decompressed on the fly. Line-based inputs are decoded as strict UTF-8
 * one line at a time, so an invalid byte spoils only its own line.
 *
 * <p>A line or file that can't be used is returned as a {@link BadRecord} with its location and
 * reason; with {@link CorpusOptions#strict()} the first one is thrown as a {@link
 * BadRecordException} instead, and the reader then returns nothing more. Duplicate ids are not
 * checked.
 *
 * <p>Use {@link #read()} where checked exceptions suit, or the {@link Iterator} methods and {@link
 * #stream()}, which wrap {@link IOException} (including {@link BadRecordException}) in an {@link
 * UncheckedIOException}. Not thread-safe. Close it to release the file.
 *
 * <pre>{@code
 * try (CorpusReader reader = CorpusReader.open(path, CorpusOptions.defaults())) {
 *   for (CorpusRecord record; (record = reader.read()) != null; ) {
 *     switch (record) {
 *       case CorpusDocument doc -> index(doc);
 *       case BadRecord bad -> log.warn(bad.message());
 *     }
 *   }
 * }
 * }</pre>
 */
public final class CorpusReader implements Iterator<CorpusRecord>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusReader.class);
  private static final int GZIP_BUFFER = 1 << 16;

  private final RecordSource source;
  private final CorpusFormat format;
  private final boolean strict;
  private CorpusRecord pending;
  private boolean finished;
  private boolean closed;

  private CorpusReader(RecordSource source, CorpusFormat format, boolean strict) {
    this.source = source;
    this.format = format;
    this.strict = strict;
  }

  /**
   * Opens {@code input}. CSV and TSV headers are read here, so a header without the id or text
   * column fails now rather than on every row.
   *
   * @param input a file, optionally {@code .gz}, or a directory
   * @throws NoSuchFileException if {@code input} does not exist
   * @throws IOException if the input can't be opened, is a directory for a file format (or a file
   *     for {@link CorpusFormat#DIRECTORY}), is not gzip data despite its {@code .gz} name, or a
   *     CSV/TSV header is unusable; messages name the input
   * @throws IllegalArgumentException if no format is given and the extension tells none
   */
  public static CorpusReader open(Path input, CorpusOptions options) throws IOException {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(options, "options");
    if (!Files.exists(input)) {
      throw new NoSuchFileException(input.toString(), null, "corpus input does not exist");
    }
    CorpusFormat format = options.format() != null ? options.format() : CorpusFormat.detect(input);
    boolean directory = Files.isDirectory(input);
    if (format == CorpusFormat.DIRECTORY && !directory) {
      throw new IOException(
          input + ": format " + format.cliName() + " needs a directory, but this is a file");
    }
    if (format != CorpusFormat.DIRECTORY && directory) {
      throw new IOException(
          input + ": is a directory; read it with format " + CorpusFormat.DIRECTORY.cliName());
    }
    RecordSource source =
        switch (format) {
          case JSONL -> new JsonLinesSource(lines(input), options);
          case CSV -> DelimitedSource.open(lines(input), true, options);
          case TSV -> DelimitedSource.open(lines(input), false, options);
          case TEXT -> new TextLinesSource(lines(input));
          case DIRECTORY -> new DirectorySource(input);
        };
    LOG.debug(
        "Reading corpus {} as {} (gzip: {}, id field '{}', text field '{}', title field '{}',"
            + " strict: {})",
        input,
        format.cliName(),
        CorpusFormat.isGzip(input),
        options.idField(),
        options.textField(),
        options.titleField(),
        options.strict());
    return new CorpusReader(source, format, options.strict());
  }

  /** Opens {@code input} with {@link CorpusOptions#defaults()}. */
  public static CorpusReader open(Path input) throws IOException {
    return open(input, CorpusOptions.defaults());
  }

  /**
   * Parses one line of a JSON Lines corpus as {@link #open} reads it, for readers that get the
   * lines elsewhere (a Spark job reading from a Hadoop file system).
   *
   * @param line the line, not blank
   * @param location where it came from, for messages (file and line)
   * @return a {@link CorpusDocument}, or a {@link BadRecord} saying what is wrong with the line
   */
  public static CorpusRecord parseJsonLine(String line, String location, CorpusOptions options) {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(options, "options");
    return JsonLinesSource.parse(line, location, options);
  }

  /**
   * About how many records {@code input} holds, for a progress ETA, without parsing it: the
   * supported files below a folder, else the lines of the file (decompressed for {@code .gz};
   * records spanning lines, such as quoted CSV fields, make this an overestimate).
   */
  public static long estimateRecords(Path input) throws IOException {
    if (Files.isDirectory(input)) {
      try (Stream<Path> files = Files.walk(input)) {
        return files.filter(f -> Files.isRegularFile(f) && DirectorySource.isDocument(f)).count();
      }
    }
    long lines = 0;
    byte[] buffer = new byte[GZIP_BUFFER];
    try (InputStream raw = Files.newInputStream(input);
        InputStream in =
            input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                ? new GZIPInputStream(raw, GZIP_BUFFER)
                : raw) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          lines += buffer[i] == '\n' ? 1 : 0;
        }
      }
    }
    return lines;
  }

  private static Utf8LineReader lines(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (CorpusFormat.isGzip(file)) {
      try {
        in = new GZIPInputStream(in, GZIP_BUFFER);
      } catch (IOException e) {
        in.close();
        throw new IOException(file + ": not gzip data: " + e.getMessage(), e);
      }
    }
    return new Utf8LineReader(in, file.toString());
  }

  /** The format being read, given or detected. */
  public CorpusFormat format() {
    return format;
  }

  /**
   * The next record, or {@code null} at the end of the input.
   *
   * @throws BadRecordException in strict mode, at the first bad record
   * @throws IOException if the input can't be read; the message names the file (and line)
   * @throws IllegalStateException if the reader is closed
   */
  public CorpusRecord read() throws IOException {
    ensureOpen();
    if (pending != null) {
      CorpusRecord record = pending;
      pending = null;
      return record;
    }
    return pull();
  }

  private CorpusRecord pull() throws IOException {
    if (finished) {
      return null;
    }
    CorpusRecord record;
    try {
      record = source.read();
    } catch (IOException | RuntimeException e) {
      finished = true;
      throw e;
    }
    if (record == null) {
      finished = true;
    } else if (strict && record instanceof BadRecord bad) {
      finished = true;
      throw new BadRecordException(bad);
    }
    return record;
  }

  /**
   * Whether another record follows; reads it ahead.
   *
   * @throws UncheckedIOException wrapping what {@link #read()} throws
   */
  @Override
  public boolean hasNext() {
    ensureOpen();
    if (pending == null) {
      try {
        pending = pull();
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
    return pending != null;
  }

  /**
   * The next record.
   *
   * @throws NoSuchElementException at the end of the input
   * @throws UncheckedIOException wrapping what {@link #read()} throws
   */
  @Override
  public CorpusRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in the corpus");
    }
    CorpusRecord record = pending;
    pending = null;
    return record;
  }

  /**
   * The remaining records as a sequential stream that reads lazily; closing the stream closes this
   * reader.
   */
  public Stream<CorpusRecord> stream() {
    Spliterator<CorpusRecord> spliterator =
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(spliterator, false)
        .onClose(
            () -> {
              try {
                close();
              } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
              }
            });
  }

  /** Releases the input. Closing twice is harmless. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      pending = null;
      source.close();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("corpus reader is closed");
    }
  }
}
