package io.semsearch.indexer.input;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small, forgiving HTML-to-text converter for indexing; not a full HTML parser.
 *
 * <p>It drops comments, declarations and the contents of {@code script}, {@code style}, {@code
 * noscript} and {@code template}; removes every other tag; decodes the common named entities
 * ({@code &amp; &lt; &gt; &quot; &apos; &nbsp;} and a few typographic ones) and numeric ones
 * ({@code &#39; &#x2014;}), leaving unknown ones as written. Whitespace runs become one space;
 * {@code br}, {@code li}, {@code tr}, {@code dt} and {@code dd} start a new line, table cells are
 * separated by a space, and other block elements ({@code p}, {@code div}, headings, lists, tables,
 * ...) a new paragraph (a blank line); two {@code br} in a row make a blank line too. Lines are
 * stripped and never blank except as a paragraph break. {@code pre} is not treated specially. The
 * {@code <title>} is returned apart and not repeated in the text.
 */
final class HtmlText {

  /**
   * What {@link #extract(String)} found.
   *
   * @param title the {@code <title>}, else the first {@code <h1>}, whitespace collapsed; {@code
   *     null} if neither has text
   * @param text the visible text with line and paragraph breaks, stripped; may be empty
   */
  record Extracted(String title, String text) {}

  private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template");
  private static final Set<String> LINE_BREAKS = Set.of("br", "li", "tr", "dt", "dd");
  private static final Set<String> CELLS = Set.of("td", "th");
  private static final Set<String> PARAGRAPHS =
      Set.of(
          "p",
          "div",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "ul",
          "ol",
          "dl",
          "table",
          "blockquote",
          "pre",
          "hr",
          "section",
          "article",
          "header",
          "footer",
          "nav",
          "aside",
          "main",
          "figure",
          "figcaption",
          "form",
          "address",
          "body",
          "details",
          "summary",
          "fieldset",
          "caption");
  private static final Map<String, String> ENTITIES =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", " "),
          Map.entry("ensp", " "),
          Map.entry("emsp", " "),
          Map.entry("thinsp", " "),
          Map.entry("shy", ""),
          Map.entry("mdash", "\u2014"),
          Map.entry("ndash", "\u2013"),
          Map.entry("hellip", "\u2026"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("rsquo", "\u2019"),
          Map.entry("ldquo", "\u201C"),
          Map.entry("rdquo", "\u201D"),
          Map.entry("laquo", "\u00AB"),
          Map.entry("raquo", "\u00BB"),
          Map.entry("middot", "\u00B7"),
          Map.entry("bull", "\u2022"),
          Map.entry("copy", "\u00A9"),
          Map.entry("reg", "\u00AE"),
          Map.entry("trade", "\u2122"),
          Map.entry("deg", "\u00B0"),
          Map.entry("euro", "\u20AC"),
          Map.entry("pound", "\u00A3"),
          Map.entry("times", "\u00D7"));
  private static final int MAX_ENTITY_LENGTH = 32;
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\u00A0]+");

  private final String html;
  private final StringBuilder text = new StringBuilder();
  private String title;
  private StringBuilder h1;
  private boolean h1Done;
  private int pos;
  private int pendingBreak;

  private HtmlText(String html) {
    this.html = html;
  }

  /** Extracts the title and visible text of an HTML document. */
  static Extracted extract(String html) {
    HtmlText extractor = new HtmlText(html);
    extractor.run();
    String title = extractor.title;
    if (title == null && extractor.h1 != null) {
      title = collapse(extractor.h1.toString());
    }
    extractor.trimTrailingSpace();
    return new Extracted(
        title == null || title.isEmpty() ? null : title, extractor.text.toString());
  }

  /** Decodes the entities in {@code raw}, leaving unknown ones and stray ampersands as they are. */
  static String decodeEntities(String raw) {
    int amp = raw.indexOf('&');
    if (amp < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    int i = 0;
    while (amp >= 0) {
      out.append(raw, i, amp);
      int semicolon = raw.indexOf(';', amp + 1);
      String decoded =
          semicolon < 0 || semicolon - amp > MAX_ENTITY_LENGTH
              ? null
              : entity(raw.substring(amp + 1, semicolon));
      if (decoded == null) {
        out.append('&');
        i = amp + 1;
      } else {
        out.append(decoded);
        i = semicolon + 1;
      }
      amp = raw.indexOf('&', i);
    }
    return out.append(raw, i, raw.length()).toString();
  }

  private static String entity(String name) {
    if (name.length() > 1 && name.charAt(0) == '#') {
      boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
      try {
        int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
        return codePoint > 0
                && Character.isValidCodePoint(codePoint)
                && !Character.isSurrogate((char) codePoint)
            ? Character.toString(codePoint)
            : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return ENTITIES.get(name);
  }

  private void run() {
    int length = html.length();
    while (pos < length) {
      int lt = html.indexOf('<', pos);
      if (lt < 0) {
        appendText(html.substring(pos));
        return;
      }
      appendText(html.substring(pos, lt));
      pos = lt;
      if (html.startsWith("<!--", pos)) {
        int end = html.indexOf("-->", pos + 4);
        pos = end < 0 ? length : end + 3;
      } else if (!startsTag(pos)) {
        appendText("<");
        pos++;
      } else {
        tag();
      }
    }
  }

  private boolean startsTag(int at) {
    if (at + 1 >= html.length()) {
      return false;
    }
    char next = html.charAt(at + 1);
    return Character.isLetter(next)
        || next == '!'
        || next == '?'
        || (next == '/' && at + 2 < html.length() && Character.isLetter(html.charAt(at + 2)));
  }

  /** Handles the tag at {@code pos}, leaving {@code pos} after it. */
  private void tag() {
    int end = tagEnd(pos + 1);
    if (end < 0) {
      appendText(html.substring(pos));
      pos = html.length();
      return;
    }
    boolean closing = html.charAt(pos + 1) == '/';
    int nameStart = pos + (closing ? 2 : 1);
    int nameEnd = nameStart;
    while (nameEnd < end
        && (Character.isLetterOrDigit(html.charAt(nameEnd)) || html.charAt(nameEnd) == '-')) {
      nameEnd++;
    }
    String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
    pos = end + 1;
    if (closing) {
      if (name.equals("h1") && h1 != null) {
        h1Done = true;
      }
      if (!LINE_BREAKS.contains(name)) {
        breakFor(name);
      }
      return;
    }
    if (SKIPPED.contains(name) || name.equals("title")) {
      String content = rawContent(name);
      if (name.equals("title") && title == null) {
        title = collapse(decodeEntities(content));
      }
      return;
    }
    if (name.equals("h1") && h1 == null) {
      h1 = new StringBuilder();
    }
    breakFor(name);
  }

  /**
   * The index of the {@code >} closing a tag whose body starts at {@code from}, skipping quoted
   * attribute values; -1 if none.
   */
  private int tagEnd(int from) {
    char quote = 0;
    for (int i = from; i < html.length(); i++) {
      char c = html.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns the raw text up to {@code </name>} and moves past it (or to the end if it never
   * closes).
   */
  private String rawContent(String name) {
    int close = indexOfIgnoreCase("</" + name, pos);
    if (close < 0) {
      String rest = html.substring(pos);
      pos = html.length();
      return rest;
    }
    String content = html.substring(pos, close);
    int end = html.indexOf('>', close);
    pos = end < 0 ? html.length() : end + 1;
    return content;
  }

  private int indexOfIgnoreCase(String needle, int from) {
    for (int i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
      if (html.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  private void breakFor(String name) {
    if (name.equals("br")) {
      pendingBreak = Math.min(2, pendingBreak + 1);
    } else if (LINE_BREAKS.contains(name)) {
      pendingBreak = Math.max(pendingBreak, 1);
    } else if (PARAGRAPHS.contains(name)) {
      pendingBreak = 2;
    } else if (CELLS.contains(name)) {
      appendSpace();
    }
  }

  private void appendSpace() {
    if (pendingBreak == 0 && !text.isEmpty() && text.charAt(text.length() - 1) != ' ') {
      text.append(' ');
    }
  }

  /**
   * Appends a run of text between tags: entities decoded, whitespace collapsed, and a pending line
   * or paragraph break written before it unless it is only whitespace.
   */
  private void appendText(String raw) {
    if (raw.isEmpty()) {
      return;
    }
    String decoded = decodeEntities(raw);
    if (h1 != null && !h1Done) {
      h1.append(decoded);
    }
    String collapsed = WHITESPACE.matcher(decoded).replaceAll(" ");
    if (collapsed.isBlank()) {
      appendSpace();
      return;
    }
    if (pendingBreak > 0) {
      trimTrailingSpace();
      if (!text.isEmpty()) {
        text.append(pendingBreak == 2 ? "\n\n" : "\n");
      }
      pendingBreak = 0;
      collapsed = collapsed.stripLeading();
    } else if (collapsed.charAt(0) == ' '
        && (text.isEmpty() || text.charAt(text.length() - 1) == ' ')) {
      collapsed = collapsed.substring(1);
    }
    text.append(collapsed);
  }

  private void trimTrailingSpace() {
    while (!text.isEmpty() && text.charAt(text.length() - 1) == ' ') {
      text.setLength(text.length() - 1);
    }
  }

  /** Collapses whitespace runs to one space and strips. */
  private static String collapse(String s) {
    return WHITESPACE.matcher(s).replaceAll(" ").strip();
  }
}
