/**
 * The encoder's public face: {@link io.semsearch.encoder.SentenceEncoder} (text to sentence
 * embeddings, thread-safe, dynamically batched), {@link
 * io.semsearch.encoder.engine.SentenceEncoders} to open one from a folder, a Hugging Face repo id
 * or the bundled default model, {@link io.semsearch.encoder.SimilarityKernel} for other matrix work
 * on the same engine, and the options and model information records. Other modules see only this
 * package.
 */
package io.semsearch.encoder;
