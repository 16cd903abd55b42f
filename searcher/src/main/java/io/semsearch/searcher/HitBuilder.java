package io.semsearch.searcher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.index.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;

/**
 * Turns ranked {@link Candidate}s into {@link SearchHit}s: minimum score, paging, stored fields of
 * the document and of its best passage (the snippet; for lexical matches, the passage holding the
 * most query terms) and, when a request asks for several passages per hit, the document's best
 * passages: the snippet's first, then the others by the first stage's measure (the query vector's
 * similarity with each passage vector when there is a query vector, else the number of distinct
 * query terms a passage holds), ties in document order.
 */
final class HitBuilder {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  static final Set<String> PARENT_FIELDS =
      Set.of(
          IndexFields.DOC_ID,
          IndexFields.TITLE,
          IndexFields.METADATA_JSON,
          IndexFields.PASSAGE_COUNT);
  static final Set<String> PARENT_FIELDS_WITH_TEXT =
      Set.of(
          IndexFields.DOC_ID,
          IndexFields.TITLE,
          IndexFields.METADATA_JSON,
          IndexFields.PASSAGE_COUNT,
          IndexFields.TEXT);
  static final Set<String> PASSAGE_FIELDS =
      Set.of(IndexFields.PASSAGE_TEXT, IndexFields.PASSAGE_INDEX);

  private final CandidateRanker ranker;
  private final HitDocumentCache cache;

  HitBuilder(CandidateRanker ranker, HitDocumentCache cache) {
    this.ranker = ranker;
    this.cache = cache;
  }

  List<SearchHit> page(
      IndexSearcher searcher,
      List<Candidate> ranked,
      int offset,
      int k,
      double minScore,
      String query,
      float[] vector,
      int passagesPerHit)
      throws IOException {
    List<SearchHit> hits = new ArrayList<>(k);
    StoredFields stored = searcher.storedFields();
    int passed = 0;
    for (Candidate c : ranked) {
      if (c.score() < minScore) {
        continue;
      }
      if (passed++ < offset) {
        continue;
      }
      // A one-passage document's snippet is its trimmed text, from the same (cached) read.
      HitDocumentCache.ParentFields parent = cache.parent(searcher, stored, c.parent());
      String snippet = parent.text();
      int index = 0;
      List<HitPassage> passages = List.of();
      if (parent.passageCount() > 1) {
        int first = c.parent() - parent.passageCount();
        // a lexical match has no passage: the one holding the most distinct query terms is picked
        double[] termCounts =
            c.passage() >= 0 || query == null
                ? null
                : lexicalMatches(searcher, stored, first, c.parent(), query);
        int passage =
            c.passage() >= 0 ? c.passage() : first + (termCounts == null ? 0 : best(termCounts));
        HitDocumentCache.PassageFields fields = cache.passage(searcher, stored, passage);
        snippet = fields.text();
        index = fields.index();
        if (passagesPerHit > 1) {
          double[] scores =
              vector != null
                  ? ranker.passageSimilarities(searcher, vector, first, c.parent())
                  : termCounts != null ? termCounts : new double[parent.passageCount()];
          passages = bestPassages(searcher, stored, first, scores, passage, passagesPerHit);
        }
      }
      hits.add(
          new SearchHit(parent.id(), c.score(), parent.title(), snippet, index, parent.metadata())
              .withPassages(passages));
      if (hits.size() == k) {
        break;
      }
    }
    return hits;
  }

  /** The index of the highest value, the first on ties. */
  private static int best(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** For each passage (Lucene docs first..end-1), how many distinct query terms it holds. */
  private double[] lexicalMatches(
      IndexSearcher searcher, StoredFields stored, int first, int end, String query)
      throws IOException {
    Set<String> terms = ranker.analyze(query);
    double[] matches = new double[end - first];
    for (int child = first; child < end; child++) {
      Set<String> passageTerms = ranker.analyze(cache.passage(searcher, stored, child).text());
      passageTerms.retainAll(terms);
      matches[child - first] = passageTerms.size();
    }
    return matches;
  }

  /**
   * The {@code n} best passages of a document whose passages are the Lucene docs from {@code
   * first}, best first: {@code snippet} (its Lucene doc), then the others by {@code scores} (one
   * per passage: the query vector's similarity, or without one the distinct query terms held), ties
   * in document order.
   */
  private List<HitPassage> bestPassages(
      IndexSearcher searcher, StoredFields stored, int first, double[] scores, int snippet, int n)
      throws IOException {
    List<Integer> order = new ArrayList<>(scores.length);
    for (int child = first; child < first + scores.length; child++) {
      if (child != snippet) {
        order.add(child);
      }
    }
    // a stable sort: ties stay in document order
    order.sort(Comparator.comparingDouble((Integer child) -> scores[child - first]).reversed());
    order.add(0, snippet);
    List<HitPassage> passages = new ArrayList<>(n);
    for (int child : order.subList(0, Math.min(n, order.size()))) {
      HitDocumentCache.PassageFields fields = cache.passage(searcher, stored, child);
      passages.add(new HitPassage(fields.index(), fields.text()));
    }
    return passages;
  }

  static int passageCount(Document parent) {
    var field = parent.getField(IndexFields.PASSAGE_COUNT);
    return field == null ? 1 : field.numericValue().intValue();
  }

  static Map<String, Object> metadataOf(Document parent) {
    String json = parent.get(IndexFields.METADATA_JSON);
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "stored metadata of document " + parent.get(IndexFields.DOC_ID) + " is not JSON", e);
    }
  }
}
