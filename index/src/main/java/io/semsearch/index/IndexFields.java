package io.semsearch.index;

/**
 * Field names of a semsearch index. Each document is a Lucene block: its passages (children, each
 * with a vector) followed by the document itself (the parent). Every document of a block carries
 * {@link #DOC_ID}, so one term deletes or replaces the whole block.
 */
public final class IndexFields {

  /** The document id, on parent and passages (keyword, stored on the parent). */
  public static final String DOC_ID = "doc_id";

  /** "doc" on parents, "passage" on children: the parent filter of block joins. */
  public static final String TYPE = "type";

  /** {@link #TYPE} value of parents. */
  public static final String TYPE_DOC = "doc";

  /** {@link #TYPE} value of passages. */
  public static final String TYPE_PASSAGE = "passage";

  /** The title, stored and analysed (parent). */
  public static final String TITLE = "title";

  /** The full text, stored and analysed for BM25 (parent). */
  public static final String TEXT = "text";

  /** SHA-256 of title, text and metadata: unchanged documents are not embedded again (parent). */
  public static final String CONTENT_HASH = "content_hash";

  /** Number of passages of the document (parent, stored). */
  public static final String PASSAGE_COUNT = "passage_count";

  /** The passage vector (child). */
  public static final String VECTOR = "vector";

  /** The passage text, stored for snippets (child). */
  public static final String PASSAGE_TEXT = "passage_text";

  /** The passage's position in its document, from 0 (child, stored). */
  public static final String PASSAGE_INDEX = "passage_index";

  /** Char offsets of the passage in the document text (child, stored). */
  public static final String PASSAGE_START = "passage_start";

  /** End char offset (exclusive) of the passage (child, stored). */
  public static final String PASSAGE_END = "passage_end";

  /**
   * Prefix of metadata keyword fields, {@code meta.section} and so on, on parent and children (so
   * filters apply inside the passage kNN search): every scalar value as a string, with sorted-set
   * doc values for facets.
   */
  public static final String META_PREFIX = "meta.";

  /**
   * Prefix of numeric metadata fields ({@code num.year}): numbers as doubles, for range filters.
   */
  public static final String NUMERIC_PREFIX = "num.";

  /** The metadata as one JSON object, stored on the parent (keeps value types for display). */
  public static final String METADATA_JSON = "metadata_json";

  private IndexFields() {}
}
