/**
 * Test support shared by the encoder's tests: an independent plain-Java reference of the BERT
 * sentence-transformers pipeline ({@link io.semsearch.encoder.testing.JavaBertReference}), the
 * ground truth encoder outputs are compared to, a writer of seeded random-weight model folders
 * ({@link io.semsearch.encoder.testing.RandomModelFolder}), and comparisons of float scores,
 * rankings and metrics that never sit on a float boundary ({@link
 * io.semsearch.encoder.testing.ScoreTies}), and the seeds of randomized tests, replayable with
 * {@code -Dtests.seed} ({@link io.semsearch.encoder.testing.TestSeeds}).
 */
package io.semsearch.encoder.testing;
