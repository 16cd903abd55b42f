package io.semsearch.indexer.passage;

import java.util.Random;

/** Seeded test documents. */
final class TestDocuments {

  private static final String[] WORDS = {
    "the", "search", "engine", "indexes", "long", "documents", "quickly", "and", "every", "passage",
    "keeps", "its", "offsets", "into", "original", "text", "while", "vectors", "are", "stored",
    "in", "Lucene", "HNSW", "graphs", "approximately", "nearest", "neighbours", "found",
        "extraordinarily", "well"
  };
  private static final String[] ENDS = {".", ".", ".", "?", "!"};

  private TestDocuments() {}

  /** A sentence of {@code min..max} words, capitalized, ending with a full stop, ? or !. */
  static String sentence(Random random, int minWords, int maxWords) {
    int n = minWords + random.nextInt(maxWords - minWords + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String word = WORDS[random.nextInt(WORDS.length)];
      if (i == 0) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      sb.append(i > 0 ? " " : "").append(word);
    }
    return sb.append(ENDS[random.nextInt(ENDS.length)]).toString();
  }

  /** Paragraphs of 1 to 6 sentences of 5 to 20 words, separated by blank lines. */
  static String prose(long seed, int paragraphs) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < paragraphs; p++) {
      if (p > 0) {
        sb.append("\n\n");
      }
      int sentences = 1 + random.nextInt(6);
      for (int s = 0; s < sentences; s++) {
        sb.append(s > 0 ? " " : "").append(sentence(random, 5, 20));
      }
    }
    return sb.toString();
  }

  /** A mix of prose, long words, CJK runs, odd whitespace and blank lines. */
  static String mixed(long seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder();
    int parts = 5 + random.nextInt(40);
    for (int i = 0; i < parts; i++) {
      switch (random.nextInt(8)) {
        case 0 -> sb.append("\n\n");
        case 1 -> sb.append("\r\n \t\r\n");
        case 2 ->
            sb.append("https://example.com/").append("x".repeat(random.nextInt(600))).append(' ');
        case 3 ->
            sb.append("東京は日本の首都です𠀀".repeat(1 + random.nextInt(40)))
                .append(random.nextBoolean() ? "。" : "");
        case 4 -> sb.append("\u00a0word\u00a0").append('\t');
        default -> sb.append(sentence(random, 1, 60)).append(' ');
      }
    }
    return sb.toString();
  }
}
