package io.semsearch.searcher.filter;

import io.semsearch.index.IndexFields;
import java.util.List;
import java.util.Objects;
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
 * A condition on a document's metadata. The indexer writes metadata on the document and on each of
 * its passages ({@link IndexFields#META_PREFIX}, {@link IndexFields#NUMERIC_PREFIX}), so the same
 * Lucene query filters documents (BM25) and passages (inside the kNN search, not after it).
 *
 * <p>Build one with {@link FilterParser#parse(String)} ({@code section:science year:[2000 TO *]})
 * or {@link JsonFilters#parse} ({@code {"section":"science","year":{"gte":2000}}}).
 */
public sealed interface Filter permits Filter.Term, Filter.AnyOf, Filter.Range, Filter.All {

  /** The Lucene query matching documents (and passages) that pass the filter. */
  Query toQuery();

  /** The metadata value of {@code field} equals {@code value} (as a string). */
  record Term(String field, String value) implements Filter {
    /** Validates the field name. */
    public Term {
      FieldNames.check(field);
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Query toQuery() {
      return new TermQuery(new org.apache.lucene.index.Term(IndexFields.META_PREFIX + field, value));
    }
  }

  /** The metadata value of {@code field} is one of {@code values}. */
  record AnyOf(String field, List<String> values) implements Filter {
    /** Validates the field name and that there is at least one value. */
    public AnyOf {
      FieldNames.check(field);
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("filter on " + field + ": the list of values is empty");
      }
    }

    @Override
    public Query toQuery() {
      return KeywordField.newSetQuery(IndexFields.META_PREFIX + field, values.stream().map(BytesRef::new).toList());
    }
  }

  /**
   * The numeric metadata value of {@code field} lies in a range; a null bound is open.
   *
   * @param field metadata field
   * @param min lower bound, or null
   * @param minInclusive whether {@code min} itself passes
   * @param max upper bound, or null
   * @param maxInclusive whether {@code max} itself passes
   */
  record Range(String field, Double min, boolean minInclusive, Double max, boolean maxInclusive) implements Filter {
    /** Validates the field name and the bounds. */
    public Range {
      FieldNames.check(field);
      if (min == null && max == null) {
        throw new IllegalArgumentException("filter on " + field + ": a range needs at least one bound");
      }
      if ((min != null && min.isNaN()) || (max != null && max.isNaN())) {
        throw new IllegalArgumentException("filter on " + field + ": range bounds must be numbers");
      }
    }

    @Override
    public Query toQuery() {
      double lower = min == null ? Double.NEGATIVE_INFINITY : minInclusive ? min : Math.nextUp(min);
      double upper = max == null ? Double.POSITIVE_INFINITY : maxInclusive ? max : Math.nextDown(max);
      return DoubleField.newRangeQuery(IndexFields.NUMERIC_PREFIX + field, lower, upper);
    }
  }

  /** Every clause must pass. */
  record All(List<Filter> clauses) implements Filter {
    /** Copies the clauses. */
    public All {
      clauses = List.copyOf(clauses);
    }

    @Override
    public Query toQuery() {
      if (clauses.isEmpty()) {
        return new MatchAllDocsQuery();
      }
      if (clauses.size() == 1) {
        return clauses.get(0).toQuery();
      }
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (Filter f : clauses) {
        b.add(f.toQuery(), BooleanClause.Occur.FILTER);
      }
      return b.build();
    }
  }

  /** All of {@code filters}; nulls are ignored; null when none is left. */
  static Filter allOf(List<Filter> filters) {
    List<Filter> present = filters.stream().filter(Objects::nonNull).toList();
    return present.isEmpty() ? null : present.size() == 1 ? present.get(0) : new All(present);
  }

  /** Field-name rules shared by the filter types. */
  final class FieldNames {
    private FieldNames() {}

    static void check(String field) {
      if (field == null || field.isBlank()) {
        throw new IllegalArgumentException("filter field name is empty");
      }
    }
  }
}
