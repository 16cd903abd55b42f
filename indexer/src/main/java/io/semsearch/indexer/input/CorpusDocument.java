package io.semsearch.indexer.input;

import io.semsearch.index.IndexDocument;
import java.util.Map;
import java.util.Objects;

/**
 * A document read from a corpus.
 *
 * @param id the document's id, never blank
 * @param title the title, or {@code null} when the input has none
 * @param text the text to embed, never blank
 * @param metadata the other scalar fields in input order: {@link String}, {@link Long}, {@link
 *     Double} or {@link Boolean} values; an unmodifiable copy of what is passed in
 * @param location where the document came from, see {@link CorpusRecord#location()}
 */
public record CorpusDocument(
    String id, String title, String text, Map<String, Object> metadata, String location)
    implements CorpusRecord {

  /** Validates the fields as {@link IndexDocument} does and copies the metadata. */
  public CorpusDocument {
    Objects.requireNonNull(location, "location");
    metadata = new IndexDocument(id, title, text, metadata).metadata();
  }

  /** The document as an index stores it (without its location). */
  public IndexDocument toIndexDocument() {
    return new IndexDocument(id, title, text, metadata);
  }

  /** A document without title or metadata. */
  public static CorpusDocument of(String id, String text, String location) {
    return new CorpusDocument(id, null, text, Map.of(), location);
  }
}
