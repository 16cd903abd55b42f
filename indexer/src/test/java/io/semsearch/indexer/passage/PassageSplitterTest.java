package io.semsearch.indexer.passage;

import static io.semsearch.indexer.passage.PassageAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class PassageSplitterTest {

  private static PassageSplitter splitter(
      ToIntFunction<String> counter, int maxTokens, int overlapTokens) {
    return new PassageSplitter(counter, new PassageSettings(maxTokens, overlapTokens));
  }

  @Test
  void shortDocumentIsOnePassageEqualToTheText() {
    String text = "A short document.\n\nWith two paragraphs.";

    List<Passage> passages = splitter(TestCounters::words, 64, 8).split(text);

    assertThat(passages).containsExactly(new Passage(0, text, 0, text.length()));
  }

  @Test
  void shortDocumentLosesOnlyItsSurroundingWhitespace() {
    String text = "\n  Hello there, world.\t \n";

    List<Passage> passages = splitter(TestCounters::words, 64, 8).split(text);

    assertThat(passages).containsExactly(new Passage(0, "Hello there, world.", 3, 22));
  }

  @Test
  void documentOfExactlyMaxTokensIsOnePassage() {
    String text = "one two three four five six"; // 6 words + 2 = 8

    assertThat(splitter(TestCounters::words, 8, 0).split(text)).hasSize(1);
    assertThat(splitter(TestCounters::words, 8, 0).split(text + " seven")).hasSize(2);
  }

  @Test
  void emptyAndWhitespaceOnlyTextsHaveNoPassages() {
    TestCounters.Counting counter = new TestCounters.Counting(TestCounters::words);
    PassageSplitter splitter = splitter(counter, 8, 0);

    assertThat(splitter.split("")).isEmpty();
    assertThat(splitter.split(" \n\n\t\u00a0\r\n ")).isEmpty();
    assertThat(counter.calls()).isZero();
  }

  @Test
  void longDocumentPassagesFitCoverOverlapAndEndOnSentences() {
    String text = TestDocuments.prose(1, 60);
    int max = 64;
    int overlap = 8;

    List<Passage> passages = splitter(TestCounters::words, max, overlap).split(text);

    assertValid(text, passages, TestCounters::words, max);
    assertThat(passages).hasSizeGreaterThan(10);
    for (int i = 0; i < passages.size() - 1; i++) {
      Passage p = passages.get(i);
      Passage next = passages.get(i + 1);
      // sentences have at most 20 words, so a half-full passage can always end at a sentence end
      assertThat(p.text()).as("passage " + i).matches("(?s).*[.?!]");
      // roughly the requested size: at least half of the 62-token budget
      assertThat(TestCounters.words(p.text()))
          .as("passage " + i + " tokens")
          .isGreaterThanOrEqualTo(max / 2);
      // the next passage repeats the last few words of this one
      assertThat(next.start()).as("passage " + (i + 1) + " overlaps").isLessThan(p.end());
      String shared = text.substring(next.start(), p.end());
      assertThat(p.text()).endsWith(shared);
      assertThat(TestCounters.words(shared) - 2).as("overlap words").isBetween(1, 2 * overlap);
    }
  }

  @Test
  void overlapStartsAtASentenceWhenOneIsNearTheEnd() {
    // every sentence is 4 words; an overlap of 8 tokens holds two whole sentences
    Random random = new Random(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      sb.append(TestDocuments.sentence(random, 4, 4)).append(' ');
    }
    String text = sb.toString();

    List<Passage> passages = splitter(TestCounters::words, 32, 8).split(text);

    assertValid(text, passages, TestCounters::words, 32);
    for (Passage p : passages) {
      assertThat(Character.isUpperCase(p.text().charAt(0)))
          .as("passage " + p.index() + " starts a sentence")
          .isTrue();
    }
  }

  @Test
  void sentencesLongerThanAPassageAreSplitAtWords() {
    Random random = new Random(5);
    String text =
        TestDocuments.sentence(random, 200, 200) + " " + TestDocuments.sentence(random, 150, 150);

    List<Passage> passages = splitter(TestCounters::words, 32, 4).split(text);

    assertValid(text, passages, TestCounters::words, 32);
    assertThat(passages).hasSizeGreaterThanOrEqualTo(350 / 30);
  }

  @Test
  void giantWordIsCutIntoCharacterRuns() {
    String url = "https://example.com/" + "abcdefghij".repeat(500);
    String text = TestDocuments.prose(2, 3) + " " + url + " " + TestDocuments.prose(3, 3);
    int max = 64;

    List<Passage> passages = splitter(TestCounters::pieces, max, 8).split(text);

    assertValid(text, passages, TestCounters::pieces, max);
    // the URL is about 1255 pieces; runs aim at 90% of the 62-token budget
    long urlPassages = passages.stream().filter(p -> p.text().contains("abcdefghij")).count();
    assertThat(urlPassages).isBetween(1255L / 62, 1255L / 40);
  }

  @Test
  void textWithoutSpacesIsCutIntoCharacterRunsWithoutSplittingSurrogatePairs() {
    String text = "東京は日本の首都です𠀀𠀁".repeat(300); // 3600 code points, no spaces, no full stop

    List<Passage> passages = splitter(TestCounters::chars, 50, 5).split(text);

    assertValid(text, passages, TestCounters::chars, 50);
    assertThat(passages).hasSizeGreaterThanOrEqualTo(3600 / 48);
  }

  @Test
  void cjkSentencesEndPassagesAtFullStops() {
    String text = "東京は日本の首都です。我喜欢在周末去公园散步。".repeat(100);

    List<Passage> passages = splitter(TestCounters::chars, 50, 5).split(text);

    assertValid(text, passages, TestCounters::chars, 50);
    for (int i = 0; i < passages.size() - 1; i++) {
      assertThat(passages.get(i).text()).as("passage " + i).endsWith("。");
    }
  }

  @Test
  void smallestWindowWithoutOverlapGivesDisjointPassages() {
    String text = TestDocuments.prose(7, 20);

    List<Passage> passages =
        splitter(TestCounters::words, PassageSettings.MIN_MAX_TOKENS, 0).split(text);

    assertValid(text, passages, TestCounters::words, 8);
    for (int i = 1; i < passages.size(); i++) {
      assertThat(passages.get(i).start()).isGreaterThan(passages.get(i - 1).end());
    }
  }

  @Test
  void largestOverlapStillAdvances() {
    for (long seed = 0; seed < 20; seed++) {
      String text = TestDocuments.prose(seed, 10);
      List<Passage> passages = splitter(TestCounters::words, 8, 3).split(text);
      assertValid(text, passages, TestCounters::words, 8);
    }
  }

  @Test
  void counterThatAddsUpToMoreThanItsPartsIsRecheckedUntilPassagesFit() {
    // a passage costs more than its sentences: the quadratic term grows with the whole text
    ToIntFunction<String> counter =
        t -> {
          int words = TestCounters.words(t) - 2;
          return words + words * words / 40 + 2;
        };
    String text = TestDocuments.prose(11, 40);

    List<Passage> passages = splitter(counter, 64, 8).split(text);

    assertValid(text, passages, counter, 64);
  }

  @Test
  void characterPricedOverTheWindowIsEmittedAlone() {
    ToIntFunction<String> counter = t -> TestCounters.words(t) + (t.contains("☃") ? 100 : 0);
    String text = TestDocuments.prose(13, 5) + " Snow ☃ man. " + TestDocuments.prose(14, 5);

    List<Passage> passages = splitter(counter, 32, 4).split(text);

    List<Passage> over = passages.stream().filter(p -> counter.applyAsInt(p.text()) > 32).toList();
    assertThat(over).extracting(Passage::text).containsExactly("☃");
    assertThat(passages.stream().filter(p -> !p.text().equals("☃")))
        .allMatch(p -> counter.applyAsInt(p.text()) <= 32);
  }

  @Test
  void counterCallsGrowLinearlyWithTheDocument() {
    Random random = new Random(17);
    int sentences = 2000;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      sb.append(i % 5 == 0 ? "\n\n" : " ").append(TestDocuments.sentence(random, 5, 20));
    }
    String text = sb.toString();
    TestCounters.Counting counter = new TestCounters.Counting(TestCounters::pieces);

    List<Passage> passages = splitter(counter, 128, 16).split(text);

    assertValid(text, passages, TestCounters::pieces, 128);
    // one call per sentence, one per passage, plus the whole text and the empty text
    assertThat(counter.calls())
        .isLessThanOrEqualTo(sentences + passages.size() + 2 + passages.size() / 10);
    assertThat(counter.calls()).isLessThan(5 * sentences);
  }

  @Test
  void counterCallsForAGiantWordGrowWithItsRuns() {
    String text = "x".repeat(200_000);
    TestCounters.Counting counter = new TestCounters.Counting(TestCounters::pieces);

    List<Passage> passages = splitter(counter, 256, 32).split(text);

    assertValid(text, passages, TestCounters::pieces, 256);
    assertThat(counter.calls()).isLessThan(3 * passages.size() + 10);
  }

  @Test
  void splittingIsDeterministic() {
    String text = TestDocuments.mixed(21);
    PassageSplitter a = splitter(TestCounters::pieces, 40, 6);
    PassageSplitter b = splitter(TestCounters::pieces, 40, 6);

    assertThat(a.split(text)).isEqualTo(a.split(text)).isEqualTo(b.split(text));
  }

  @Test
  void streamingGivesTheSamePassagesAsTheList() {
    String text = TestDocuments.prose(23, 30);
    PassageSplitter splitter = splitter(TestCounters::words, 48, 6);
    List<Passage> streamed = new ArrayList<>();

    splitter.split(text, streamed::add);

    assertThat(streamed).isEqualTo(splitter.split(text));
  }

  @Test
  void randomDocumentsSettingsAndCountersAlwaysGiveValidPassages() {
    List<ToIntFunction<String>> counters =
        List.of(TestCounters::words, TestCounters::chars, TestCounters::pieces);
    for (long seed = 0; seed < 60; seed++) {
      Random random = new Random(seed);
      String text = TestDocuments.mixed(seed);
      int max = PassageSettings.MIN_MAX_TOKENS + random.nextInt(200);
      int overlap = random.nextInt((max - 1) / 2 + 1);
      ToIntFunction<String> counter = counters.get(random.nextInt(counters.size()));
      try {
        List<Passage> passages = splitter(counter, max, overlap).split(text);
        assertValid(text, passages, counter, max);
      } catch (AssertionError e) {
        throw new AssertionError(
            "seed " + seed + ", max " + max + ", overlap " + overlap + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  void counterGivingNegativeCountsIsRejected() {
    PassageSplitter splitter = splitter(t -> -1, 8, 0);

    assertThatThrownBy(() -> splitter.split("text"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void counterLeavingNoRoomForTextIsRejected() {
    PassageSplitter splitter = splitter(t -> 8 + t.length(), 8, 0);

    assertThatThrownBy(() -> splitter.split("some text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gives 8 tokens for the empty text")
        .hasMessageContaining("max tokens 8");
  }

  @Test
  void nullArgumentsAreRejected() {
    assertThatThrownBy(() -> new PassageSplitter(null, PassageSettings.of(64)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> splitter(TestCounters::words, 8, 0).split(null))
        .isInstanceOf(NullPointerException.class);
  }
}
