package io.semsearch.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.index.IndexDocument;
import io.semsearch.indexer.passage.Passage;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with a document prompt embeds each passage behind that prompt, so a passage must fit
 * max_seq_length together with the prompt's tokens, or its last tokens are cut off by truncation.
 */
class DocumentPreparerPromptTest {

  private static final String PROMPT = "Represent this document for retrieval: ";
  private static final int MAX_SEQ_LENGTH = 40;

  @TempDir Path dir;

  @Test
  void passagesFitMaxSeqLengthWithTheDocumentPrompt() throws Exception {
    Path folder =
        RandomModelFolder.builder()
            .optLayers(1)
            .optMaxSeqLength(MAX_SEQ_LENGTH)
            .optPrompts(Map.of("query", "query: ", "document", PROMPT), null)
            .writeTo(dir.resolve("prompted"));
    try (SentenceEncoder encoder =
        SentenceEncoders.open(
            folder, "prompted", EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu")))) {
      assertThat(encoder.prompts().forDocuments()).isEqualTo(PROMPT);
      int promptTokens = encoder.countTokens(PROMPT) - encoder.countTokens("");
      assertThat(promptTokens).as("the prompt's own tokens").isGreaterThan(4);
      DocumentPreparer preparer = new DocumentPreparer(encoder, 0, VectorSimilarityFunction.COSINE);
      IndexDocument doc =
          new IndexDocument("long", null, FidelitySentences.longText(400, 3), Map.of());

      DocumentPreparer.Prepared prepared = preparer.prepare(doc, null, null);

      assertThat(prepared).isInstanceOf(DocumentPreparer.ToEmbed.class);
      var passages = ((DocumentPreparer.ToEmbed) prepared).passages();
      assertThat(passages).hasSizeGreaterThan(5);
      for (Passage passage : passages) {
        assertThat(encoder.countTokens(PROMPT + passage.text()))
            .as("tokens of passage %d behind the prompt: %s", passage.index(), passage.text())
            .isLessThanOrEqualTo(MAX_SEQ_LENGTH);
      }
      // not vacuous: passages still fill most of what the prompt leaves
      int fullest =
          passages.stream().mapToInt(p -> encoder.countTokens(PROMPT + p.text())).max().orElse(0);
      assertThat(fullest).isGreaterThan(MAX_SEQ_LENGTH - promptTokens);
    }
  }
}
