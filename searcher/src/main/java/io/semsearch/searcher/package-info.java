/**
 * Search over a semsearch index: dense (HNSW), exact, lexical (BM25) and hybrid; paraphrase
 * mining; retrieval evaluation. {@link io.semsearch.searcher.SemanticSearcher} is the facade the
 * CLI and the web server call.
 */
package io.semsearch.searcher;
