package io.semsearch.indexer.passage;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/** Stand-in token counters, each adding two special tokens like {@code [CLS] ... [SEP]}. */
final class TestCounters {

  private TestCounters() {}

  /** One token per whitespace-separated word. */
  static int words(String text) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
      if (!space && !inWord) {
        count++;
      }
      inWord = !space;
      i += Character.charCount(cp);
    }
    return count + 2;
  }

  /** One token per non-whitespace code point, like BERT on CJK text. */
  static int chars(String text) {
    return (int)
            text.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .count()
        + 2;
  }

  /** One token per started four code points of each word, like word pieces of long words. */
  static int pieces(String text) {
    int tokens = 0;
    for (String word : text.split("[\\s\\p{Z}]+")) {
      int length = word.codePointCount(0, word.length());
      tokens += (length + 3) / 4;
    }
    return tokens + 2;
  }

  /** A counter that also counts its calls. */
  static final class Counting implements ToIntFunction<String> {
    private final ToIntFunction<String> delegate;
    private final AtomicInteger calls = new AtomicInteger();

    Counting(ToIntFunction<String> delegate) {
      this.delegate = delegate;
    }

    @Override
    public int applyAsInt(String text) {
      calls.incrementAndGet();
      return delegate.applyAsInt(text);
    }

    int calls() {
      return calls.get();
    }
  }
}
