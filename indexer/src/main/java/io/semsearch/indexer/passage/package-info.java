/**
 * Splitting long documents into passages that fit a model's window: {@link
 * io.semsearch.indexer.passage.PassageSplitter} cuts a text on paragraph, then sentence, then word,
 * then character boundaries into overlapping {@link io.semsearch.indexer.passage.Passage}s of at
 * most {@link io.semsearch.indexer.passage.PassageSettings#maxTokens()} tokens each, as the model's
 * own tokenizer counts them.
 */
package io.semsearch.indexer.passage;
