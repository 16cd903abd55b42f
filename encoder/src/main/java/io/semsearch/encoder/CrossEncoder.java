package io.semsearch.encoder;

import java.util.List;

/**
 * A cross-encoder: scores how well a passage answers a query by reading both together, as
 * sentence-transformers' {@code CrossEncoder.predict} does. Slower than comparing embeddings (one
 * forward pass per pair), so it reranks the few best passages of a first, cheaper search.
 *
 * <p>Implementations are safe for concurrent use; concurrent calls share batches as the sentence
 * encoder's do. Open one with {@code
 * io.semsearch.encoder.engine.SentenceEncoders#openCrossEncoder}.
 */
public interface CrossEncoder extends AutoCloseable {

  /**
   * The score of each passage for {@code query}, in passage order: the model's logit through its
   * activation (sigmoid by default, so in (0, 1)); higher is more relevant.
   *
   * @param request the priority (interactive for a search) and cancellation of the call
   * @throws java.util.concurrent.CancellationException if cancelled, with its reason
   * @throws EncodingException if the model fails
   */
  float[] score(String query, List<String> passages, EncodeRequest request);

  /** Scores {@code passages} for {@code query} as a bulk call. */
  default float[] score(String query, List<String> passages) {
    return score(query, passages, EncodeRequest.BULK);
  }

  /** The model's name (a hub repo id or folder name). */
  String modelId();

  /**
   * Longest pair in tokens, special tokens included; longer pairs are cut, the longer text first.
   */
  int maxSeqLength();

  /** Stops the workers and frees the model. */
  @Override
  void close();
}
