package io.semsearch.searcher;

import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexQueries;
import io.semsearch.index.Quantization;
import io.semsearch.searcher.RankFusion.ScoredId;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * Ranks the documents of one index snapshot for a query, one strategy per {@link SearchMode}; see
 * {@link SemanticSearcher} for what each does. Returns {@link Candidate}s: document, best passage,
 * score, best first with ties by id. Stateless apart from the index's settings, so one instance
 * serves concurrent searches.
 */
final class CandidateRanker {

  /** Oversampling of quantized HNSW searches before rescoring with full-precision vectors. */
  static final int QUANTIZED_OVERSAMPLE = 3;

  /** Query terms used by lexical search (BooleanQuery's clause limit is 1024; two fields each). */
  static final int MAX_QUERY_TERMS = 256;

  private static final Set<String> ID_FIELD = Set.of(IndexFields.DOC_ID);

  private final IndexMetadata metadata;
  private final ScoreGuard guard;
  private final BitSetProducer parents;
  private final SinglePassageSegments singlePassage;
  private final Query documentType = IndexQueries.documents();
  private final Analyzer analyzer = new StandardAnalyzer();

  /**
   * @param metadata how the index was built
   * @param index the index folder, named when a score reveals corruption
   */
  CandidateRanker(IndexMetadata metadata, Path index) {
    this.metadata = metadata;
    this.guard = new ScoreGuard(index, metadata.similarity());
    this.parents = IndexQueries.parents();
    this.singlePassage = new SinglePassageSegments(parents);
  }

  List<Candidate> dense(IndexSearcher searcher, float[] vector, int depth, Filter filter)
      throws IOException {
    boolean quantized = metadata.quantization() != Quantization.NONE;
    int fetch =
        quantized
            ? Math.min(
                SearchRequest.MAX_WINDOW * QUANTIZED_OVERSAMPLE, depth * QUANTIZED_OVERSAMPLE)
            : depth;
    Query query =
        singlePassage.all(searcher.getIndexReader())
            ? new KnnFloatVectorQuery(IndexFields.VECTOR, vector, fetch, childFilter(filter))
            : new DiversifyingChildrenFloatKnnVectorQuery(
                IndexFields.VECTOR, vector, childFilter(filter), fetch, parents);
    TopDocs top = searcher.search(query, fetch);
    ScoreDoc[] hits = top.scoreDocs;
    if (quantized) {
      // by doc, so each segment's vectors are read forwards with one iterator
      hits = hits.clone();
      Arrays.sort(hits, Comparator.comparingInt((ScoreDoc sd) -> sd.doc));
    }
    List<Candidate> candidates = new ArrayList<>(hits.length);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = null;
    BitSet leafParents = null;
    FloatVectorValues values = null;
    double queryNorm = quantized ? Math.sqrt(VectorUtil.dotProduct(vector, vector)) : 0;
    KnnVectorValues.DocIndexIterator it = null;
    for (ScoreDoc sd : hits) {
      if (leaf == null
          || sd.doc < leaf.docBase
          || sd.doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        leafParents = parents.getBitSet(leaf);
        values = quantized ? leaf.reader().getFloatVectorValues(IndexFields.VECTOR) : null;
        it = values == null ? null : values.iterator();
      }
      int local = sd.doc - leaf.docBase;
      // Lucene scores (1 + cos) / 2 in float: exact enough (~1e-7) for full-precision vectors;
      // quantized scores are replaced by the cosine of the stored full-precision vectors.
      double score = fromLuceneScore(sd.score);
      if (it != null && it.advance(local) == local) {
        score = similarity(vector, queryNorm, values.vectorValue(it.index()));
      }
      candidates.add(
          new Candidate(
              leaf.docBase + leafParents.nextSetBit(local), sd.doc, guard.check(score), null));
    }
    candidates = sortByScoreThenId(searcher, candidates);
    return candidates.size() > depth ? new ArrayList<>(candidates.subList(0, depth)) : candidates;
  }

