package io.semsearch.web;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.VectorMath;
import io.semsearch.searcher.SearchResponse.Highlight;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds the sentence of each snippet closest in meaning to the query: the snippets' sentences are
 * embedded in one encoder call and compared with the query vector (the one the search used). Only
 * the first {@value #MAX_HITS} snippets are highlighted, so a page of many hits costs no more than
 * one of {@value #MAX_HITS}.
 */
final class Highlighter {

  /** Sentences of one snippet considered (the first ones). */
  static final int MAX_SENTENCES = 8;

  /** Snippets highlighted (the first ones); the others get none. */
  static final int MAX_HITS = 20;

  private record Span(int hit, int start, int end) {}

  private final MeteredEncoder encoding;

  Highlighter(MeteredEncoder encoding) {
    this.encoding = encoding;
  }

  /**
   * One highlight per snippet: null for an empty one and for those after the first {@value
   * #MAX_HITS}.
   */
  List<Highlight> highlight(float[] query, List<String> snippets, Cancellation deadline) {
    List<Span> spans = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int h = 0; h < Math.min(snippets.size(), MAX_HITS); h++) {
      String snippet = snippets.get(h) == null ? "" : snippets.get(h);
      int taken = 0;
      for (int[] s : sentences(snippet)) {
        if (taken++ == MAX_SENTENCES) {
          break;
        }
        spans.add(new Span(h, s[0], s[1]));
        texts.add(snippet.substring(s[0], s[1]));
      }
    }
    Highlight[] best = new Highlight[snippets.size()];
    if (!texts.isEmpty()) {
      float[][] vectors = encoding.documents(texts, "highlight", deadline);
      for (int i = 0; i < spans.size(); i++) {
        Span span = spans.get(i);
        double score = VectorMath.cosine(query, vectors[i]);
        if (best[span.hit()] == null || score > best[span.hit()].score()) {
          best[span.hit()] = new Highlight(span.start(), span.end(), score);
        }
      }
    }
    return Arrays.asList(best);
  }

  /** Sentence boundaries of {@code text}, trimmed of surrounding whitespace, empty ones dropped. */
  static List<int[]> sentences(String text) {
    List<int[]> out = new ArrayList<>();
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    it.setText(text);
    for (int start = it.first(), end = it.next();
        end != BreakIterator.DONE;
        start = end, end = it.next()) {
      int s = start;
      int e = end;
      while (s < e && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
      while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      if (e > s) {
        out.add(new int[] {s, e});
      }
    }
    return out;
  }
}
