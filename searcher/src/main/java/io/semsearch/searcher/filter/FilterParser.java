package io.semsearch.searcher.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the filter syntax of {@code --filter} and {@code ?filter=}, modelled on Lucene's and
 * Elasticsearch's query strings. Clauses are separated by whitespace or {@code AND}; all must pass.
 *
 * <pre>
 * section:science                 term
 * author:"Ada Lovelace"           quoted term
 * section:(science OR history)    any of
 * year:[2000 TO 2010]             inclusive range; {} for exclusive, * for open
 * year:&gt;=2000  year:&lt;2010         open ranges
 * </pre>
 */
public final class FilterParser {

  private final String input;
  private int pos;

  private FilterParser(String input) {
    this.input = input;
  }

  /**
   * Parses {@code expression}.
   *
   * @return the filter, or null when the expression is blank
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static Filter parse(String expression) {
    if (expression == null || expression.isBlank()) {
      return null;
    }
    return new FilterParser(expression).parseAll();
  }

  private Filter parseAll() {
    List<Filter> clauses = new ArrayList<>();
    skipSpaces();
    while (pos < input.length()) {
      clauses.add(parseClause());
      skipSpaces();
      if (input.startsWith("AND", pos)
          && (pos + 3 == input.length() || Character.isWhitespace(input.charAt(pos + 3)))) {
        pos += 3;
        skipSpaces();
        if (pos == input.length()) {
          throw error("a clause after AND");
        }
      }
    }
    return Filter.allOf(clauses);
  }

  private Filter parseClause() {
    int start = pos;
    while (pos < input.length()
        && input.charAt(pos) != ':'
        && !Character.isWhitespace(input.charAt(pos))) {
      pos++;
    }
    String field = input.substring(start, pos);
    if (field.isEmpty() || pos == input.length() || input.charAt(pos) != ':') {
      pos = start;
      throw error("field:value");
    }
    pos++;
    if (pos == input.length()) {
      throw error("a value after '" + field + ":'");
    }
    char c = input.charAt(pos);
    if (c == '(') {
      return parseAnyOf(field);
    }
    if (c == '[' || c == '{') {
      return parseRange(field);
    }
    if (c == '>' || c == '<') {
      return parseComparison(field);
    }
    return new Filter.Term(field, parseValue());
  }

  private Filter parseAnyOf(String field) {
    pos++;
    List<String> values = new ArrayList<>();
    while (true) {
      skipSpaces();
      if (pos == input.length()) {
        throw error("')' closing the list of " + field);
      }
      if (input.charAt(pos) == ')') {
        pos++;
        break;
      }
      if (!values.isEmpty()) {
        if (!input.startsWith("OR", pos)) {
          throw error("OR or ')' in the list of " + field);
        }
        pos += 2;
        skipSpaces();
      }
      values.add(parseValue());
    }
    if (values.isEmpty()) {
      throw error("at least one value in the list of " + field);
    }
    return new Filter.AnyOf(field, values);
  }

  private Filter parseRange(String field) {
    boolean minInclusive = input.charAt(pos++) == '[';
    skipSpaces();
    Double min = parseBound(field);
    skipSpaces();
    if (!input.startsWith("TO", pos)) {
      throw error("TO in the range of " + field);
    }
    pos += 2;
    skipSpaces();
    Double max = parseBound(field);
    skipSpaces();
    if (pos == input.length() || (input.charAt(pos) != ']' && input.charAt(pos) != '}')) {
      throw error("']' or '}' closing the range of " + field);
    }
    boolean maxInclusive = input.charAt(pos++) == ']';
    return new Filter.Range(field, min, minInclusive, max, maxInclusive);
  }

  private Filter parseComparison(String field) {
    char op = input.charAt(pos++);
    boolean inclusive = pos < input.length() && input.charAt(pos) == '=';
    if (inclusive) {
      pos++;
    }
    Double bound = parseBound(field);
    if (bound == null) {
      throw error("a number after " + op + (inclusive ? "=" : ""));
    }
    return op == '>'
        ? new Filter.Range(field, bound, inclusive, null, false)
        : new Filter.Range(field, null, false, bound, inclusive);
  }

  private Double parseBound(String field) {
    int start = pos;
    String token = parseValue();
    if (token.equals("*")) {
      return null;
    }
    try {
      return Double.parseDouble(token);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("a number or * in the range of " + field + ", got '" + token + "'");
    }
  }

  private String parseValue() {
    if (pos < input.length() && input.charAt(pos) == '"') {
      StringBuilder sb = new StringBuilder();
      pos++;
      while (pos < input.length() && input.charAt(pos) != '"') {
        char c = input.charAt(pos++);
        if (c == '\\' && pos < input.length()) {
          c = input.charAt(pos++);
        }
        sb.append(c);
      }
      if (pos == input.length()) {
        throw error("a closing quote");
      }
      pos++;
      return sb.toString();
    }
    int start = pos;
    while (pos < input.length()
        && !Character.isWhitespace(input.charAt(pos))
        && "()[]{}\"".indexOf(input.charAt(pos)) < 0) {
      pos++;
    }
    if (start == pos) {
      throw error("a value");
    }
    return input.substring(start, pos);
  }

  private void skipSpaces() {
    while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException(
        "bad filter '" + input + "': expected " + expected + " at position " + (pos + 1));
  }
}
