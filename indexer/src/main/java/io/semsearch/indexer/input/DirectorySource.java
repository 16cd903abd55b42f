package io.semsearch.indexer.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory tree of {@code .txt}, {@code .md}/{@code .markdown} and {@code .html}/{@code .htm}
 * files (extensions ignoring case), one document per file; other files are ignored.
 *
 * <p>The walk is depth-first with each directory's entries in name order (by UTF-16 code units), so
 * the order is the same on every machine. Names starting with {@code .} (hidden files and folders
 * such as {@code .git}) are skipped, and links to directories are not followed. Only the open
 * directories' listings are held, never the whole tree.
 *
 * <p>The id is the path relative to the root with {@code /} separators; the location is the file's
 * path. Titles: a Markdown file's first ATX heading ({@code # ...}, outside code fences), an HTML
 * file's {@code <title>} or first {@code <h1>} (see {@link HtmlText}), else the file name without
 * its extension. Text files and Markdown are kept as written (stripped); HTML is converted to text.
 */
final class DirectorySource implements RecordSource {

  private enum Kind {
    TEXT,
    MARKDOWN,
    HTML
  }

  private static final Pattern ATX_HEADING =
      Pattern.compile("^ {0,3}#{1,6}[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

  private final Path root;
  private final Deque<Iterator<Path>> open = new ArrayDeque<>();

  DirectorySource(Path root) throws IOException {
    this.root = root;
    open.push(list(root));
  }

  @Override
  public CorpusRecord read() throws IOException {
    while (!open.isEmpty()) {
      Iterator<Path> entries = open.peek();
      if (!entries.hasNext()) {
        open.pop();
        continue;
      }
      Path path = entries.next();
      if (path.getFileName().toString().startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        open.push(list(path));
        continue;
      }
      Kind kind = kind(path);
      if (kind != null && Files.isRegularFile(path)) {
        return load(path, kind);
      }
    }
    return null;
  }

  private static Iterator<Path> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      List<Path> sorted =
          entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
      return sorted.iterator();
    }
  }

  /** Whether {@code path} has an extension this source reads. */
  static boolean isDocument(Path path) {
    return kind(path) != null;
  }

  private static Kind kind(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    String extension = name.substring(name.lastIndexOf('.') + 1);
    return switch (extension) {
      case "txt" -> Kind.TEXT;
      case "md", "markdown" -> Kind.MARKDOWN;
      case "html", "htm" -> Kind.HTML;
      default -> null;
    };
  }

  private CorpusRecord load(Path path, Kind kind) throws IOException {
    String location = path.toString();
    String content;
    try {
      byte[] bytes = Files.readAllBytes(path);
      content =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return BadRecord.of(location, BadRecord.Reason.INVALID_UTF8, "not valid UTF-8");
    }
    if (!content.isEmpty() && content.charAt(0) == '\uFEFF') {
      content = content.substring(1);
    }
    String title;
    String text;
    switch (kind) {
      case HTML -> {
        HtmlText.Extracted extracted = HtmlText.extract(content);
        title = extracted.title();
        text = extracted.text();
      }
      case MARKDOWN -> {
        title = markdownTitle(content);
        text = content.strip();
      }
      default -> {
        title = null;
        text = content.strip();
      }
    }
    if (text.isEmpty()) {
      return BadRecord.of(location, BadRecord.Reason.EMPTY_TEXT, "empty text");
    }
    if (title == null) {
      title = stem(path.getFileName().toString());
    }
    return new CorpusDocument(id(path), title, text, Map.of(), location);
  }

  private String id(Path path) {
    StringBuilder id = new StringBuilder();
    for (Path part : root.relativize(path)) {
      if (!id.isEmpty()) {
        id.append('/');
      }
      id.append(part);
    }
    return id.toString();
  }

  /** The text of the first ATX heading outside code fences, or {@code null}. */
  static String markdownTitle(String markdown) {
    boolean inFence = false;
    for (String line : markdown.split("\r?\n")) {
      if (FENCE.matcher(line).find()) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher heading = ATX_HEADING.matcher(line);
      if (heading.matches() && !heading.group(1).isBlank()) {
        return heading.group(1).strip();
      }
    }
    return null;
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  @Override
  public void close() {
    open.clear();
  }
}
