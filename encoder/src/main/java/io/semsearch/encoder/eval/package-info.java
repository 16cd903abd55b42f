/**
 * Semantic textual similarity (STS) evaluation: the metrics of sentence-transformers' {@code
 * EmbeddingSimilarityEvaluator} ({@link io.semsearch.encoder.eval.StsEvaluator}), the correlations
 * behind them ({@link io.semsearch.encoder.eval.Correlation}) and a reader for STS pairs in TSV
 * files ({@link io.semsearch.encoder.eval.StsTsv}).
 */
package io.semsearch.encoder.eval;
