package io.semsearch.searcher.eval;

import io.semsearch.searcher.RankFusion.ScoredId;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes rankings as a TREC run file, one line per hit: {@code qid Q0 docid rank score tag},
 * separated by single spaces, rank counted from 1, in UTF-8 with {@code \n} line ends. The file can
 * be scored by {@code trec_eval} to cross-check {@link IrMetrics}.
 *
 * <p>{@code trec_eval} orders each query's hits by score, not by the rank column, and breaks ties
 * by document id; so rankings must be best first (scores never increasing), and the order of tied
 * hits may differ from ours there. Ids and the tag can't hold whitespace, since the format is split
 * at it.
 */
public final class RunFile {

  private RunFile() {}

  /**
   * Writes {@code run} to {@code file}, replacing it. Everything is checked before the file is
   * opened.
   *
   * @param run query id to hits, best first, queries written in the map's order
   * @param tag the run's name, the last column
   * @throws IllegalArgumentException if an id or the tag is empty or holds whitespace, a score is
   *     not finite or is above the one before it, or a query lists a document twice
   */
  public static void write(Path file, Map<String, List<ScoredId<String>>> run, String tag)
      throws IOException {
    Objects.requireNonNull(file, "file");
    check(run, tag);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeChecked(out, run, tag);
    }
  }

  /**
   * Writes {@code run} to {@code out}, which is left open. See {@link #write(Path, Map, String)}.
   */
  public static void write(Writer out, Map<String, List<ScoredId<String>>> run, String tag)
      throws IOException {
    Objects.requireNonNull(out, "out");
    check(run, tag);
    writeChecked(out, run, tag);
  }

  private static void writeChecked(Writer out, Map<String, List<ScoredId<String>>> run, String tag)
      throws IOException {
    StringBuilder line = new StringBuilder();
    for (Map.Entry<String, List<ScoredId<String>>> query : run.entrySet()) {
      int rank = 0;
      for (ScoredId<String> hit : query.getValue()) {
        rank++;
        line.setLength(0);
        line.append(query.getKey())
            .append(" Q0 ")
            .append(hit.id())
            .append(' ')
            .append(rank)
            .append(' ')
            .append(hit.score())
            .append(' ')
            .append(tag)
            .append('\n');
        out.write(line.toString());
      }
    }
    out.flush();
  }

  private static void check(Map<String, List<ScoredId<String>>> run, String tag) {
    Objects.requireNonNull(run, "run");
    requireToken(tag, "tag");
    for (Map.Entry<String, List<ScoredId<String>>> query : run.entrySet()) {
      String qid = query.getKey();
      requireToken(qid, "query id");
      List<ScoredId<String>> hits =
          Objects.requireNonNull(query.getValue(), () -> "hits of query '" + qid + "'");
      Map<String, Integer> ranks = new HashMap<>();
      for (int i = 0; i < hits.size(); i++) {
        int rank = i + 1;
        ScoredId<String> hit =
            Objects.requireNonNull(
                hits.get(i), () -> "hit at rank " + rank + " of query '" + qid + "'");
        requireToken(hit.id(), "document id at rank " + rank + " of query '" + qid + "'");
        if (!Double.isFinite(hit.score())) {
          throw new IllegalArgumentException(
              "query '" + qid + "', rank " + rank + ": score must be finite, got: " + hit.score());
        }
        if (i > 0 && hit.score() > hits.get(i - 1).score()) {
          throw new IllegalArgumentException(
              "query '"
                  + qid
                  + "' is not best first: score at rank "
                  + rank
                  + " ("
                  + hit.score()
                  + ") is above the one at rank "
                  + i
                  + " ("
                  + hits.get(i - 1).score()
                  + ")");
        }
        Integer earlier = ranks.putIfAbsent(hit.id(), rank);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "query '"
                  + qid
                  + "' lists document '"
                  + hit.id()
                  + "' twice, at ranks "
                  + earlier
                  + " and "
                  + rank);
        }
      }
    }
  }

  private static void requireToken(String value, String what) {
    if (value == null || value.isEmpty() || value.codePoints().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          what
              + " must be non-empty without whitespace, got: "
              + (value == null ? null : "'" + value + "'"));
    }
  }
}
