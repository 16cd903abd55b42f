package io.semsearch.index;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.QueryBitSetProducer;

/**
 * The queries that follow from the block layout of {@link IndexFields}: parents (documents),
 * children (passages), and one document by id. Written once here so that every reader of the index
 * agrees on what a document is.
 */
public final class IndexQueries {

  private IndexQueries() {}

  /** Matches every document (the parent of each block). */
  public static Query documents() {
    return new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC));
  }

  /** Matches every passage (the children of each block, which carry the vectors). */
  public static Query passages() {
    return new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PASSAGE));
  }

  /** Matches the document and the passages of {@code id}. */
  public static Query byId(String id) {
    return new TermQuery(new Term(IndexFields.DOC_ID, id));
  }

  /** Matches only the document (not its passages) of {@code id}. */
  public static Query documentById(String id) {
    return new BooleanQuery.Builder()
        .add(byId(id), BooleanClause.Occur.FILTER)
        .add(documents(), BooleanClause.Occur.FILTER)
        .build();
  }

  /**
   * The parent filter of block joins: a new producer caches its bit sets per segment, so a
   * long-lived reader should keep one.
   */
  public static BitSetProducer parents() {
    return new QueryBitSetProducer(documents());
  }
}
