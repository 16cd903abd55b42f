package io.semsearch.encoder.testing;

import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.model.Prompts;
import java.util.List;
import java.util.Objects;

/**
 * A {@link SentenceEncoder} that forwards every call to another, for test wrappers that watch or
 * hold up embedding. All embedding goes through {@link #encode(List, String, EncodeRequest)} (plain
 * {@code encode} passes the delegate's default prompt and {@link EncodeRequest#BULK}), so a
 * subclass overrides that one method to see every text, and the delegate's prompts, priorities and
 * cancellation still apply to queries and documents.
 */
public abstract class ForwardingSentenceEncoder implements SentenceEncoder {

  /** The encoder calls go to. */
  protected final SentenceEncoder delegate;

  protected ForwardingSentenceEncoder(SentenceEncoder delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public float[][] encode(List<String> texts) {
    return encode(texts, delegate.prompts().defaultPrompt());
  }

  @Override
  public float[][] encode(List<String> texts, String prompt) {
    return encode(texts, prompt, EncodeRequest.BULK);
  }

  @Override
  public float[][] encode(List<String> texts, String prompt, EncodeRequest request) {
    return delegate.encode(texts, prompt, request);
  }

  @Override
  public Prompts prompts() {
    return delegate.prompts();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public boolean normalizes() {
    return delegate.normalizes();
  }

  @Override
  public int maxSeqLength() {
    return delegate.maxSeqLength();
  }

  @Override
  public int countTokens(String text) {
    return delegate.countTokens(text);
  }

  @Override
  public ModelInfo model() {
    return delegate.model();
  }

  /** Closes the delegate. */
  @Override
  public void close() {
    delegate.close();
  }
}
