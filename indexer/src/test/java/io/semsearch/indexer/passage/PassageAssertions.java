package io.semsearch.indexer.passage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToIntFunction;

/** Checks every splitter result must pass. */
final class PassageAssertions {

  private PassageAssertions() {}

  /**
   * Passages are numbered from 0, are exact trimmed substrings, advance, fit {@code maxTokens} and
   * together cover every non-whitespace char of {@code document}.
   */
  static void assertValid(
      String document, List<Passage> passages, ToIntFunction<String> counter, int maxTokens) {
    boolean[] covered = new boolean[document.length()];
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      String where = "passage " + i + " " + p.start() + ".." + p.end();
      assertThat(p.index()).as(where).isEqualTo(i);
      assertThat(p.text()).as(where).isEqualTo(document.substring(p.start(), p.end())).isNotEmpty();
      assertThat(isSpace(p.text().codePointAt(0))).as(where + " starts with whitespace").isFalse();
      assertThat(isSpace(p.text().codePointBefore(p.text().length())))
          .as(where + " ends with whitespace")
          .isFalse();
      assertThat(Character.isLowSurrogate(document.charAt(p.start())))
          .as(where + " starts inside a surrogate pair")
          .isFalse();
      assertThat(Character.isHighSurrogate(document.charAt(p.end() - 1)))
          .as(where + " ends inside a surrogate pair")
          .isFalse();
      assertThat(counter.applyAsInt(p.text())).as(where + " tokens").isLessThanOrEqualTo(maxTokens);
      if (i > 0) {
        Passage previous = passages.get(i - 1);
        assertThat(p.start())
            .as(where + " starts after the previous start")
            .isGreaterThan(previous.start());
        assertThat(p.end())
            .as(where + " ends after the previous end")
            .isGreaterThan(previous.end());
      }
      for (int c = p.start(); c < p.end(); c++) {
        covered[c] = true;
      }
    }
    for (int c = 0; c < document.length(); c++) {
      if (!covered[c]) {
        assertThat(isSpace(document.charAt(c)))
            .as("char " + c + " '" + document.charAt(c) + "' is in no passage")
            .isTrue();
      }
    }
  }

  static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }
}
