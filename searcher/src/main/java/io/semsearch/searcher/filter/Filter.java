package io.semsearch.searcher.filter;

import java.util.List;
import java.util.Objects;

/**
 * A condition on a document's metadata, as plain data: each search backend translates it into its
 * own query (the embedded index into a Lucene query that filters documents and passages alike).
 *
 * <p>Build one with {@link FilterParser#parse(String)} ({@code section:science year:[2000 TO *]})
 * or {@link JsonFilters#parse} ({@code {"section":"science","year":{"gte":2000}}}).
 */
public sealed interface Filter permits Filter.Term, Filter.AnyOf, Filter.Range, Filter.All {

  /** The metadata value of {@code field} equals {@code value} (as a string). */
  record Term(String field, String value) implements Filter {
    /** Validates the field name. */
    public Term {
      FieldNames.check(field);
      Objects.requireNonNull(value, "value");
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
  record Range(String field, Double min, boolean minInclusive, Double max, boolean maxInclusive)
      implements Filter {
    /** Validates the field name and the bounds. */
    public Range {
      FieldNames.check(field);
      if (min == null && max == null) {
        throw new IllegalArgumentException(
            "filter on " + field + ": a range needs at least one bound");
      }
      if ((min != null && min.isNaN()) || (max != null && max.isNaN())) {
        throw new IllegalArgumentException("filter on " + field + ": range bounds must be numbers");
      }
    }
  }

  /** Every clause must pass. */
  record All(List<Filter> clauses) implements Filter {
    /** Copies the clauses. */
    public All {
      clauses = List.copyOf(clauses);
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
