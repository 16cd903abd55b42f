/**
 * Fine-tuning a sentence-transformers model, engine-neutral: the training configuration with the
 * defaults of the seed model's recipe, the loss to use, training examples and their file reader,
 * the learning-rate schedule, and what a run reports. The loop itself runs in {@code
 * io.semsearch.encoder.torch.train}.
 */
package io.semsearch.encoder.train;
