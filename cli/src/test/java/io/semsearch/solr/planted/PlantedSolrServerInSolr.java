package io.semsearch.solr.planted;

import org.apache.solr.core.PlantedServerClass;

/** A planted border violation: the solr module using a Solr server class (Lucene 9 inside). */
public final class PlantedSolrServerInSolr {
  Class<?> server = PlantedServerClass.class;
}
