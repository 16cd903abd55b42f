/**
 * Builds semsearch indexes: a corpus, read record by record, split into passages that fit the
 * model, embedded in batches and written as Lucene blocks (passages with HNSW vectors, then their
 * document), incrementally and crash-safely. See {@link io.semsearch.indexer.CorpusIndexer}.
 */
package io.semsearch.indexer;
