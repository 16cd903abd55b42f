package io.semsearch.solr;

import io.semsearch.index.IndexFields;

/**
 * How a semsearch document is laid out in a Solr collection: the field names of the local index
 * ({@link IndexFields}) on a parent document and its passage children, plus Solr's unique keys.
 * Keys carry a prefix, so that a parent's key and a passage's key can never be equal whatever the
 * document ids: {@code d:ID} for the document, {@code pN:ID} for its passage N.
 */
final class SolrFields {

  /** The key of the document that records how the collection was built. */
  static final String BUILD_KEY = "_semsearch_build";

  /** {@link IndexFields#TYPE} of the build record. */
  static final String TYPE_BUILD = "build";

  /** The build record's JSON (stored only). */
  static final String BUILD_JSON = "build_json";

  /** The label under which passages nest in their document. */
  static final String PASSAGES = "passages";

  /** Solr's unique key field. */
  static final String KEY = "id";

  /** Solr's field naming the root document of a block. */
  static final String ROOT = "_root_";

  /** The score pseudo-field. */
  static final String SCORE = "score";

  /** The stored vector of a passage. */
  static final String VECTOR = IndexFields.VECTOR;

  private SolrFields() {}

  /** The unique key of document {@code id}. */
  static String documentKey(String id) {
    return "d:" + id;
  }

  /** The unique key of passage {@code index} of document {@code id}. */
  static String passageKey(String id, int index) {
    return "p" + index + ":" + id;
  }

  /** A filter query matching documents only (not passages, not the build record). */
  static String documents() {
    return IndexFields.TYPE + ":" + IndexFields.TYPE_DOC;
  }

  /** A filter query matching passages only. */
  static String passages() {
    return IndexFields.TYPE + ":" + IndexFields.TYPE_PASSAGE;
  }
}
