package io.semsearch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Typed access to the named values of a request, from its query string or its JSON body, so the GET
 * and POST forms of an endpoint validate the same way. Every getter returns null when the value is
 * absent and throws a 400 naming the field and what it got when it has the wrong type.
 */
abstract sealed class RequestFields permits RequestFields.Query, RequestFields.Json {

  /** The query string of {@code ctx}. */
  static RequestFields of(Context ctx) {
    return new Query(ctx);
  }

  /** The members of a JSON object. */
  static RequestFields of(ObjectNode body) {
    return new Json(body);
  }

  /** Rejects names outside {@code known}, listing the known ones. */
  abstract RequestFields requireKnown(Set<String> known);

  /** A string value (JSON: a string). */
  abstract String string(String name);

  /** An integer value (JSON: an integral number). */
  abstract Integer integer(String name);

  /** A finite number. */
  abstract Double number(String name);

  /** A boolean ({@code true}/{@code false}). */
  abstract Boolean bool(String name);

  /**
   * A filter: a string in the query syntax, or (JSON only) an object as {@code JsonFilters} reads
   * it.
   */
  abstract JsonNode filter(String name);

  /** The first present of {@code names} (aliases of one field). */
  final String string(String... names) {
    for (String name : names) {
      String value = string(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** An integer in {@code min..max}, else {@code fallback} when absent. */
  final int integer(String name, int min, int max, int fallback) {
    Integer value = integer(name);
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      throw new BadRequestResponse(name + " must be in " + min + ".." + max + ", got: " + value);
    }
    return value;
  }

  static BadRequestResponse wrongType(String name, String expected, String got) {
    return new BadRequestResponse(name + " must be " + expected + ", got: " + got);
  }

  static String unknown(String what, String name, Set<String> known) {
    return "unknown " + what + " '" + name + "'; known: " + String.join(", ", new TreeSet<>(known));
  }

  /** Query parameters; a name given twice is refused. */
  static final class Query extends RequestFields {

    private static final Pattern ASCII_INTEGER = Pattern.compile("[+-]?[0-9]+");

    private final Context ctx;

    Query(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    RequestFields requireKnown(Set<String> known) {
      for (String name : ctx.queryParamMap().keySet()) {
        if (!known.contains(name)) {
          throw new BadRequestResponse(unknown("parameter", name, known));
        }
      }
      return this;
    }

    private String raw(String name) {
      List<String> values = ctx.queryParams(name);
      if (values.isEmpty()) {
        return null;
      }
      if (values.size() > 1) {
        throw new BadRequestResponse(name + " is given " + values.size() + " times; give it once");
      }
      return values.get(0);
    }

    @Override
    String string(String name) {
      return raw(name);
    }

    @Override
    Integer integer(String name) {
      String value = raw(name);
      if (value == null || value.isEmpty()) {
        return null;
      }
      // ASCII digits only: Integer.valueOf also takes other scripts' (U+0666, Arabic-Indic six, is
      // 6)
      String trimmed = value.trim();
      if (ASCII_INTEGER.matcher(trimmed).matches()) {
        try {
          return Integer.valueOf(trimmed);
        } catch (NumberFormatException e) {
          // out of int's range: refused below like any other non-integer
        }
      }
      throw wrongType(name, "an integer", "'" + Strings.clip(value) + "'");
    }

    @Override
    Double number(String name) {
      String value = raw(name);
      if (value == null || value.isEmpty()) {
        return null;
      }
      double parsed;
      try {
        parsed = Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        throw wrongType(name, "a number", "'" + Strings.clip(value) + "'");
      }
      if (!Double.isFinite(parsed)) {
        throw wrongType(name, "a finite number", "'" + Strings.clip(value) + "'");
      }
      return parsed;
    }

    @Override
    Boolean bool(String name) {
      String value = raw(name);
      if (value == null || value.isEmpty()) {
        return null;
      }
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes" -> true;
        case "false", "0", "no" -> false;
        default -> throw wrongType(name, "true or false", "'" + Strings.clip(value) + "'");
      };
    }

    @Override
    JsonNode filter(String name) {
      String value = raw(name);
      return value == null ? null : TextNode.valueOf(value);
    }
  }

  /** Members of a JSON object; JSON null counts as absent. */
  static final class Json extends RequestFields {
    private final ObjectNode body;

    Json(ObjectNode body) {
      this.body = body;
    }

    @Override
    RequestFields requireKnown(Set<String> known) {
      for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!known.contains(name)) {
          throw new BadRequestResponse(unknown("field", name, known));
        }
      }
      return this;
    }

    private JsonNode node(String name) {
      JsonNode node = body.get(name);
      return node == null || node.isNull() ? null : node;
    }

    @Override
    String string(String name) {
      JsonNode node = node(name);
      if (node == null) {
        return null;
      }
      if (!node.isTextual()) {
        throw wrongType(name, "a string", typeOf(node));
      }
      return node.textValue();
    }

    @Override
    Integer integer(String name) {
      JsonNode node = node(name);
      if (node == null) {
        return null;
      }
      if (!node.isIntegralNumber()) {
        if (node.isNumber()
            && node.asDouble() == Math.rint(node.asDouble())
            && Math.abs(node.asDouble()) < 1e9) {
          return (int) node.asDouble();
        }
        throw wrongType(name, "an integer", typeOf(node));
      }
      if (!node.canConvertToInt()) {
        throw new BadRequestResponse(name + " is out of range: " + Strings.clip(node.asText()));
      }
      return node.intValue();
    }

    @Override
    Double number(String name) {
      JsonNode node = node(name);
      if (node == null) {
        return null;
      }
      if (!node.isNumber()) {
        throw wrongType(name, "a number", typeOf(node));
      }
      double value = node.asDouble();
      if (!Double.isFinite(value)) {
        throw wrongType(name, "a finite number", Strings.clip(node.asText()));
      }
      return value;
    }

    @Override
    Boolean bool(String name) {
      JsonNode node = node(name);
      if (node == null) {
        return null;
      }
      if (!node.isBoolean()) {
        throw wrongType(name, "true or false", typeOf(node));
      }
      return node.booleanValue();
    }

    @Override
    JsonNode filter(String name) {
      JsonNode node = node(name);
      if (node != null && !node.isTextual() && !node.isObject()) {
        throw wrongType(name, "a string or an object", typeOf(node));
      }
      return node;
    }
  }

