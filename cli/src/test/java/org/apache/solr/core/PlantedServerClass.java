package org.apache.solr.core;

/**
 * Stands in for a Solr server class (the real ones are in solr-core, never on this class path), so
 * that a planted violation of the SolrJ-only border compiles.
 */
public final class PlantedServerClass {}
