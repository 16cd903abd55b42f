package io.semsearch.web.planted;

import org.apache.lucene.search.TermQuery;

/** A planted border violation: a web class that builds a Lucene query itself. */
public final class PlantedLuceneInWeb {
  Class<?> query = TermQuery.class;
}
