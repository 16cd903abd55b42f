/**
 * Paraphrase mining: the most similar pairs among a set of vectors, as sentence-transformers'
 * {@code util.paraphrase_mining_embeddings} finds them.
 *
 * <p>{@link io.semsearch.mining.ExactParaphraseMiner} compares every vector with every other
 * through chunked matrix products by the encoder's {@link io.semsearch.encoder.SimilarityKernel}
 * (libtorch via DJL, CPU or GPU) and returns sentence-transformers' pairs; {@link
 * io.semsearch.mining.ApproximateParaphraseMiner} finds each vector's neighbours in an in-memory
 * Lucene HNSW graph instead, and {@link io.semsearch.mining.MiningRecall} measures how many exact
 * pairs it finds. Both take {@link io.semsearch.mining.MiningSettings} (sentence-transformers'
 * parameters and defaults) and optional groups, so that passages of one document are mined as that
 * document, and both are {@link io.semsearch.mining.ParaphraseMiner}s.
 */
package io.semsearch.mining;
