package io.semsearch.solr;

import io.semsearch.index.IndexFields;
import io.semsearch.searcher.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.util.ClientUtils;

/**
 * Metadata filters as Solr filter queries ({@code fq}). The feeder writes the metadata fields on
 * the document and on each passage ({@code meta.*} strings, {@code num.*} doubles, as the local
 * index does), so the same filter queries restrict documents (lexical) and passages: with a {@code
 * {!knn}} main query, Solr applies the filter queries as pre-filters inside the HNSW search.
 */
final class SolrFilters {

  private SolrFilters() {}

  /** One filter query per clause of {@code filter} (all must pass); none for null. */
  static List<String> of(Filter filter) {
    List<String> out = new ArrayList<>();
    if (filter != null) {
      add(filter, out);
    }
    return out;
  }

  private static void add(Filter filter, List<String> out) {
    switch (filter) {
      case Filter.Term t ->
          out.add(meta(t.field()) + ":" + ClientUtils.escapeQueryChars(t.value()));
      case Filter.AnyOf any ->
          out.add(
              meta(any.field())
                  + ":("
                  + any.values().stream()
                      .map(ClientUtils::escapeQueryChars)
                      .collect(Collectors.joining(" OR "))
                  + ")");
      case Filter.Range r -> out.add(range(r));
      case Filter.All all -> all.clauses().forEach(clause -> add(clause, out));
    }
  }

  private static String meta(String field) {
    return ClientUtils.escapeQueryChars(IndexFields.META_PREFIX + field);
  }

  private static String range(Filter.Range r) {
    String field = ClientUtils.escapeQueryChars(IndexFields.NUMERIC_PREFIX + r.field());
    return field
        + ":"
        + (r.min() != null && r.minInclusive() ? "[" : "{")
        + (r.min() == null ? "*" : Double.toString(r.min()))
        + " TO "
        + (r.max() == null ? "*" : Double.toString(r.max()))
        + (r.max() != null && r.maxInclusive() ? "]" : "}");
  }
}
