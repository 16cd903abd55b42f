package io.semsearch.web;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.SentenceEncoder;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server's calls into the shared encoder, timed into {@link Metrics}. It adds no threads: the
 * encoder batches concurrent calls itself. Search queries are interactive calls, everything else is
 * bulk; every call carries its request's deadline ({@link RequestDeadline}).
 */
final class MeteredEncoder {

  private final SentenceEncoder encoder;
  private final Metrics metrics;
  private final QueryVectorCache queries;

  MeteredEncoder(SentenceEncoder encoder, Metrics metrics, int queryCacheSize) {
    this.encoder = encoder;
    this.metrics = metrics;
    this.queries = new QueryVectorCache(queryCacheSize);
  }

  SentenceEncoder encoder() {
    return encoder;
  }

  /**
   * Embeds {@code texts} with the model's default prompt (sentence-transformers' {@code encode}),
   * recording the time under {@code purpose}.
   */
  float[][] encode(List<String> texts, String purpose, Cancellation deadline) {
    return encode(texts, encoder.prompts().defaultPrompt(), purpose, deadline);
  }

  /** Embeds {@code texts} with {@code prompt} before each (null: none at all). */
  float[][] encode(List<String> texts, String prompt, String purpose, Cancellation deadline) {
    EncodeRequest request = EncodeRequest.BULK.withCancellation(deadline);
    return timed(texts, purpose, () -> encoder.encode(texts, prompt, request));
  }

  /**
   * Embeds a search query, with the model's query prompt if it has one, ahead of bulk work; a query
   * seen recently comes from the query cache. The vector is shared with the cache: don't change it.
   */
  float[] query(String text, Cancellation deadline) {
    EncodeRequest request = EncodeRequest.INTERACTIVE.withCancellation(deadline);
    String prompt = encoder.prompts().forQueries();
    return queries.get(
        text,
        q -> timed(List.of(q), "query", () -> encoder.encode(List.of(q), prompt, request))[0]);
  }

  /** The query embedding cache, for metrics and tests. */
  QueryVectorCache queryCache() {
    return queries;
  }

  /**
   * Embeds parts of documents (to compare with a query), with the model's document prompt if any.
   */
  float[][] documents(List<String> texts, String purpose, Cancellation deadline) {
    return encode(texts, encoder.prompts().forDocuments(), purpose, deadline);
  }

  private float[][] timed(List<String> texts, String purpose, Supplier<float[][]> encode) {
    long start = System.nanoTime();
    float[][] vectors = encode.get();
    metrics.encoded(purpose, texts.size(), (System.nanoTime() - start) / 1e9);
    return vectors;
  }
}
