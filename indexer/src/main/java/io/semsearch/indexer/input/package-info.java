/**
 * Streaming readers for the corpora semsearch indexes: JSON Lines, CSV, TSV, plain text (one
 * document per line) and directory trees of {@code .txt}, {@code .md} and {@code .html} files, each
 * optionally gzip-compressed (single files only).
 *
 * <p>{@link io.semsearch.indexer.input.CorpusReader} opens an input and yields one {@link
 * io.semsearch.indexer.input.CorpusRecord} at a time: either a {@link
 * io.semsearch.indexer.input.CorpusDocument} or, for a line or file that can't be used, a {@link
 * io.semsearch.indexer.input.BadRecord} naming where it is and why. Memory stays flat however large
 * the input. {@link io.semsearch.indexer.input.CorpusOptions} picks the format (or leaves it to
 * {@link io.semsearch.indexer.input.CorpusFormat#detect(java.nio.file.Path)}), the field names and
 * whether the first bad record fails the read with a {@link
 * io.semsearch.indexer.input.BadRecordException}.
 */
package io.semsearch.indexer.input;
