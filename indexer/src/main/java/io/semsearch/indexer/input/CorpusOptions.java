package io.semsearch.indexer.input;

import java.util.Objects;

/**
 * How to read a corpus.
 *
 * @param format the format, or {@code null} to {@linkplain CorpusFormat#detect(java.nio.file.Path)
 *     detect} it
 * @param idField the field (JSON Lines) or column (CSV, TSV) holding the document id; default
 *     {@value #DEFAULT_ID_FIELD}
 * @param textField the field or column holding the text; default {@value #DEFAULT_TEXT_FIELD}
 * @param titleField the field or column holding the title, if present; default {@value
 *     #DEFAULT_TITLE_FIELD}; {@code null} reads no title (the field is then kept as metadata)
 * @param strict whether the first bad record throws a {@link BadRecordException} instead of being
 *     yielded
 */
public record CorpusOptions(
    CorpusFormat format, String idField, String textField, String titleField, boolean strict) {

  /** The default id field. */
  public static final String DEFAULT_ID_FIELD = "id";

  /** The default text field. */
  public static final String DEFAULT_TEXT_FIELD = "text";

  /** The default title field. */
  public static final String DEFAULT_TITLE_FIELD = "title";

  /**
   * Validates the field names: id and text are required, none may be blank, and they must differ.
   */
  public CorpusOptions {
    requireField(idField, "idField");
    requireField(textField, "textField");
    if (titleField != null) {
      requireField(titleField, "titleField");
    }
    if (idField.equals(textField) || idField.equals(titleField) || textField.equals(titleField)) {
      throw new IllegalArgumentException(
          "id, text and title fields must differ, got: id='"
              + idField
              + "', text='"
              + textField
              + "', title='"
              + titleField
              + "'");
    }
  }

  /** Detected format, fields {@code id}, {@code text} and {@code title}, lenient. */
  public static CorpusOptions defaults() {
    return new CorpusOptions(
        null, DEFAULT_ID_FIELD, DEFAULT_TEXT_FIELD, DEFAULT_TITLE_FIELD, false);
  }

  /** A copy with {@code format} ({@code null} to detect). */
  public CorpusOptions withFormat(CorpusFormat format) {
    return new CorpusOptions(format, idField, textField, titleField, strict);
  }

  /** A copy with {@code idField}. */
  public CorpusOptions withIdField(String idField) {
    return new CorpusOptions(format, idField, textField, titleField, strict);
  }

  /** A copy with {@code textField}. */
  public CorpusOptions withTextField(String textField) {
    return new CorpusOptions(format, idField, textField, titleField, strict);
  }

  /** A copy with {@code titleField} ({@code null} for none). */
  public CorpusOptions withTitleField(String titleField) {
    return new CorpusOptions(format, idField, textField, titleField, strict);
  }

  /** A copy with {@code strict}. */
  public CorpusOptions withStrict(boolean strict) {
    return new CorpusOptions(format, idField, textField, titleField, strict);
  }

  private static void requireField(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, got: '" + value + "'");
    }
  }
}
