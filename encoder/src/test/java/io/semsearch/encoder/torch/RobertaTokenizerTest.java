package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.model.Activation;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.TransformerSpec;
import io.semsearch.encoder.testing.TinyTokenizers;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model's tokenizer ({@link SentenceTokenizer}, DJL's Hugging Face tokenizer) on the two
 * tokenizer.json forms of RoBERTa-family models, each a small hand-made file ({@link
 * TinyTokenizers}) whose ids are worked out by hand here: {@code <s>} 0 first, {@code </s>} 2 last,
 * also after truncation.
 */
class RobertaTokenizerTest {

  private static final BertConfig CONFIG =
      new BertConfig(300, 4, 1, 2, 8, Activation.GELU, 1e-5, 514, 1);

  @TempDir Path dir;

  private SentenceTokenizer tokenizer(Path file, int maxSeqLength) throws IOException {
    return new SentenceTokenizer(
        new TransformerSpec(CONFIG, maxSeqLength, false, file, dir.resolve("unused")));
  }

  @Test
  void byteLevelBpeMergesAndWrapsInSAndEos() throws IOException {
    Path file = TinyTokenizers.byteLevelBpe(dir.resolve("bpe.json"));
    try (SentenceTokenizer t = tokenizer(file, 512)) {
      // "the" -> t h e -> th e -> the (261); " cat" -> Ġ c a t -> Ġc a t -> Ġca t -> Ġcat (264)
      assertThat(t.ids("the cat")).containsExactly(0, 261, 264, 2);
      // " hat": no merge applies, so bytes: Ġ 4+32, h 4+104, a 4+97, t 4+116; "!" 4+33
      assertThat(t.ids("the hat!")).containsExactly(0, 261, 36, 108, 101, 120, 37, 2);
      // é is two bytes, 0xC3 0xA9, each its own id
      assertThat(t.ids("é")).containsExactly(0, 4 + 0xC3, 4 + 0xA9, 2);
      // " the" has no Ġt merge: Ġ (36) then the (261)
      assertThat(t.ids("the cat the cat")).containsExactly(0, 261, 264, 36, 261, 264, 2);
      assertThat(t.count("the cat the cat")).isEqualTo(7);
    }
    try (SentenceTokenizer t = tokenizer(file, 4)) {
      assertThat(t.ids("the cat the cat")).containsExactly(0, 261, 264, 2);
    }
  }

  @Test
  void unigramPicksTheBestPiecesAndMapsUnknownCharacters() throws IOException {
    Path file = TinyTokenizers.unigram(dir.resolve("unigram.json"));
    try (SentenceTokenizer t = tokenizer(file, 512)) {
      // ▁the (5) and ▁cat (6) beat their letters (-1 and -1.5 against 4 * -5)
      assertThat(t.ids("the cat")).containsExactly(0, 5, 6, 2);
      // no ▁hat piece: ▁ (4) h (8+7) a (8) t (8+19)
      assertThat(t.ids("the hat")).containsExactly(0, 5, 4, 15, 8, 27, 2);
      // H is in no piece: <unk> (3)
      assertThat(t.ids("Hat")).containsExactly(0, 4, 3, 8, 27, 2);
    }
    try (SentenceTokenizer t = tokenizer(file, 3)) {
      assertThat(t.ids("the cat sat")).containsExactly(0, 5, 2);
    }
  }
}
