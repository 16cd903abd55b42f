package io.semsearch.searcher.planted;

import io.semsearch.solr.SolrSearchBackend;

/** A planted border violation: the searcher reaching for the cluster backend. */
public final class PlantedSolrInSearcher {
  Class<?> backend = SolrSearchBackend.class;
}
