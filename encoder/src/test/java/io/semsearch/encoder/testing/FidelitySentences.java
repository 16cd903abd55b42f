package io.semsearch.encoder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Varied test sentences: the hand-written lines of {@code fidelity/sentences.txt} (punctuation,
 * accents, digits, CJK and other scripts, emoji, very short lines, code, URLs), plus seeded random
 * combinations of them, and an empty and a whitespace-only text.
 */
public final class FidelitySentences {

  private static final String[] SUBJECTS = {
    "The engineer",
    "A small child",
    "My neighbour's cat",
    "The government",
    "Our team",
    "Every student",
    "The old lighthouse keeper",
    "A robot"
  };
  private static final String[] VERBS = {
    "quietly repaired",
    "accidentally deleted",
    "carefully painted",
    "happily explored",
    "never understood",
    "proudly presented",
    "slowly read",
    "quickly sold"
  };
  private static final String[] OBJECTS = {
    "the broken bicycle",
    "a mysterious letter",
    "the quarterly report",
    "an ancient map",
    "the new search engine",
    "three blue umbrellas",
    "the 42nd chapter",
    "a bowl of ramen 🍜"
  };
  private static final String[] TAILS = {
    "",
    " yesterday.",
    " before sunrise!",
    " in São Paulo.",
    " (again).",
    " — or so they say?",
    " at 10:45 on 2026-11-28.",
    ", 然后离开了。"
  };

  private FidelitySentences() {}

  /** The hand-written lines. */
  public static List<String> handWritten() {
    try (InputStream in = FidelitySentences.class.getResourceAsStream("/fidelity/sentences.txt")) {
      if (in == null) {
        throw new IllegalStateException("test resource /fidelity/sentences.txt is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** At least {@code count} varied texts, deterministic for a seed. */
  public static List<String> varied(int count, long seed) {
    Random random = new Random(seed);
    List<String> hand = handWritten();
    List<String> out = new ArrayList<>(hand);
    out.add("");
    out.add("   ");
    while (out.size() < count) {
      switch (random.nextInt(3)) {
        case 0 ->
            out.add(
                pick(random, SUBJECTS)
                    + " "
                    + pick(random, VERBS)
                    + " "
                    + pick(random, OBJECTS)
                    + pick(random, TAILS));
        case 1 -> {
          StringBuilder sb = new StringBuilder();
          int parts = 2 + random.nextInt(4);
          for (int i = 0; i < parts; i++) {
            sb.append(i > 0 ? " " : "").append(hand.get(random.nextInt(hand.size())));
          }
          out.add(sb.toString());
        }
        default ->
            out.add(
                hand.get(random.nextInt(hand.size())).toUpperCase(Locale.ROOT)
                    + " "
                    + random.nextInt(100000));
      }
    }
    return out;
  }

  /** {@code count} short template sentences (about 10 to 15 words), deterministic for a seed. */
  public static List<String> shortSentences(int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    while (out.size() < count) {
      out.add(
          pick(random, SUBJECTS)
              + " "
              + pick(random, VERBS)
              + " "
              + pick(random, OBJECTS)
              + " while "
              + pick(random, SUBJECTS).toLowerCase(Locale.ROOT)
              + " "
              + pick(random, VERBS)
              + " "
              + pick(random, OBJECTS)
              + pick(random, TAILS));
    }
    return out;
  }

  /** Texts of about {@code words} words, built from the hand-written lines. */
  public static String longText(int words, long seed) {
    Random random = new Random(seed);
    List<String> hand = handWritten();
    StringBuilder sb = new StringBuilder();
    int n = 0;
    while (n < words) {
      String line = hand.get(random.nextInt(hand.size()));
      sb.append(sb.isEmpty() ? "" : " ").append(line);
      n += line.split("\\s+").length;
    }
    return sb.toString();
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
