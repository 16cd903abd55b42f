package io.semsearch.encoder.train;

/**
 * The outcome of a training run.
 *
 * @param steps optimizer steps taken
 * @param examples examples seen (counting repeats over epochs)
 * @param firstLoss the loss of the first batch
 * @param lastLoss the loss of the last batch
 * @param seconds wall-clock seconds of the loop
 */
public record TrainingSummary(
    int steps, long examples, double firstLoss, double lastLoss, double seconds) {}
