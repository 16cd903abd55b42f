package io.semsearch.spark;

import io.semsearch.indexer.input.CorpusDocument;
import java.io.Serializable;
import java.util.Map;

/**
 * A corpus document as it travels between Spark stages.
 *
 * @param id the document's id
 * @param title the title, or null when the input has none
 * @param text the text to split and embed
 * @param metadata the other scalar fields in input order (a serializable map), as the indexer's
 *     reader gives them; what a feed stores with the document
 */
public record SourceDocument(String id, String title, String text, Map<String, Object> metadata)
    implements Serializable {

  /** A document without title or metadata. */
  public SourceDocument(String id, String text) {
    this(id, null, text, Map.of());
  }

  /** The document as the indexer's reader gives it, for a feed. */
  CorpusDocument toCorpusDocument() {
    return new CorpusDocument(id, title, text, metadata, "document " + id);
  }
}
