/**
 * Test support shared by the encoder's tests: an independent plain-Java reference of the BERT
 * sentence-transformers pipeline ({@link io.semsearch.encoder.testing.JavaBertReference}), the
 * ground truth encoder outputs are compared to, and a writer of seeded random-weight model folders
 * ({@link io.semsearch.encoder.testing.RandomModelFolder}).
 */
package io.semsearch.encoder.testing;
