package io.semsearch.spark;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.indexer.passage.Passage;
import io.semsearch.indexer.passage.PassageSettings;
import io.semsearch.indexer.passage.PassageSplitter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Splits and embeds one partition of documents, streaming: documents are split as {@code semsearch
 * index} splits them (the model's window, the overlap capped at a quarter of it), and their
 * passages embedded {@code passagesPerCall} at a time with the model's document prompt, on the
 * executor's one encoder ({@link ExecutorEncoders}). Rows follow {@link PassageVectors#SCHEMA}.
 *
 * @param encoder the encoder to use
 * @param overlapTokens tokens shared by consecutive passages
 * @param passagesPerCall passages handed to the encoder at once (it batches them by length)
 */
record PartitionEncoder(EncoderKey encoder, int overlapTokens, int passagesPerCall)
    implements FlatMapFunction<Iterator<SourceDocument>, Row> {

  PartitionEncoder {
    if (overlapTokens < 0 || passagesPerCall < 1) {
      throw new IllegalArgumentException(
          "need overlap >= 0 and passages per call >= 1, got: "
              + overlapTokens
              + ", "
              + passagesPerCall);
    }
  }

  @Override
  public Iterator<Row> call(Iterator<SourceDocument> documents) {
    SentenceEncoder enc = ExecutorEncoders.encoder(encoder);
    int maxTokens = enc.maxSeqLength();
    PassageSplitter splitter =
        new PassageSplitter(
            PassageSplitter.documentTokens(enc),
            new PassageSettings(maxTokens, Math.min(overlapTokens, maxTokens / 4)));
    return new Batches(documents, enc, splitter);
  }

  /** Reads documents until a call's worth of passages is waiting, embeds them, hands out rows. */
  private final class Batches implements Iterator<Row> {
    private final Iterator<SourceDocument> documents;
    private final SentenceEncoder enc;
    private final PassageSplitter splitter;
    private final List<String> ids = new ArrayList<>();
    private final List<Passage> passages = new ArrayList<>();
    private Iterator<Row> ready = List.<Row>of().iterator();

    Batches(Iterator<SourceDocument> documents, SentenceEncoder enc, PassageSplitter splitter) {
      this.documents = documents;
      this.enc = enc;
      this.splitter = splitter;
    }

    @Override
    public boolean hasNext() {
      while (!ready.hasNext() && documents.hasNext()) {
        fill();
        ready = embed().iterator();
      }
      return ready.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.next();
    }

    private void fill() {
      ids.clear();
      passages.clear();
      while (passages.size() < passagesPerCall && documents.hasNext()) {
        SourceDocument doc = documents.next();
        for (Passage p : splitter.split(doc.text())) {
          ids.add(doc.id());
          passages.add(p);
        }
      }
    }

    private List<Row> embed() {
      if (passages.isEmpty()) {
        return List.of();
      }
      List<String> texts = new ArrayList<>(passages.size());
      for (Passage p : passages) {
        texts.add(p.text());
      }
      float[][] vectors = enc.encodeDocuments(texts);
      List<Row> rows = new ArrayList<>(passages.size());
      for (int i = 0; i < passages.size(); i++) {
        Passage p = passages.get(i);
        rows.add(
            RowFactory.create(ids.get(i), p.index(), p.start(), p.end(), p.text(), vectors[i]));
      }
      return rows;
    }
  }
}
