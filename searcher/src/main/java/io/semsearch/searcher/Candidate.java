package io.semsearch.searcher;

/**
 * A ranked document.
 *
 * @param parent the document's Lucene doc number
 * @param passage the Lucene doc number of the passage that matched, or -1 when none did (lexical)
 * @param score its score in the ranking
 * @param id the document id, or null until it is needed (ties, hits)
 */
record Candidate(int parent, int passage, double score, String id) {}
