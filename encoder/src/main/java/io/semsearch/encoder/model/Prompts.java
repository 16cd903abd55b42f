package io.semsearch.encoder.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompts of a sentence-transformers model, from its {@code config_sentence_transformers.json}:
 * texts put before the input, by name (for example {@code "query": "query: "}), and the name of the
 * one {@code encode} uses when none is asked for.
 *
 * <p>Which prompt a use gets follows sentence-transformers: {@link #defaultPrompt()} for {@code
 * encode}, {@link #forQueries()} for {@code encode_query} and {@link #forDocuments()} for {@code
 * encode_document}. A null prompt means none; an empty one is still a prompt (with {@code
 * include_prompt} false, its {@code [CLS]} stays out of pooling, as in sentence-transformers).
 *
 * @param byName prompt texts by name, in the file's order
 * @param defaultName the name of the prompt used by default, or null for none
 */
public record Prompts(Map<String, String> byName, String defaultName) {

  /** A model without prompts. */
  public static final Prompts NONE = new Prompts(Map.of(), null);

  /**
   * The names {@link #forDocuments()} looks for, in order (sentence-transformers' encode_document).
   */
  public static final List<String> DOCUMENT_NAMES = List.of("document", "passage", "corpus");

  /** The name {@link #forQueries()} looks for (sentence-transformers' encode_query). */
  public static final String QUERY_NAME = "query";

  /**
   * Copies the map and checks that the default names one of the prompts.
   *
   * @throws IllegalArgumentException if a name or text is null, or the default is not a prompt
   */
  public Prompts {
    Map<String, String> copy = new LinkedHashMap<>();
    byName.forEach(
        (name, text) -> {
          if (name == null || text == null) {
            throw new IllegalArgumentException("prompt names and texts must not be null");
          }
          copy.put(name, text);
        });
    byName = Collections.unmodifiableMap(copy);
    if (defaultName != null && !byName.containsKey(defaultName)) {
      throw new IllegalArgumentException(
          "default prompt '" + defaultName + "' is not one of the prompts " + byName.keySet());
    }
  }

  /**
   * Reads {@code prompts} and {@code default_prompt_name} from a parsed {@code
   * config_sentence_transformers.json}; both may be missing or null.
   *
   * @throws ModelFormatException if they have the wrong types or the default names no prompt
   */
  public static Prompts fromJson(JsonNode json, Path file) throws ModelFormatException {
    JsonNode prompts = json.path("prompts");
    Map<String, String> byName = new LinkedHashMap<>();
    if (!prompts.isMissingNode() && !prompts.isNull()) {
      if (!prompts.isObject()) {
        throw new ModelFormatException(
            file + ": prompts must be an object of prompt texts by name");
      }
      for (var field : prompts.properties()) {
        if (!field.getValue().isTextual()) {
          throw new ModelFormatException(
              file + ": prompt '" + field.getKey() + "' must be a string");
        }
        byName.put(field.getKey(), field.getValue().asText());
      }
    }
    JsonNode defaultName = json.path("default_prompt_name");
    if (!defaultName.isMissingNode() && !defaultName.isNull() && !defaultName.isTextual()) {
      throw new ModelFormatException(file + ": default_prompt_name must be a string or null");
    }
    try {
      return new Prompts(byName, defaultName.isTextual() ? defaultName.asText() : null);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** Whether the model has no prompts at all. */
  public boolean isEmpty() {
    return byName.isEmpty();
  }

  /**
   * The prompt named {@code name}.
   *
   * @throws IllegalArgumentException if the model has no such prompt, listing those it has
   */
  public String get(String name) {
    String text = byName.get(name);
    if (text == null) {
      throw new IllegalArgumentException(
          "the model has no prompt named '"
              + name
              + "'"
              + (byName.isEmpty()
                  ? " (it has no prompts)"
                  : "; its prompts are " + byName.keySet()));
    }
    return text;
  }

  /** The prompt {@code encode} uses when none is asked for, or null. */
  public String defaultPrompt() {
    return defaultName == null ? null : byName.get(defaultName);
  }

  /** The prompt for search queries: the one named "query", else the default (may be null). */
  public String forQueries() {
    return byName.containsKey(QUERY_NAME) ? byName.get(QUERY_NAME) : defaultPrompt();
  }

  /**
   * The prompt for documents to search: the first of "document", "passage" and "corpus" the model
   * has, else the default (may be null).
   */
  public String forDocuments() {
    for (String name : DOCUMENT_NAMES) {
      if (byName.containsKey(name)) {
        return byName.get(name);
      }
    }
    return defaultPrompt();
  }
}
