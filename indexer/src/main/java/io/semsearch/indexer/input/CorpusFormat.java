package io.semsearch.indexer.input;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The corpus layouts {@link CorpusReader} understands. Files are UTF-8 (a leading byte order mark
 * is ignored) and may be gzip-compressed when their name ends with {@code .gz}. In every format a
 * document needs a non-blank id and text; anything else becomes a {@link BadRecord}.
 */
public enum CorpusFormat {
  /**
   * JSON Lines: one JSON object per line ({@code .jsonl}, {@code .ndjson}); blank lines are
   * skipped. The id may be a string or a number (then written as JSON writes it); the text a string
   * (or another scalar). Other scalar fields are kept as metadata: strings, booleans, integers that
   * fit a {@code long} as {@link Long}, other numbers as {@link Double}. Nulls, nested objects and
   * arrays are ignored, not flattened.
   */
  JSONL("jsonl", List.of("jsonl", "ndjson")),
  /**
   * Comma-separated values with a header row and RFC 4180 quoting ({@code .csv}): quoted fields may
   * hold commas, doubled quotes and line breaks. The header must name the id and text columns.
   * Other columns are kept as string metadata; empty cells are left out. A row with a different
   * column count than the header is a bad record.
   */
  CSV("csv", List.of("csv")),
  /**
   * Tab-separated values with a header row ({@code .tsv}, {@code .tab}), otherwise like {@link
   * #CSV} but with no quoting or escapes: each tab separates columns and values are verbatim, so
   * they can't hold tabs or line breaks.
   */
  TSV("tsv", List.of("tsv", "tab")),
  /**
   * Plain text ({@code .txt}, {@code .text}): each non-blank line is a document whose id is its
   * 1-based line number; no title or metadata. Blank lines are skipped, not reported.
   */
  TEXT("text", List.of("txt", "text")),
  /**
   * A directory tree of {@code .txt}, {@code .md}/{@code .markdown} and {@code .html}/{@code .htm}
   * files, one document per file, walked depth-first in name order; other files, hidden names
   * ({@code .git}) and links to directories are skipped. The id is the path relative to the root
   * with {@code /} separators. The title is a Markdown file's first {@code #} heading or an HTML
   * file's {@code <title>} or first {@code <h1>}, else the file name without its extension. HTML is
   * reduced to text: scripts, styles and tags dropped, entities decoded, paragraph and line breaks
   * kept as newlines.
   */
  DIRECTORY("dir", List.of());

  private static final String GZIP_SUFFIX = ".gz";

  private final String cliName;
  private final List<String> extensions;

  CorpusFormat(String cliName, List<String> extensions) {
    this.cliName = cliName;
    this.extensions = extensions;
  }

  /**
   * The name used on the command line: {@code jsonl}, {@code csv}, {@code tsv}, {@code text} or
   * {@code dir}.
   */
  public String cliName() {
    return cliName;
  }

  /**
   * Detects the format of {@code input}: a directory is {@link #DIRECTORY}; a file goes by its
   * extension, looking under a trailing {@code .gz} ({@code corpus.jsonl.gz} is {@link #JSONL}).
   * Extensions are compared ignoring case.
   *
   * @throws IllegalArgumentException if the extension is not one of the known ones; the message
   *     lists the formats and extensions
   */
  public static CorpusFormat detect(Path input) {
    Objects.requireNonNull(input, "input");
    if (Files.isDirectory(input)) {
      return DIRECTORY;
    }
    Path fileName = input.getFileName();
    String name = fileName == null ? "" : stripGzip(fileName.toString()).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot >= 0) {
      String extension = name.substring(dot + 1);
      for (CorpusFormat format : values()) {
        if (format.extensions.contains(extension)) {
          return format;
        }
      }
    }
    throw new IllegalArgumentException(
        "can't tell the corpus format of '"
            + input
            + "' from its extension; choose one of "
            + names()
            + " (known extensions: .jsonl, .ndjson, .csv, .tsv, .tab, .txt, .text, each optionally"
            + " followed by .gz)");
  }

  /**
   * Parses a format name, ignoring case: a {@link #cliName()}, the enum constant's name, or one of
   * the format's extensions ({@code ndjson}, {@code txt}, ...).
   *
   * @throws IllegalArgumentException if {@code name} names no format; the message lists them
   */
  public static CorpusFormat parse(String name) {
    Objects.requireNonNull(name, "name");
    String key = name.strip().toLowerCase(Locale.ROOT);
    for (CorpusFormat format : values()) {
      if (format.cliName.equals(key)
          || format.name().toLowerCase(Locale.ROOT).equals(key)
          || format.extensions.contains(key)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown corpus format '" + name + "'; choose one of " + names());
  }

  /** Whether {@code file}'s name ends with {@code .gz}, ignoring case. */
  static boolean isGzip(Path file) {
    Path fileName = file.getFileName();
    return fileName != null && fileName.toString().toLowerCase(Locale.ROOT).endsWith(GZIP_SUFFIX);
  }

  private static String stripGzip(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(GZIP_SUFFIX)
        ? name.substring(0, name.length() - GZIP_SUFFIX.length())
        : name;
  }

  private static String names() {
    StringBuilder names = new StringBuilder();
    for (CorpusFormat format : values()) {
      if (!names.isEmpty()) {
        names.append(", ");
      }
      names.append(format.cliName);
    }
    return names.toString();
  }
}
