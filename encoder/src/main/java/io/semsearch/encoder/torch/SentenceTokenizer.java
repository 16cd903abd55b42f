package io.semsearch.encoder.torch;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.TransformerSpec;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The model's tokenizer.json, with the truncation and padding written inside that file overridden:
 * sequences are truncated to the model's {@code max_seq_length} (special tokens included) and never
 * padded here; batches are padded later, to their own longest member.
 */
final class SentenceTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer truncating;
  private final HuggingFaceTokenizer counting;
  private final boolean doLowerCase;
  private final int maxSeqLength;

  SentenceTokenizer(TransformerSpec spec) throws ModelFormatException {
    this.doLowerCase = spec.doLowerCase();
    this.maxSeqLength = spec.maxSeqLength();
    try {
      truncating =
          HuggingFaceTokenizer.newInstance(
              spec.tokenizer(),
              Map.of(
                  "addSpecialTokens", "true",
                  "truncation", "true",
                  "padding", "false",
                  "maxLength", Integer.toString(maxSeqLength)));
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(
          spec.tokenizer() + ": can't load tokenizer (" + e.getMessage() + ")", e);
    }
    try {
      counting =
          HuggingFaceTokenizer.newInstance(
              spec.tokenizer(),
              Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
    } catch (IOException | RuntimeException e) {
      truncating.close();
      throw new ModelFormatException(
          spec.tokenizer() + ": can't load tokenizer (" + e.getMessage() + ")", e);
    }
  }

  /** Token ids of {@code text}, special tokens included, truncated to max_seq_length. */
  long[] ids(String text) {
    Encoding encoding = truncating.encode(prepare(text));
    long[] ids = encoding.getIds();
    if (ids.length > maxSeqLength) {
      throw new IllegalStateException(
          "tokenizer returned " + ids.length + " tokens, more than max_seq_length " + maxSeqLength);
    }
    return ids;
  }

  /** Number of tokens of {@code text}, special tokens included, without truncation. */
  int count(String text) {
    return counting.encode(prepare(text)).getIds().length;
  }

  private String prepare(String text) {
    return doLowerCase ? text.toLowerCase(Locale.ROOT) : text;
  }

  @Override
  public void close() {
    truncating.close();
    counting.close();
  }
}
