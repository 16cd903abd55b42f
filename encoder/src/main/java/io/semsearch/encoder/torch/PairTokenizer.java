package io.semsearch.encoder.torch;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.TransformerSpec;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The model's tokenizer.json encoding text pairs as a Hugging Face tokenizer called on {@code
 * (query, passage)} does: {@code [CLS] query [SEP] passage [SEP]}, token types 0 up to the first
 * {@code [SEP]} and 1 after it, truncated {@code longest_first} (a token at a time from the longer
 * text) to the model's max_seq_length, never padded.
 */
final class PairTokenizer implements AutoCloseable {

  /**
   * One encoded pair.
   *
   * @param ids token ids, special tokens included
   * @param firstSegment tokens of type 0 ({@code [CLS]}, the query and its {@code [SEP]})
   */
  record Pair(long[] ids, int firstSegment) {}

  private final HuggingFaceTokenizer tokenizer;
  private final boolean doLowerCase;
  private final int maxSeqLength;

  PairTokenizer(TransformerSpec spec) throws ModelFormatException {
    this.doLowerCase = spec.doLowerCase();
    this.maxSeqLength = spec.maxSeqLength();
    try {
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              spec.tokenizer(),
              Map.of(
                  "addSpecialTokens", "true",
                  "truncation", "longest_first",
                  "padding", "false",
                  "maxLength", Integer.toString(maxSeqLength)));
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(
          spec.tokenizer() + ": can't load tokenizer (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Encodes {@code (query, passage)}.
   *
   * @throws IllegalStateException if the tokenizer's token types are not 0s then 1s, or it returns
   *     more than max_seq_length tokens
   */
  Pair encode(String query, String passage) {
    Encoding encoding = tokenizer.encode(prepare(query), prepare(passage));
    long[] ids = encoding.getIds();
    long[] types = encoding.getTypeIds();
    if (ids.length > maxSeqLength) {
      throw new IllegalStateException(
          "tokenizer returned " + ids.length + " tokens, more than max_seq_length " + maxSeqLength);
    }
    int first = 0;
    while (first < types.length && types[first] == 0) {
      first++;
    }
    for (int i = first; i < types.length; i++) {
      if (types[i] != 1) {
        throw new IllegalStateException(
            "tokenizer gave token " + i + " of a pair type " + types[i] + " after the first text");
      }
    }
    return new Pair(ids, first);
  }

  private String prepare(String text) {
    return doLowerCase ? text.toLowerCase(Locale.ROOT) : text;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