  List<Candidate> exact(IndexSearcher searcher, float[] vector, int window, Filter filter)
      throws IOException {
    TopCandidates top = new TopCandidates(window);
    // only passages have vectors, so the metadata filter alone selects the allowed ones
    Weight allowedWeight =
        filter == null
            ? null
            : searcher.createWeight(
                searcher.rewrite(FilterQueries.of(filter)), ScoreMode.COMPLETE_NO_SCORES, 1f);
    double queryNorm = Math.sqrt(VectorUtil.dotProduct(vector, vector));
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
      Scorer scorer = allowedWeight == null ? null : allowedWeight.scorer(leaf);
      if (values == null || (allowedWeight != null && scorer == null)) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      BitSet parentBits = parents.getBitSet(leaf);
      DocIdSetIterator allowed = scorer == null ? null : scorer.iterator();
      KnnVectorValues.DocIndexIterator it = values.iterator();
      // A block's passages come just before its document: keep the best passage of the current
      // block, and offer it when the next block starts.
      int blockParent = -1;
      int bestPassage = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        if (allowed != null) {
          if (allowed.docID() < doc) {
            allowed.advance(doc);
          }
          if (allowed.docID() != doc) {
            continue;
          }
        }
        if (doc > blockParent) {
          if (bestPassage >= 0) {
            top.offer(
                new Candidate(
                    leaf.docBase + blockParent, leaf.docBase + bestPassage, bestScore, null));
          }
          blockParent = parentBits.nextSetBit(doc);
          bestPassage = -1;
          bestScore = Double.NEGATIVE_INFINITY;
        }
        double score = guard.check(similarity(vector, queryNorm, values.vectorValue(it.index())));
        if (score > bestScore) {
          bestScore = score;
          bestPassage = doc;
        }
      }
      if (bestPassage >= 0) {
        top.offer(
            new Candidate(leaf.docBase + blockParent, leaf.docBase + bestPassage, bestScore, null));
      }
    }
    List<Candidate> ranked = sortByScoreThenId(searcher, top.candidates());
    return ranked.size() > window ? new ArrayList<>(ranked.subList(0, window)) : ranked;
  }

  List<Candidate> lexical(IndexSearcher searcher, String text, int depth, Filter filter)
      throws IOException {
    Set<String> terms = analyze(text);
    if (terms.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder should = new BooleanQuery.Builder();
    for (String term : terms) {
      should.add(new TermQuery(new Term(IndexFields.TEXT, term)), Occur.SHOULD);
      should.add(new TermQuery(new Term(IndexFields.TITLE, term)), Occur.SHOULD);
    }
    BooleanQuery.Builder query =
        new BooleanQuery.Builder().add(should.build(), Occur.MUST).add(documentType, Occur.FILTER);
    if (filter != null) {
      query.add(FilterQueries.of(filter), Occur.FILTER);
    }
    TopDocs top = searcher.search(query.build(), depth);
    List<Candidate> candidates = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      candidates.add(new Candidate(sd.doc, -1, sd.score, null));
    }
    return sortByScoreThenId(searcher, candidates);
  }

  Set<String> analyze(String text) throws IOException {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(IndexFields.TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
        terms.add(term.toString());
      }
      ts.end();
    }
    return terms;
  }

  List<Candidate> hybrid(IndexSearcher searcher, SearchRequest request, float[] vector)
      throws IOException {
    int depth = request.effectiveCandidates();
    List<Candidate> dense = dense(searcher, vector, depth, request.filter());
    List<Candidate> lexical = lexical(searcher, request.query(), depth, request.filter());
    // fused by document number; ties are then ordered by id like every other ranking
    Map<Integer, Candidate> byParent = new HashMap<>();
    List<ScoredId<Integer>> denseRanking = new ArrayList<>();
    List<ScoredId<Integer>> lexicalRanking = new ArrayList<>();
    for (Candidate c : dense) {
      denseRanking.add(new ScoredId<>(c.parent(), c.score()));
      byParent.put(c.parent(), c);
    }
    for (Candidate c : lexical) {
      lexicalRanking.add(new ScoredId<>(c.parent(), c.score()));
      byParent.putIfAbsent(c.parent(), c);
    }
    List<ScoredId<Integer>> fused = RankFusion.fuse(request.fusion(), denseRanking, lexicalRanking);
    List<Candidate> ranked = new ArrayList<>(fused.size());
    for (ScoredId<Integer> s : fused) {
      Candidate c = byParent.get(s.id());
      ranked.add(new Candidate(c.parent(), c.passage(), s.score(), c.id()));
    }
    return sortByScoreThenId(searcher, ranked);
  }

  /**
   * The query's score (as {@link #exact}: cosine, or dot product on normalized indexes) of each
   * passage of one document: Lucene docs {@code first} (inclusive) to {@code end} (exclusive), all
   * in one segment as a block is. A passage without a vector scores negative infinity.
   */
  double[] passageSimilarities(IndexSearcher searcher, float[] vector, int first, int end)
      throws IOException {
    double[] out = new double[end - first];
    Arrays.fill(out, Double.NEGATIVE_INFINITY);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(first, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
    if (values == null) {
      return out;
    }
    double queryNorm = Math.sqrt(VectorUtil.dotProduct(vector, vector));
    KnnVectorValues.DocIndexIterator it = values.iterator();
    for (int doc = first; doc < end; doc++) {
      int local = doc - leaf.docBase;
      int at = it.docID() < local ? it.advance(local) : it.docID();
      if (at == DocIdSetIterator.NO_MORE_DOCS) {
        break;
      }
      if (at == local) {
        out[doc - first] =
            guard.check(similarity(vector, queryNorm, values.vectorValue(it.index())));
      }
    }
    return out;
  }

  /**
   * Sorts by score, best first, ties by document id. Ids are read (from stored fields, which costs)
   * only for candidates tied with another; the others keep a null id until their hit is built.
   */
  List<Candidate> sortByScoreThenId(IndexSearcher searcher, List<Candidate> candidates)
      throws IOException {
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
    StoredFields stored = null;
    for (int start = 0; start < sorted.size(); ) {
      int end = start + 1;
      while (end < sorted.size() && sorted.get(end).score() == sorted.get(start).score()) {
        end++;
      }
      if (end - start > 1) {
        stored = stored == null ? searcher.storedFields() : stored;
        List<Candidate> tied = sorted.subList(start, end);
        for (int i = 0; i < tied.size(); i++) {
          Candidate c = tied.get(i);
          if (c.id() == null) {
            tied.set(
                i,
                new Candidate(
                    c.parent(),
                    c.passage(),
                    c.score(),
                    stored.document(c.parent(), ID_FIELD).get(IndexFields.DOC_ID)));
          }
        }
        tied.sort(Comparator.comparing(Candidate::id));
      }
      start = end;
    }
    return sorted;
  }

  /**
   * The filter of a kNN search: only passages have vectors, so the metadata filter alone (null for
   * none: an unfiltered graph search, with no filter bit set to build per query).
   */
  Query childFilter(Filter filter) {
    return filter == null ? null : FilterQueries.of(filter);
  }

  /**
   * The score of stored vector {@code v} for the query: the dot product on indexes of normalized
   * vectors (DOT_PRODUCT), else the cosine. Lucene's SIMD dot product, one pass per vector; the
   * query's norm is computed once by the caller.
   */
  private double similarity(float[] query, double queryNorm, float[] v) {
    double dot = VectorUtil.dotProduct(query, v);
    if (metadata.similarity() == VectorSimilarityFunction.DOT_PRODUCT) {
      return dot;
    }
    return dot / (queryNorm * Math.sqrt(VectorUtil.dotProduct(v, v)));
  }

  /** Lucene's DOT_PRODUCT and COSINE scores are (1 + cos) / 2. */
  private static double fromLuceneScore(float score) {
    return 2.0 * score - 1.0;
  }
}
