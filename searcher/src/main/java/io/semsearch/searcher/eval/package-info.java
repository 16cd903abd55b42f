/**
 * Retrieval evaluation: the metrics of sentence-transformers' {@code InformationRetrievalEvaluator}
 * ({@link io.semsearch.searcher.eval.IrMetrics}), readers for query and relevance-judgement files
 * ({@link io.semsearch.searcher.eval.QueriesTsv}, {@link io.semsearch.searcher.eval.QrelsTsv}) and
 * a TREC run-file writer ({@link io.semsearch.searcher.eval.RunFile}) for cross-checking with
 * {@code trec_eval}; and {@link io.semsearch.searcher.eval.AnnEvaluator}, recall and speed of HNSW
 * search against exact search.
 *
 * <p>Files are read and written as UTF-8; a malformed input is rejected with an {@link
 * java.lang.IllegalArgumentException} whose message starts with {@code file:line:}.
 */
package io.semsearch.searcher.eval;
