/**
 * What every inference engine of the encoder shares, without engine types: the model a worker
 * thread runs ({@link io.semsearch.encoder.batch.TokenBatchModel}), how threads and batches are
 * sized ({@link io.semsearch.encoder.batch.EncoderSizing}), and the packed layout of a batch's
 * token rows ({@link io.semsearch.encoder.batch.PackedLayout}).
 */
package io.semsearch.encoder.batch;
