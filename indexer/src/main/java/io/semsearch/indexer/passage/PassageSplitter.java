package io.semsearch.indexer.passage;

import io.semsearch.encoder.SentenceEncoder;
import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a document into passages of at most {@link PassageSettings#maxTokens()} tokens each, as a
 * token counter (the model's tokenizer, special tokens included, no truncation) counts them.
 *
 * <p>A document that fits is one passage: the whole text without its leading and trailing
 * whitespace. A longer one is cut into units, from the largest to the smallest: paragraphs (blank
 * lines), sentences ({@link BreakIterator#getSentenceInstance(Locale)} with {@link Locale#ROOT}),
 * words (whitespace), and, for a single word longer than a passage (a long URL, text without
 * spaces), runs of characters (never splitting a surrogate pair). Units are packed greedily; a
 * passage that is at least half full ends at the strongest boundary it can (paragraph, then
 * sentence, then word), so passages end on sentence ends wherever the text allows. Each passage
 * after the first repeats about {@link PassageSettings#overlapTokens()} tokens from the end of the
 * previous one, starting at a sentence start when that gives at least half the overlap, else at a
 * word; it always starts past the previous passage's start and adds new text, so splitting ends.
 *
 * <p>The counter is called about once per sentence (whose count is shared out between its words by
 * length), once per unusually long word, once per character run, and once per passage to check it;
 * a passage found over the limit is cut shorter and checked again. So calls grow linearly with the
 * document, and every passage is checked: the one exception is a single character that the counter
 * alone prices above {@code maxTokens} (impossible with a real tokenizer, since {@code maxTokens
 * >=} {@value PassageSettings#MIN_MAX_TOKENS}), which is emitted as its own passage with a warning.
 *
 * <p>Passages are ordered, numbered from 0, and together hold every non-whitespace character of the
 * document; each is {@code document.substring(start, end)} and starts and ends with a
 * non-whitespace character. A document of only whitespace has no passages. Instances are immutable
 * and thread-safe when the counter is.
 */
public final class PassageSplitter {

  private static final Logger LOG = LoggerFactory.getLogger(PassageSplitter.class);

  /** A blank line: a line break, optional horizontal space, a line break, repeated. */
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R(?:[\\h\\x0B\\f]*\\R)+");

  /** A passage this full (of its budget) may end early at a stronger boundary. */
  private static final double MIN_FILL = 0.5;

  /** A word estimated above this share of the budget is counted on its own. */
  private static final double HEAVY_WORD_SHARE = 0.25;

  /** Character runs aim at this share of the budget, leaving room for estimate errors. */
  private static final double CHUNK_TARGET = 0.9;

  /** A passage found too long is cut to this share of what its count says would fit. */
  private static final double SHRINK_MARGIN = 0.97;

  private final ToIntFunction<String> tokenCounter;
  private final PassageSettings settings;

  /**
   * @param tokenCounter tokens of a text as the model counts them, special tokens included, without
   *     truncation; it must not return a negative count
   * @param settings passage length and overlap
   */
  public PassageSplitter(ToIntFunction<String> tokenCounter, PassageSettings settings) {
    this.tokenCounter = Objects.requireNonNull(tokenCounter, "tokenCounter");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * A splitter for an encoder's window: {@link PassageSettings#of(int)} its {@link
   * SentenceEncoder#maxSeqLength()}, counting with {@link #documentTokens(SentenceEncoder)}.
   */
  public static PassageSplitter forEncoder(SentenceEncoder encoder) {
    Objects.requireNonNull(encoder, "encoder");
    return new PassageSplitter(documentTokens(encoder), PassageSettings.of(encoder.maxSeqLength()));
  }

  /**
   * The splitter every index writer uses: {@code encoder}'s window, counted with {@link
   * #documentTokens(SentenceEncoder)}, and {@code passageOverlapTokens} of overlap, at most a
   * quarter of the window. A local index and a cluster fed with the same settings get the same
   * passages.
   */
  public static PassageSplitter forIndex(SentenceEncoder encoder, int passageOverlapTokens) {
    Objects.requireNonNull(encoder, "encoder");
    int maxTokens = encoder.maxSeqLength();
    return new PassageSplitter(
        documentTokens(encoder),
        new PassageSettings(maxTokens, Math.min(passageOverlapTokens, maxTokens / 4)));
  }

  /**
   * Counts a passage's tokens as {@code encoder} sees it when embedding documents: behind the
   * model's document prompt, if it has one. Sized with this counter, prompt and passage together
   * fit {@code max_seq_length}; counted alone, a full passage would lose its last prompt-length
   * tokens to truncation.
   */
  public static ToIntFunction<String> documentTokens(SentenceEncoder encoder) {
    String prompt = encoder.prompts().forDocuments();
    if (prompt == null || prompt.isEmpty()) {
      return encoder::countTokens;
    }
    return text -> encoder.countTokens(prompt.concat(text));
  }

  /** The passage length and overlap. */
  public PassageSettings settings() {
    return settings;
  }

  /**
   * Splits {@code text} into passages.
   *
   * @return the passages in document order; empty when the text is empty or only whitespace
   * @throws IllegalArgumentException if the counter gives the empty text {@code maxTokens} tokens
   *     or more (no room for any text)
   * @throws IllegalStateException if the counter returns a negative count
   */
  public List<Passage> split(String text) {
    List<Passage> out = new ArrayList<>();
    split(text, out::add);
    return out;
  }

  /**
   * Splits {@code text}, handing each passage to {@code sink} as soon as it is checked, in document
   * order; same passages and exceptions as {@link #split(String)}.
   */
  public void split(String text, Consumer<? super Passage> sink) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sink, "sink");
    new Run(text, sink).run();
  }

  private int count(String text) {
    int tokens = tokenCounter.applyAsInt(text);
    if (tokens < 0) {
      throw new IllegalStateException(
          "token counter returned " + tokens + " for a text of " + text.length() + " chars");
    }
    return tokens;
  }

  private static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /** Strength of the boundary before a unit, weakest first. */
  private enum Boundary {
    CHAR,
    WORD,
    SENTENCE,
    PARAGRAPH
  }

  /** A word or character run: its chars, estimated tokens (specials excluded), boundary before. */
  private record Unit(int start, int end, double tokens, Boundary before) {}

  /** The state of one split. */
  private final class Run {

    private final String text;
    private final Consumer<? super Passage> sink;
    private final int maxTokens = settings.maxTokens();
    private final List<Unit> units = new ArrayList<>();
    private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    private int special;
    private int budget;
    private int nextIndex;

    Run(String text, Consumer<? super Passage> sink) {
      this.text = text;
      this.sink = sink;
    }

    void run() {
      int first = skipSpace(0, text.length());
      if (first == text.length()) {
        return;
      }
      int last = trimEnd(first, text.length());
      String whole = text.substring(first, last);
      if (count(whole) <= maxTokens) {
        emit(whole, first, last);
        return;
      }
      special = count("");
      if (special >= maxTokens) {
        throw new IllegalArgumentException(
            "token counter gives "
                + special
                + " tokens for the empty text, leaving no room under max tokens "
                + maxTokens);
      }
      budget = maxTokens - special;
      Matcher breaks = PARAGRAPH_BREAK.matcher(text).region(first, last);
      int paragraphStart = first;
      while (breaks.find()) {
        addParagraph(paragraphStart, breaks.start());
        paragraphStart = breaks.end();
      }
      addParagraph(paragraphStart, last);
      pack();
    }

    // ---- cutting into units ----

    private void addParagraph(int from, int to) {
      sentences.setText(new StringCharacterIterator(text, from, to, from));
      Boundary before = Boundary.PARAGRAPH;
      int start = sentences.first();
      for (int end = sentences.next();
          end != BreakIterator.DONE;
          start = end, end = sentences.next()) {
        if (addSentence(start, end, before)) {
          before = Boundary.SENTENCE;
        }
      }
    }

    /** Adds the words of a sentence; false if it has none. */
    private boolean addSentence(int from, int to, Boundary before) {
      List<int[]> words = new ArrayList<>();
      int totalChars = 0;
      int i = skipSpace(from, to);
      while (i < to) {
        int end = skipWord(i, to);
        words.add(new int[] {i, end});
        totalChars += end - i;
        i = skipSpace(end, to);
      }
      if (words.isEmpty()) {
        return false;
      }
      int sentenceTokens = contentTokens(words.get(0)[0], words.get(words.size() - 1)[1]);
      if (words.size() == 1) {
        addWord(words.get(0)[0], words.get(0)[1], sentenceTokens, before);
        return true;
      }
      Boundary level = before;
      for (int[] word : words) {
        double share = sentenceTokens * (double) (word[1] - word[0]) / totalChars;
        if (share > budget * HEAVY_WORD_SHARE) {
          addWord(word[0], word[1], contentTokens(word[0], word[1]), level);
        } else {
          units.add(new Unit(word[0], word[1], share, level));
        }
        level = Boundary.WORD;
      }
      return true;
    }

    private void addWord(int from, int to, int tokens, Boundary before) {
      if (tokens <= budget) {
        units.add(new Unit(from, to, tokens, before));
      } else {
        units.addAll(charRuns(from, to, tokens, before));
      }
    }

    /**
     * Cuts {@code [from, to)} (more than one code point, {@code tokens} over the budget) into runs
     * of characters, each counted and within the budget unless it is a single code point.
     */
    private List<Unit> charRuns(int from, int to, int tokens, Boundary before) {
      List<Unit> out = new ArrayList<>();
      double charsPerToken = (to - from) / (double) Math.max(1, tokens);
      int pos = from;
      while (pos < to) {
        int want = (int) Math.max(1, budget * CHUNK_TARGET * charsPerToken);
        while (true) {
          int cut = codePointCut(pos, Math.min(to, pos + (long) want), to);
          int runTokens = contentTokens(pos, cut);
          boolean single = cut - pos == Character.charCount(text.codePointAt(pos));
          if (runTokens <= budget || single) {
            out.add(new Unit(pos, cut, runTokens, pos == from ? before : Boundary.CHAR));
            if (runTokens > 0) {
              charsPerToken = (cut - pos) / (double) runTokens;
            }
            pos = cut;
            break;
          }
          want = (int) Math.max(1, (cut - pos) * (budget / (double) runTokens) * CHUNK_TARGET);
        }
      }
      return out;
    }

    /** {@code cut} moved back off the middle of a surrogate pair, and past {@code pos}. */
    private int codePointCut(int pos, long wanted, int to) {
      int cut = (int) wanted;
      if (cut > pos
          && cut < to
          && Character.isLowSurrogate(text.charAt(cut))
          && Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      if (cut <= pos) {
        cut = Math.min(to, pos + Character.charCount(text.codePointAt(pos)));
      }
      return cut;
    }

    private int contentTokens(int from, int to) {
      return Math.max(0, count(text.substring(from, to)) - special);
    }

    // ---- packing units into passages ----

    /*
     * 1. A passage runs over units [s, e): s may reach back into the previous passage (overlap),
     *    fresh is the first unit not yet in any passage, and e > fresh always (progress).
     * 2. Overlap units are dropped from the front if they leave no room for unit fresh.
     * 3. Units are added while the estimate fits; a passage at least half full may end earlier at a
     *    stronger boundary.
     * 4. The passage is counted once; if over, it is cut shorter (estimates scaled by what the
     *    count says), then its overlap is dropped, then its one new unit is cut into character runs.
     * 5. The next passage starts with the overlap: trailing units of this one, after unit s.
     */
    private void pack() {
      int s = 0;
      int fresh = 0;
      outer:
      while (fresh < units.size()) {
        while (s < fresh && sum(s, fresh + 1) > budget) {
          s++;
        }
        int e = fresh + 1;
        double total = sum(s, e);
        while (e < units.size() && total + units.get(e).tokens() <= budget) {
          total += units.get(e).tokens();
          e++;
        }
        if (e < units.size()) {
          e = preferredEnd(s, fresh, e);
        }
        while (true) {
          int from = units.get(s).start();
          int to = units.get(e - 1).end();
          String passage = text.substring(from, to);
          int tokens = count(passage);
          if (tokens <= maxTokens) {
            emit(passage, from, to);
            break;
          }
          if (e > fresh + 1) {
            e = preferredEnd(s, fresh, shrink(s, fresh, e, tokens));
          } else if (s < fresh) {
            s = fresh;
          } else if (to - from > Character.charCount(text.codePointAt(from))) {
            Unit unit = units.remove(fresh);
            units.addAll(
                fresh, charRuns(unit.start(), unit.end(), tokens - special, unit.before()));
            continue outer;
          } else {
            LOG.warn(
                "one character at offset {} counts {} tokens, over max tokens {}; emitted alone",
                from,
                tokens,
                maxTokens);
            emit(passage, from, to);
            break;
          }
        }
        s = overlapStart(s, e);
        fresh = e;
      }
    }

    /** The last end in {@code [fresh + 1, e]} at the strongest boundary, once half full; else e. */
    private int preferredEnd(int s, int fresh, int e) {
      double minFill = budget * MIN_FILL;
      double fill = sum(s, fresh + 1);
      int best = e;
      Boundary bestLevel = null;
      for (int end = fresh + 1; end <= e && end < units.size(); end++) {
        if (end > fresh + 1) {
          fill += units.get(end - 1).tokens();
        }
        Boundary level = units.get(end).before();
        if (fill >= minFill && (bestLevel == null || level.compareTo(bestLevel) >= 0)) {
          best = end;
          bestLevel = level;
        }
      }
      return best;
    }

    /** A shorter end for a passage {@code [s, e)} counted at {@code tokens}, at least fresh + 1. */
    private int shrink(int s, int fresh, int e, int tokens) {
      double estimate = sum(s, e);
      double allowed = estimate * budget / Math.max(1, tokens - special) * SHRINK_MARGIN;
      int end = e - 1;
      double fill = estimate - units.get(e - 1).tokens();
      while (end > fresh + 1 && fill > allowed) {
        fill -= units.get(end - 1).tokens();
        end--;
      }
      return end;
    }

    /** Where the passage after {@code [s, e)} starts: in {@code (s, e]}, about the overlap back. */
    private int overlapStart(int s, int e) {
      int overlap = settings.overlapTokens();
      int best = e;
      int atSentence = -1;
      double taken = 0;
      for (int j = e - 1; j > s; j--) {
        taken += units.get(j).tokens();
        if (taken > overlap) {
          break;
        }
        best = j;
        if (units.get(j).before().compareTo(Boundary.SENTENCE) >= 0 && taken >= overlap / 2.0) {
          atSentence = j;
        }
      }
      return atSentence >= 0 ? atSentence : best;
    }

    private double sum(int from, int to) {
      double total = 0;
      for (int i = from; i < to; i++) {
        total += units.get(i).tokens();
      }
      return total;
    }

    private void emit(String passage, int from, int to) {
      sink.accept(new Passage(nextIndex++, passage, from, to));
    }

    // ---- characters ----

    private int skipSpace(int from, int to) {
      int i = from;
      while (i < to) {
        int cp = text.codePointAt(i);
        if (!isSpace(cp)) {
          break;
        }
        i += Character.charCount(cp);
      }
      return Math.min(i, to);
    }

    private int skipWord(int from, int to) {
      int i = from;
      while (i < to) {
        int cp = text.codePointAt(i);
        if (isSpace(cp)) {
          break;
        }
        i += Character.charCount(cp);
      }
      return Math.min(i, to);
    }

    private int trimEnd(int from, int to) {
      int i = to;
      while (i > from) {
        int cp = text.codePointBefore(i);
        if (!isSpace(cp)) {
          break;
        }
        i -= Character.charCount(cp);
      }
      return Math.max(i, from);
    }
  }
}
