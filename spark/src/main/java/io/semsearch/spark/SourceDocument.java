package io.semsearch.spark;

import java.io.Serializable;

/**
 * A corpus document as it travels between Spark stages: what the encoder needs of it.
 *
 * @param id the document's id
 * @param text the text to split and embed
 */
public record SourceDocument(String id, String text) implements Serializable {}
