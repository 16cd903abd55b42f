package io.semsearch.searcher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.index.IndexFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * most query terms).
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
      String query)
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
      if (parent.passageCount() > 1) {
        int passage =
            c.passage() >= 0
                ? c.passage()
                : bestLexicalPassage(searcher, stored, c.parent(), parent.passageCount(), query);
        HitDocumentCache.PassageFields fields = cache.passage(searcher, stored, passage);
        snippet = fields.text();
        index = fields.index();
      }
      hits.add(
          new SearchHit(parent.id(), c.score(), parent.title(), snippet, index, parent.metadata()));
      if (hits.size() == k) {
        break;
      }
    }
    return hits;
  }

  /** The passage of a document holding the most distinct query terms (the first on ties). */
  private int bestLexicalPassage(
      IndexSearcher searcher, StoredFields stored, int parent, int count, String query)
      throws IOException {
    int first = parent - count;
    if (count <= 1 || query == null) {
      return first;
    }
    Set<String> terms = ranker.analyze(query);
    int best = first;
    int bestMatches = -1;
    for (int child = first; child < parent; child++) {
      Set<String> passageTerms = ranker.analyze(cache.passage(searcher, stored, child).text());
      passageTerms.retainAll(terms);
      if (passageTerms.size() > bestMatches) {
        bestMatches = passageTerms.size();
        best = child;
      }
    }
    return best;
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
