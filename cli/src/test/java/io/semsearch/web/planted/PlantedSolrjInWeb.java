package io.semsearch.web.planted;

import org.apache.solr.client.solrj.SolrQuery;

/** A planted border violation: a web class that builds a Solr query itself. */
public final class PlantedSolrjInWeb {
  Class<?> query = SolrQuery.class;
}
