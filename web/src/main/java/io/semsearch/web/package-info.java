/**
 * The HTTP face of semsearch: a Javalin 7 server ({@link io.semsearch.web.SearchServer}) with a JSON
 * API over the searcher facade (search, documents, similar documents, facets), the encoder
 * (embeddings, similarity matrices, paraphrase mining, an OpenAI-compatible {@code /v1/embeddings}),
 * key-protected writes through the indexer, Prometheus metrics, a hand-written OpenAPI document and
 * a search page served from the jar.
 */
package io.semsearch.web;
