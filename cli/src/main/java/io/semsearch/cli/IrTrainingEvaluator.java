package io.semsearch.cli;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.VectorMath;
import io.semsearch.encoder.train.TrainingEvaluator;
import io.semsearch.indexer.input.BadRecord;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.eval.IrCutoffs;
import io.semsearch.searcher.eval.IrMetrics;
import io.semsearch.searcher.eval.QrelsTsv;
import io.semsearch.searcher.eval.QueriesTsv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Retrieval quality during training, as sentence-transformers' {@code
 * InformationRetrievalEvaluator} measures it: every document of a small corpus (read as {@code
 * index} reads one) and every query are embedded, documents are ranked by exact cosine similarity,
 * and {@link IrMetrics} scores the rankings against the judgements, with the metrics {@code eval
 * ir} reports. Without an index in between, a document is one text: on a corpus whose documents fit
 * the model in one passage the numbers are those of {@code eval ir --mode dense} on an index of it
 * built with the same model.
 */
final class IrTrainingEvaluator implements TrainingEvaluator {

  private final Map<String, String> queries;
  private final Map<String, Map<String, Integer>> judgements;
  private final List<String> ids;
  private final List<String> texts;

  private IrTrainingEvaluator(
      Map<String, String> queries,
      Map<String, Map<String, Integer>> judgements,
      List<String> ids,
      List<String> texts) {
    this.queries = queries;
    this.judgements = judgements;
    this.ids = ids;
    this.texts = texts;
  }

  /**
   * Reads the three files once, so a bad one fails before training.
   *
   * @throws IOException if a file can't be read, a corpus record is bad, or the corpus is empty,
   *     naming the file
   */
  static IrTrainingEvaluator read(Path queries, Path qrels, Path corpus) throws IOException {
    List<String> ids = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(corpus)) {
      while (reader.hasNext()) {
        CorpusRecord record = reader.next();
        if (record instanceof BadRecord bad) {
          throw new IOException(bad.location() + ": " + bad.message());
        }
        CorpusDocument doc = (CorpusDocument) record;
        ids.add(doc.id());
        texts.add(doc.text());
      }
    }
    if (ids.isEmpty()) {
      throw new IOException(corpus + ": no documents");
    }
    return new IrTrainingEvaluator(QueriesTsv.read(queries), QrelsTsv.read(qrels), ids, texts);
  }

  @Override
  public String name() {
    return "ir";
  }

  @Override
  public Map<String, Double> evaluate(SentenceEncoder encoder) {
    IrCutoffs cutoffs = IrCutoffs.defaults();
    float[][] documents = encoder.encodeDocuments(texts);
    List<String> queryIds = new ArrayList<>(queries.keySet());
    float[][] vectors = encoder.encodeQueries(new ArrayList<>(queries.values()));
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    for (int q = 0; q < queryIds.size(); q++) {
      float[] query = vectors[q];
      double[] scores = new double[documents.length];
      for (int d = 0; d < documents.length; d++) {
        scores[d] = VectorMath.cosine(query, documents[d]);
      }
      rankings.put(
          queryIds.get(q),
          IntStream.range(0, documents.length)
              .boxed()
              .sorted(Comparator.comparingDouble((Integer d) -> -scores[d]))
              .limit(cutoffs.maxDepth())
              .map(ids::get)
              .toList());
    }
    return IrMetrics.evaluate(rankings, judgements, cutoffs).metrics();
  }
}
