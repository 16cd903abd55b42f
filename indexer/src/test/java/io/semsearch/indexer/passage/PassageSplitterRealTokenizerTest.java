package io.semsearch.indexer.passage;

import static io.semsearch.indexer.passage.PassageAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splits with the default model's own tokenizer (imported on first use, a few seconds). */
class PassageSplitterRealTokenizerTest {

  @Test
  void passagesOfALongTextFitTheDefaultModelsWindow() {
    SentenceEncoder encoder = TestModels.defaultEncoder();
    String text = FidelitySentences.longText(3000, 42);
    PassageSplitter splitter = PassageSplitter.forEncoder(encoder);

    List<Passage> passages = splitter.split(text);

    assertThat(encoder.maxSeqLength()).isEqualTo(256);
    assertThat(splitter.settings()).isEqualTo(new PassageSettings(256, 32));
    assertValid(text, passages, encoder::countTokens, 256);
    assertThat(encoder.countTokens(text)).isGreaterThan(3 * 256);
    assertThat(passages).hasSizeGreaterThan(3);
    // roughly the requested size: all but the last passage at least half full
    for (Passage p : passages.subList(0, passages.size() - 1)) {
      assertThat(encoder.countTokens(p.text()))
          .as("passage " + p.index())
          .isGreaterThanOrEqualTo(128);
    }
  }
}
