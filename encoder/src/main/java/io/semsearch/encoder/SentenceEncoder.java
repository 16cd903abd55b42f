package io.semsearch.encoder;

import io.semsearch.encoder.model.Prompts;
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
   * Embeds each text as sentence-transformers' {@code encode(texts)} does: with the model's default
   * prompt when its config names one (see {@link #prompts()}), else as it is.
   *
   * @return one vector of {@link #dimension()} floats per text, in input order
   * @throws EncodingException if the engine fails
   */
  float[][] encode(List<String> texts);

  /** Embeds one text, as {@link #encode(List)} does. */
  default float[] encode(String text) {
    return encode(List.of(text))[0];
  }

  /**
   * Embeds each text with {@code prompt} put before it, as sentence-transformers' {@code
   * encode(texts, prompt=...)} does; null for no prompt at all (not even the default). When the
   * model's pooling excludes prompts ({@code include_prompt} false), the prompt's tokens take no
   * part in pooling.
   *
   * <p>The default implementation, for encoders without prompts, takes no prompt only.
   *
   * @throws UnsupportedOperationException if this encoder can't apply prompts and one is given
   */
  default float[][] encode(List<String> texts, String prompt) {
    if (prompt != null) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " does not apply prompts");
    }
    return encode(texts);
  }

  /**
   * Embeds each text as {@link #encode(List, String)} does, served as {@code request} says: an
   * implementation that queues texts serves interactive calls before bulk ones, and drops the texts
   * of a cancelled call that are still waiting.
   *
   * <p>The default implementation, for encoders that don't queue, checks the cancellation once
   * before embedding.
   *
   * @throws java.util.concurrent.CancellationException if the request was cancelled before all its
   *     texts were embedded, with the cancellation's reason as message
   */
  default float[][] encode(List<String> texts, String prompt, EncodeRequest request) {
    request.cancellation().check();
    return encode(texts, prompt);
  }

  /** The model's prompts; none for most models. */
  default Prompts prompts() {
    return Prompts.NONE;
  }

  /**
   * Embeds search queries, as sentence-transformers' {@code encode_query} does: with the model's
   * "query" prompt, else its default prompt, else none. Queries are {@linkplain
   * EncodeRequest.Priority#INTERACTIVE interactive}: they go ahead of bulk work.
   */
  default float[][] encodeQueries(List<String> texts) {
    return encode(texts, prompts().forQueries(), EncodeRequest.INTERACTIVE);
  }

  /** Embeds one search query (see {@link #encodeQueries(List)}). */
  default float[] encodeQuery(String text) {
    return encodeQueries(List.of(text))[0];
  }

  /**
   * Embeds documents to be searched, as sentence-transformers' {@code encode_document} does: with
   * the model's "document", "passage" or "corpus" prompt (the first it has), else its default
   * prompt, else none.
   */
  default float[][] encodeDocuments(List<String> texts) {
    return encode(texts, prompts().forDocuments());
  }

  /** Width of the embeddings. */
  int dimension();

  /**
   * Whether embeddings have unit length (the model ends with Normalize), so dot product is cosine.
   */
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
