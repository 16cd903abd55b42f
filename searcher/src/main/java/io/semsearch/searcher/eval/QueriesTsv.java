package io.semsearch.searcher.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads queries from a UTF-8 TSV file with two columns, query id and text, as MS MARCO's {@code
 * queries.*.tsv}. Columns are separated by exactly one tab, so the text can't hold a tab; the id is
 * stripped of surrounding whitespace and the text is kept as it is.
 *
 * <p>The first non-blank line is a header, and skipped, when its columns are named like an id
 * ({@code qid}, {@code query_id}, {@code query-id}, {@code queryid}, {@code _id}, {@code id}) and a
 * text ({@code text}, {@code query}, {@code query_text}), in any case. Blank lines are skipped.
 */
public final class QueriesTsv {

  private static final Set<String> ID_NAMES =
      Set.of("qid", "query_id", "query-id", "queryid", "_id", "id");
  private static final Set<String> TEXT_NAMES = Set.of("text", "query", "query_text");

  private QueriesTsv() {}

  /**
   * Reads a queries file.
   *
   * @return query id to text, in file order
   * @throws IOException if the file can't be read
   * @throws IllegalArgumentException for a line that is not valid UTF-8, has other than 2 columns,
   *     an empty id or text, or an id seen before; the message starts with {@code file:line:}
   */
  public static LinkedHashMap<String, String> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    LinkedHashMap<String, String> queries = new LinkedHashMap<>();
    Map<String, String> firstSeenAt = new HashMap<>();
    boolean[] first = {true};
    Utf8Lines.read(
        file,
        (location, text) -> {
          if (text.isBlank()) {
            return;
          }
          List<String> cells = List.of(text.split("\t", -1));
          boolean maybeHeader = first[0];
          first[0] = false;
          if (maybeHeader && isHeader(cells)) {
            return;
          }
          if (cells.size() != 2) {
            throw new IllegalArgumentException(
                location
                    + ": expected 2 tab-separated columns (query id, text), got "
                    + cells.size());
          }
          String qid = cells.get(0).strip();
          if (qid.isEmpty()) {
            throw new IllegalArgumentException(location + ": empty query id");
          }
          String query = cells.get(1);
          if (query.isBlank()) {
            throw new IllegalArgumentException(location + ": empty text for query '" + qid + "'");
          }
          String earlier = firstSeenAt.putIfAbsent(qid, location);
          if (earlier != null) {
            throw new IllegalArgumentException(
                location + ": query id '" + qid + "' repeats, first seen at " + earlier);
          }
          queries.put(qid, query);
        });
    return queries;
  }

  private static boolean isHeader(List<String> cells) {
    return cells.size() == 2
        && ID_NAMES.contains(cells.get(0).strip().toLowerCase(Locale.ROOT))
        && TEXT_NAMES.contains(cells.get(1).strip().toLowerCase(Locale.ROOT));
  }
}
