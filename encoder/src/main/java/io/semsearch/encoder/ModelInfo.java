package io.semsearch.encoder;

/**
 * What an index or a client needs to know about the model that made its vectors.
 *
 * @param id the model's name (hub repo id, folder name, or the default model's id)
 * @param fingerprint a hash of the model's weights and configuration files; equal fingerprints mean
 *     equal embeddings
 * @param dimension width of the embeddings
 * @param maxSeqLength longest input in tokens
 * @param normalizes whether embeddings have unit length
 */
public record ModelInfo(
    String id, String fingerprint, int dimension, int maxSeqLength, boolean normalizes) {}
