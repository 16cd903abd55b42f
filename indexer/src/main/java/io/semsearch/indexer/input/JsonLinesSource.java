package io.semsearch.indexer.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.semsearch.index.io.Utf8LineReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON Lines: one object per line. Blank lines are skipped. The id may be a string or a number
 * (written as JSON writes it); the text a string, number or boolean. Other scalar fields become
 * metadata (integers that fit a {@code long} as {@link Long}, other numbers as {@link Double});
 * nested objects are flattened into dotted names ({@code {"a":{"b":1}}} gives {@code a.b = 1}), so
 * their fields filter and facet like the others. Arrays are not indexed: each one is skipped with a
 * warning naming the line and the field. Nulls are absent values.
 */
final class JsonLinesSource implements RecordSource {

  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesSource.class);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final Utf8LineReader lines;
  private final CorpusOptions options;

  JsonLinesSource(Utf8LineReader lines, CorpusOptions options) {
    this.lines = lines;
    this.options = options;
  }

  @Override
  public CorpusRecord read() throws IOException {
    Utf8LineReader.Line line = lines.nextNonBlank();
    if (line == null) {
      return null;
    }
    return parse(line);
  }

  private CorpusRecord parse(Utf8LineReader.Line line) {
    String location = lines.location(line.number());
    if (!line.validUtf8()) {
      return BadRecord.of(location, BadRecord.Reason.INVALID_UTF8, "not valid UTF-8");
    }
    return parse(line.text(), location, options);
  }

  /** One line's record: a document, or a bad record saying what is wrong with it. */
  static CorpusRecord parse(String line, String location, CorpusOptions options) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return BadRecord.of(location, BadRecord.Reason.MALFORMED, "malformed JSON: " + describe(e));
    }
    if (!node.isObject()) {
      return BadRecord.of(
          location, BadRecord.Reason.MALFORMED, "expected a JSON object, got " + kind(node));
    }
    String idField = options.idField();
    JsonNode id = node.get(idField);
    if (id == null || id.isNull()) {
      return BadRecord.of(
          location, BadRecord.Reason.MISSING_ID, "missing id field '" + idField + "'");
    }
    if (!id.isTextual() && !id.isNumber()) {
      return BadRecord.of(
          location,
          BadRecord.Reason.MISSING_ID,
          "id field '" + idField + "' is " + kind(id) + ", not a string or number");
    }
    if (id.asText().isBlank()) {
      return BadRecord.of(
          location, BadRecord.Reason.MISSING_ID, "empty id field '" + idField + "'");
    }
    String textField = options.textField();
    JsonNode text = node.get(textField);
    if (text == null || text.isNull()) {
      return BadRecord.of(
          location, BadRecord.Reason.MISSING_TEXT, "missing text field '" + textField + "'");
    }
    if (!text.isValueNode()) {
      return BadRecord.of(
          location,
          BadRecord.Reason.MISSING_TEXT,
          "text field '" + textField + "' is " + kind(text) + ", not a string");
    }
    if (text.asText().isBlank()) {
      return BadRecord.of(
          location, BadRecord.Reason.EMPTY_TEXT, "empty text field '" + textField + "'");
    }
    String titleField = options.titleField();
    String title = null;
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals(idField) || name.equals(textField)) {
        continue;
      }
      if (name.equals(titleField)) {
        if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
          title = value.asText();
        }
        continue;
      }
      addMetadata(name, value, metadata, location);
    }
    return new CorpusDocument(id.asText(), title, text.asText(), metadata, location);
  }

  /**
   * Adds {@code value} under {@code name}: a scalar as it is, an object's fields under {@code
   * name.field}, recursively; an array is skipped with a warning.
   */
  private static void addMetadata(
      String name, JsonNode value, Map<String, Object> metadata, String location) {
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        addMetadata(name + "." + field.getKey(), field.getValue(), metadata, location);
      }
    } else if (value.isArray()) {
      LOG.warn(
          "{}: metadata field '{}' is an array; arrays are not indexed, the field is skipped",
          location,
          name);
    } else {
      Object scalar = scalar(value);
      if (scalar != null && metadata.put(name, scalar) != null) {
        LOG.warn("{}: metadata field '{}' is given twice; the last value is kept", location, name);
      }
    }
  }

  /**
   * A scalar node's value as String, Long, Double or Boolean; {@code null} for null and containers.
   */
  private static Object scalar(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    return null;
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case BOOLEAN -> "a boolean";
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String describe(JsonProcessingException e) {
    String message =
        e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    message = message.replaceAll("\\s+", " ").strip();
    if (e.getLocation() != null && e.getLocation().getColumnNr() > 0) {
      message = "column " + e.getLocation().getColumnNr() + ": " + message;
    }
    return message;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
