package io.semsearch.encoder;

import java.util.Objects;

/**
 * What an index or a client needs to know about the model that made its vectors.
 *
 * @param id the model's name (hub repo id, folder name, or the default model's id)
 * @param fingerprint a hash of the model's weights and configuration files; equal fingerprints mean
 *     equal embeddings at equal precision
 * @param dimension width of the embeddings
 * @param maxSeqLength longest input in tokens
 * @param normalizes whether embeddings have unit length
 * @param precision the number type the model runs in (int8 vectors are close to fp32 ones, not
 *     equal)
 */
public record ModelInfo(
    String id,
    String fingerprint,
    int dimension,
    int maxSeqLength,
    boolean normalizes,
    Precision precision) {

  /** Checks that a precision is given. */
  public ModelInfo {
    Objects.requireNonNull(precision, "precision");
  }

  /** A model running in FP32. */
  public ModelInfo(
      String id, String fingerprint, int dimension, int maxSeqLength, boolean normalizes) {
    this(id, fingerprint, dimension, maxSeqLength, normalizes, Precision.FP32);
  }
}