  /** A JSON value's type and a clipped rendering, for messages: {@code string "abc"}. */
  static String typeOf(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    String name =
        switch (type) {
          case ARRAY -> "an array";
          case OBJECT -> "an object";
          case STRING -> "a string";
          case NUMBER -> "a number";
          case BOOLEAN -> "a boolean";
          case NULL, MISSING -> "null";
          default -> type.name().toLowerCase(Locale.ROOT);
        };
    return switch (type) {
      case STRING -> name + " \"" + Strings.clip(node.textValue()) + "\"";
      case NUMBER, BOOLEAN -> name + " " + Strings.clip(node.asText());
      default -> name;
    };
  }

  /**
   * A list of texts: a JSON array of strings (or, with {@code allowSingle}, one string), at least
   * one, at most {@code limits.maxTexts()}, each at most {@code limits.maxTextChars()} characters.
   */
  /**
   * Refuses with 413 texts that have more than {@code limits.maxRequestChars()} characters in all:
   * the bound on what one request costs the encoder.
   *
   * @param names the fields the texts came from, for the message
   */
  static void requireRequestChars(String names, List<String> texts, ServerConfig.Limits limits) {
    long total = 0;
    for (String text : texts) {
      total += text.length();
    }
    if (total > limits.maxRequestChars()) {
      throw new ContentTooLargeResponse(
          names
              + " have "
              + total
              + " characters in all; at most "
              + limits.maxRequestChars()
              + " per request (max_request_chars): split the request");
    }
  }

  static List<String> texts(
      JsonNode node, String name, ServerConfig.Limits limits, boolean allowSingle) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new BadRequestResponse(
          name + " is missing: give " + (allowSingle ? "a string or " : "") + "a list of strings");
    }
    List<String> texts = new ArrayList<>();
    if (allowSingle && node.isTextual()) {
      texts.add(node.textValue());
    } else if (node.isArray()) {
      if (node.size() > limits.maxTexts()) {
        throw new BadRequestResponse(
            name + " has " + node.size() + " texts; at most " + limits.maxTexts() + " per request");
      }
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        if (!item.isTextual()) {
          throw wrongType(name + "[" + i + "]", "a string", typeOf(item));
        }
        texts.add(item.textValue());
      }
    } else {
      throw wrongType(
          name, allowSingle ? "a string or a list of strings" : "a list of strings", typeOf(node));
    }
    if (texts.isEmpty()) {
      throw new BadRequestResponse(name + " is empty: give at least one text");
    }
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).length() > limits.maxTextChars()) {
        throw new BadRequestResponse(
            name
                + "["
                + i
                + "] has "
                + texts.get(i).length()
                + " characters; at most "
                + limits.maxTextChars());
      }
    }
    return texts;
  }
}
