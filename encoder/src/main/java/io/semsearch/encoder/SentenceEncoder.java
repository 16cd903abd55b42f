package io.semsearch.encoder;

import java.util.List;

/**
 * Turns text into sentence embeddings. The one type other modules see of the encoder.
 *
 * <p>Implementations are thread-safe: the web server shares one encoder between all its request
 * threads, and requests that arrive together are embedded together in one batch. Text longer than
 * {@link #maxSeqLength()} tokens (special tokens included) is truncated, as sentence-transformers
 * does; empty text is encoded as {@code [CLS] [SEP]}.
 */
public interface SentenceEncoder extends AutoCloseable {

  /**
   * Embeds each text.
   *
   * @return one vector of {@link #dimension()} floats per text, in input order
   * @throws EncodingException if the engine fails
   */
  float[][] encode(List<String> texts);

  /** Embeds one text. */
  default float[] encode(String text) {
    return encode(List.of(text))[0];
  }

  /** Width of the embeddings. */
  int dimension();

  /** Whether embeddings have unit length (the model ends with Normalize), so dot product is cosine. */
  boolean normalizes();

  /** Longest input in tokens, special tokens included; longer text is truncated. */
  int maxSeqLength();

  /**
   * Counts the tokens of {@code text} as this model tokenizes it, special tokens included, without
   * truncation.
   */
  int countTokens(String text);

  /** The model's information: id, fingerprint, sizes. */
  ModelInfo model();

  /** Stops the workers and frees native memory. Pending calls fail. */
  @Override
  void close();
}
