/**
 * Where a model meets an engine: {@link io.semsearch.encoder.engine.SentenceEncoders} opens the
 * encoders and similarity kernels of the one engine semsearch runs today (libtorch through DJL,
 * package {@code torch}). Everything else depends on the interfaces of {@code io.semsearch.encoder}
 * only, so a second engine plugs in here.
 */
package io.semsearch.encoder.engine;
