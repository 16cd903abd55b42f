package io.semsearch.searcher;

import io.semsearch.index.IndexFields;
import io.semsearch.searcher.filter.Filter;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Metadata filters as Lucene queries. The indexer writes metadata on the document and on each of
 * its passages ({@link IndexFields#META_PREFIX}, {@link IndexFields#NUMERIC_PREFIX}), so the same
 * query filters documents (BM25) and passages (inside the kNN search, not after it). Kept apart
 * from {@link Filter} so that filters stay engine-neutral: another backend translates them its own
 * way.
 */
final class FilterQueries {

  private FilterQueries() {}

  /** The Lucene query matching documents (and passages) that pass {@code filter}. */
  static Query of(Filter filter) {
    return switch (filter) {
      case Filter.Term t -> new TermQuery(new Term(IndexFields.META_PREFIX + t.field(), t.value()));
      case Filter.AnyOf any ->
          KeywordField.newSetQuery(
              IndexFields.META_PREFIX + any.field(),
              any.values().stream().map(BytesRef::new).toList());
      case Filter.Range r -> range(r);
      case Filter.All all -> all(all);
    };
  }

  private static Query range(Filter.Range r) {
    double lower =
        r.min() == null
            ? Double.NEGATIVE_INFINITY
            : r.minInclusive() ? r.min() : Math.nextUp(r.min());
    double upper =
        r.max() == null
            ? Double.POSITIVE_INFINITY
            : r.maxInclusive() ? r.max() : Math.nextDown(r.max());
    return DoubleField.newRangeQuery(IndexFields.NUMERIC_PREFIX + r.field(), lower, upper);
  }

  private static Query all(Filter.All all) {
    if (all.clauses().isEmpty()) {
      return new MatchAllDocsQuery();
    }
    if (all.clauses().size() == 1) {
      return of(all.clauses().get(0));
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Filter f : all.clauses()) {
      b.add(of(f), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }
}
