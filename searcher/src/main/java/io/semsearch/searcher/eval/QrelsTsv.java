package io.semsearch.searcher.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads relevance judgements (qrels) from a UTF-8 text file in one of these forms:
 *
 * <ul>
 *   <li>3 columns: query id, document id, relevance (BEIR's {@code qrels/*.tsv});
 *   <li>4 columns, TREC: query id, iteration (ignored, usually {@code 0} or {@code Q0}), document
 *       id, relevance (TREC and MS MARCO's {@code qrels.*.tsv}).
 * </ul>
 *
 * <p>A line that holds a tab is split at each tab, and its cells stripped of surrounding
 * whitespace; any other line is split at runs of whitespace, as TREC files separated by spaces are.
 * Relevance is an integer, possibly 0 or negative (not relevant). Blank lines are skipped. The
 * first non-blank line is a header, and skipped, when its relevance column is not an integer and
 * every column has a known name, in any case: query id ({@code query-id}, {@code query_id}, {@code
 * qid}, ...), iteration ({@code iteration}, {@code iter}, {@code q0}), document id ({@code
 * corpus-id}, {@code doc-id}, {@code docid}, {@code pid}, ...), relevance ({@code score}, {@code
 * relevance}, {@code rel}, {@code label}, {@code grade}), such as BEIR's tab-separated {@code
 * query-id corpus-id score}.
 */
public final class QrelsTsv {

  private static final Set<String> QUERY_NAMES =
      Set.of("query-id", "query_id", "queryid", "qid", "query");
  private static final Set<String> ITERATION_NAMES = Set.of("iteration", "iter", "q0");
  private static final Set<String> DOC_NAMES =
      Set.of(
          "corpus-id",
          "corpus_id",
          "corpusid",
          "doc-id",
          "doc_id",
          "docid",
          "document-id",
          "document_id",
          "pid",
          "did");
  private static final Set<String> RELEVANCE_NAMES =
      Set.of("score", "relevance", "rel", "label", "grade");

  private QrelsTsv() {}

  /**
   * Reads a qrels file.
   *
   * @return query id to document id to relevance, queries and documents in file order; unmodifiable
   * @throws IOException if the file can't be read
   * @throws IllegalArgumentException for a line that is not valid UTF-8, has other than 3 or 4
   *     columns, an empty id, a relevance that is not an integer, or a (query, document) pair seen
   *     before; the message starts with {@code file:line:}
   */
  public static Map<String, Map<String, Integer>> read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    Map<String, String> firstSeenAt = new HashMap<>();
    boolean[] first = {true};
    Utf8Lines.read(
        file,
        (location, text) -> {
          if (text.isBlank()) {
            return;
          }
          List<String> cells = split(text);
          boolean maybeHeader = first[0];
          first[0] = false;
          if (cells.size() != 3 && cells.size() != 4) {
            throw new IllegalArgumentException(
                location
                    + ": expected 3 columns (query id, document id, relevance) or 4"
                    + " (query id, iteration, document id, relevance), got "
                    + cells.size());
          }
          String qid = cells.get(0);
          String docid = cells.get(cells.size() - 2);
          String relevance = cells.get(cells.size() - 1);
          Integer value = parseInt(relevance);
          if (value == null) {
            if (maybeHeader && isHeader(cells)) {
              return;
            }
            throw new IllegalArgumentException(
                location
                    + ": relevance must be an integer, got '"
                    + relevance
                    + "'"
                    + (maybeHeader
                        ? " (nor is this line a header such as 'query-id\\tcorpus-id\\tscore')"
                        : ""));
          }
          if (qid.isEmpty()) {
            throw new IllegalArgumentException(location + ": empty query id");
          }
          if (docid.isEmpty()) {
            throw new IllegalArgumentException(
                location + ": empty document id for query '" + qid + "'");
          }
          String earlier = firstSeenAt.putIfAbsent(qid + '\u0000' + docid, location);
          if (earlier != null) {
            throw new IllegalArgumentException(
                location
                    + ": query '"
                    + qid
                    + "' and document '"
                    + docid
                    + "' were judged before, at "
                    + earlier);
          }
          qrels.computeIfAbsent(qid, q -> new LinkedHashMap<>()).put(docid, value);
        });
    Map<String, Map<String, Integer>> frozen = new LinkedHashMap<>();
    qrels.forEach((qid, docs) -> frozen.put(qid, Collections.unmodifiableMap(docs)));
    return Collections.unmodifiableMap(frozen);
  }

  private static List<String> split(String line) {
    if (line.indexOf('\t') >= 0) {
      return List.of(line.split("\t", -1)).stream().map(String::strip).toList();
    }
    return List.of(line.strip().split("\\s+"));
  }

  private static Integer parseInt(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isHeader(List<String> cells) {
    int n = cells.size();
    return QUERY_NAMES.contains(name(cells.get(0)))
        && (n == 3 || ITERATION_NAMES.contains(name(cells.get(1))))
        && DOC_NAMES.contains(name(cells.get(n - 2)))
        && RELEVANCE_NAMES.contains(name(cells.get(n - 1)));
  }

  private static String name(String cell) {
    return cell.toLowerCase(Locale.ROOT);
  }
}
