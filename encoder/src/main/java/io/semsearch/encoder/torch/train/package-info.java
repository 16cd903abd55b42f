/**
 * The training loop on the PyTorch engine: losses as sentence-transformers defines them, AdamW,
 * gradient clipping, and the {@link io.semsearch.encoder.torch.train.Trainer} that runs steps over
 * a {@link io.semsearch.encoder.torch.TrainableSentenceModel}. Uses the torch package, never the
 * other way round.
 */
package io.semsearch.encoder.torch.train;
