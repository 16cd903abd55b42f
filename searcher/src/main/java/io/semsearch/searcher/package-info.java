/**
 * Search over a semsearch index: dense (HNSW), exact, lexical (BM25) and hybrid; retrieval
 * evaluation. {@link io.semsearch.searcher.SearchBackend} is the interface the CLI and the web
 * server call, with engine-neutral requests and results; {@link
 * io.semsearch.searcher.LuceneSearchBackend} runs it on the embedded index through {@link
 * io.semsearch.searcher.SemanticSearcher}.
 */
package io.semsearch.searcher;
