/**
 * The on-disk format of a semsearch index, shared by the module that writes it ({@code indexer})
 * and the ones that read it ({@code searcher}, {@code mining}'s callers): field names and the block
 * layout ({@link io.semsearch.index.IndexFields}), the metadata of each commit, build settings and
 * vector quantization, the vector codec, the queries the layout implies, and the catalogue of
 * indexes on disk ({@link io.semsearch.index.IndexDirectory}).
 */
package io.semsearch.index;
