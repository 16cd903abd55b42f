package io.semsearch.indexer;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexQueries;
import io.semsearch.indexer.passage.Passage;
import io.semsearch.indexer.passage.PassageSplitter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.FixedBitSet;

/**
 * The per-document steps of every write: a whole-corpus run and a server's upserts share them.
 *
 * <p>Strategy: {@link #prepare} hashes a document's content (title, text, metadata) and compares it
 * with the hash stored in the index; an equal hash means the document is unchanged and is not
 * embedded again. A new or changed document is split into passages that fit the model. {@link
 * #embed} then embeds the passages of a group of documents in one encoder call (the encoder sorts
 * them by length and batches them on its workers) and builds each document's Lucene block.
 *
 * <p>Not thread-safe: each write path calls it from one thread at a time.
 */
final class DocumentPreparer {

  /** What {@link #prepare} found out about one document. */
  sealed interface Prepared {}

  /** The index already holds this content: nothing to embed. */
  record Unchanged() implements Prepared {}

  /** Splitting left no text to embed. */
  record NothingToEmbed() implements Prepared {}

  /**
   * A new or changed document, split and waiting to be embedded.
   *
   * @param document the document
   * @param hash its content hash
   * @param passages its passages, at least one
   */
  record ToEmbed(IndexDocument document, String hash, List<Passage> passages) implements Prepared {}

  /**
   * A document's Lucene block, ready to replace the document's previous one.
   *
   * @param id the document's id
   * @param block its passages (children) followed by the document itself (parent)
   * @param passages how many passages the block has
   */
  record Embedded(String id, List<Document> block, int passages) {}

  private final SentenceEncoder encoder;
  private final PassageSplitter splitter;
  private final VectorSimilarityFunction similarity;

  /**
   * @param encoder embeds the passages and counts their tokens
   * @param passageOverlapTokens tokens shared by consecutive passages, at most a quarter of the
   *     model's sequence length
   * @param similarity the similarity of the index's vector field
   */
  DocumentPreparer(
      SentenceEncoder encoder, int passageOverlapTokens, VectorSimilarityFunction similarity) {
    this.encoder = encoder;
    this.similarity = similarity;
    this.splitter = PassageSplitter.forIndex(encoder, passageOverlapTokens);
  }

  /**
   * Hashes {@code doc}, looks it up and splits it when it is new or changed.
   *
   * @param lookup the index as it was committed before this write; null when there is none yet
   * @param seen when given, marks the Lucene doc of every copy of {@code doc} in {@code lookup}
   */
  Prepared prepare(IndexDocument doc, IndexSearcher lookup, FixedBitSet seen) throws IOException {
    String hash = ContentHash.of(doc.title(), doc.text(), doc.metadata());
    if (lookup != null && hash.equals(storedHash(lookup, doc.id(), seen))) {
      return new Unchanged();
    }
    List<Passage> passages = splitter.split(doc.text());
    return passages.isEmpty() ? new NothingToEmbed() : new ToEmbed(doc, hash, passages);
  }

  /** Embeds every passage of {@code group} in one encoder call and builds the blocks. */
  List<Embedded> embed(List<ToEmbed> group) {
    return embed(group, Cancellation.NONE);
  }

  /**
   * As {@link #embed(List)}, given up when {@code cancellation} says so.
   *
   * @throws java.util.concurrent.CancellationException once cancelled, with its reason
   */
  List<Embedded> embed(List<ToEmbed> group, Cancellation cancellation) {
    List<String> texts = new ArrayList<>();
    for (ToEmbed doc : group) {
      for (Passage passage : doc.passages()) {
        texts.add(passage.text());
      }
    }
    // with the model's document prompt, if any
    float[][] vectors =
        cancellation == Cancellation.NONE
            ? encoder.encodeDocuments(texts)
            : encoder.encode(
                texts,
                encoder.prompts().forDocuments(),
                EncodeRequest.BULK.withCancellation(cancellation));
    List<Embedded> out = new ArrayList<>(group.size());
    int v = 0;
    for (ToEmbed doc : group) {
      List<DocumentBlock.EmbeddedPassage> passages = new ArrayList<>(doc.passages().size());
      for (Passage p : doc.passages()) {
        passages.add(new DocumentBlock.EmbeddedPassage(p.text(), p.start(), p.end(), vectors[v++]));
      }
      IndexDocument d = doc.document();
      List<Document> block =
          DocumentBlock.build(
              d.id(), d.title(), d.text(), d.metadata(), doc.hash(), passages, similarity);
      out.add(new Embedded(d.id(), block, passages.size()));
    }
    return out;
  }

  /**
   * The content hash stored for document {@code id}, or null if it has none; marks its Lucene doc
   * (every copy, should there be several) in {@code seen} when given.
   */
  private static String storedHash(IndexSearcher searcher, String id, FixedBitSet seen)
      throws IOException {
    TopDocs hits = searcher.search(IndexQueries.documentById(id), seen == null ? 1 : 16);
    if (hits.scoreDocs.length == 0) {
      return null;
    }
    if (seen != null) {
      for (ScoreDoc copy : hits.scoreDocs) {
        seen.set(copy.doc);
      }
    }
    ScoreDoc hit = hits.scoreDocs[0];
    return searcher.storedFields().document(hit.doc).get(IndexFields.CONTENT_HASH);
  }
}
