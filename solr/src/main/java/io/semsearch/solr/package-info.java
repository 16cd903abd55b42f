/**
 * SolrCloud as a semsearch index: {@link io.semsearch.solr.SolrSearchBackend} serves searches from
 * a collection and {@link io.semsearch.solr.SolrWrites} feeds it, both through SolrJ only (no
 * Lucene of Solr's on this class path). A collection mirrors the local layout: each document is a
 * parent with its passages as child documents, each passage with its vector; the model that made
 * the vectors is recorded in the collection and another one is refused.
 */
package io.semsearch.solr;
