package io.semsearch.searcher.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a filter from JSON, the form the JSON API takes: an object whose keys are metadata fields
 * and whose values are a string or number (term), an array (any of), or an object with {@code
 * gt}/{@code gte}/{@code lt}/{@code lte} (numeric range). All keys must pass.
 *
 * <pre>{"section": "science", "tag": ["a", "b"], "year": {"gte": 2000, "lt": 2010}}</pre>
 */
public final class JsonFilters {

  private JsonFilters() {}

  /**
   * Parses {@code node}.
   *
   * @return the filter, or null for null, a JSON null or an empty object
   * @throws IllegalArgumentException naming the field and what is wrong with it
   */
  public static Filter parse(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return FilterParser.parse(node.asText());
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "filter must be a JSON object such as {\"section\":\"science\"}, got: "
              + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    List<Filter> clauses = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      clauses.add(clause(e.getKey(), e.getValue()));
    }
    return Filter.allOf(clauses);
  }

  private static Filter clause(String field, JsonNode value) {
    if (value.isTextual() || value.isNumber() || value.isBoolean()) {
      return new Filter.Term(field, scalar(value));
    }
    if (value.isArray()) {
      List<String> values = new ArrayList<>();
      for (JsonNode v : value) {
        if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
          throw new IllegalArgumentException(
              "filter on " + field + ": list values must be strings or numbers");
        }
        values.add(scalar(v));
      }
      return new Filter.AnyOf(field, values);
    }
    if (value.isObject()) {
      Double min = null;
      Double max = null;
      boolean minInclusive = false;
      boolean maxInclusive = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNumber()) {
          throw new IllegalArgumentException(
              "filter on " + field + ": " + e.getKey() + " must be a number");
        }
        double bound = e.getValue().asDouble();
        switch (e.getKey()) {
          case "gt" -> {
            min = bound;
            minInclusive = false;
          }
          case "gte" -> {
            min = bound;
            minInclusive = true;
          }
          case "lt" -> {
            max = bound;
            maxInclusive = false;
          }
          case "lte" -> {
            max = bound;
            maxInclusive = true;
          }
          default ->
              throw new IllegalArgumentException(
                  "filter on "
                      + field
                      + ": unknown range operator '"
                      + e.getKey()
                      + "' (use gt, gte, lt, lte)");
        }
      }
      return new Filter.Range(field, min, minInclusive, max, maxInclusive);
    }
    throw new IllegalArgumentException(
        "filter on " + field + ": value must be a string, number, list or range object");
  }

  /**
   * A scalar as the indexer writes it into keyword fields ({@code Object.toString()} of the parsed
   * value).
   */
  private static String scalar(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    return v.isNumber() ? Double.toString(v.doubleValue()) : v.asText();
  }
}
