/**
 * The HTTP face of semsearch: a Javalin 7 server ({@link io.semsearch.web.SearchServer}) with a
 * JSON API over a {@link io.semsearch.searcher.SearchBackend} (search, documents, similar
 * documents, facets, key-protected writes), the encoder (embeddings, similarity matrices,
 * paraphrase mining, an OpenAI-compatible {@code /v1/embeddings}), Prometheus metrics, a
 * hand-written OpenAPI document and a search page served from the jar.
 */
package io.semsearch.web;
