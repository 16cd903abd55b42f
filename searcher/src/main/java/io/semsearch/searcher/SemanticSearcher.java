package io.semsearch.searcher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexFields;
import io.semsearch.indexer.IndexMetadata;
import io.semsearch.indexer.IndexStats;
import io.semsearch.searcher.RankFusion.ScoredId;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search facade of a semsearch index, used by the CLI and the web server: query text in,
 * documents out, ranked by their best passage.
 *
 * <p>Strategy by {@link SearchMode}:
 *
 * <ol>
 *   <li>Dense: the query is embedded, then a {@link DiversifyingChildrenFloatKnnVectorQuery} walks
 *       the HNSW graph of passage vectors and keeps the best passage per document, with the metadata
 *       filter applied inside the graph search. Its candidates are rescored with the full-precision
 *       vectors (exact cosine; on quantized indexes this also corrects the quantized ranking, which
 *       is oversampled 3x first) and the best {@code offset + k} kept.
 *   <li>Exact: every live passage vector passing the filter is compared with the query.
 *   <li>Lexical: BM25 over title and text of the documents passing the filter; the snippet is the
 *       passage holding the most query terms.
 *   <li>Hybrid: the dense and lexical rankings, each {@link SearchRequest#effectiveCandidates()}
 *       deep, fused by {@link RankFusion}.
 * </ol>
 *
 * <p>Ties are broken by document id. The searcher is safe for concurrent use; it sees commits made to
 * the index (by {@code ./semsearch index}, or an indexer in this process) within {@value
 * #REFRESH_MILLIS} ms, or at once after {@link #refresh()}. It does not own the encoder: the caller
 * closes both.
 */
public final class SemanticSearcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SemanticSearcher.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  /** How stale a search may be: the index is checked for new commits at most this often. */
  static final long REFRESH_MILLIS = 200;

  /** Oversampling of quantized HNSW searches before rescoring with full-precision vectors. */
  static final int QUANTIZED_OVERSAMPLE = 3;

  /** Passages of a document used as queries by {@link #similar}. */
  static final int MAX_SIMILAR_PASSAGES = 16;

  /** Query terms used by lexical search (BooleanQuery's clause limit is 1024; two fields each). */
  static final int MAX_QUERY_TERMS = 256;

  private static final Set<String> PARENT_FIELDS =
      Set.of(IndexFields.DOC_ID, IndexFields.TITLE, IndexFields.METADATA_JSON, IndexFields.PASSAGE_COUNT);
  private static final Set<String> ID_FIELD = Set.of(IndexFields.DOC_ID);
  private static final Set<String> PASSAGE_FIELDS = Set.of(IndexFields.PASSAGE_TEXT, IndexFields.PASSAGE_INDEX);

  private final Path indexDir;
  private final SentenceEncoder encoder;
  private final IndexMetadata metadata;
  private final Directory directory;
  private final SearcherManager manager;
  private final BitSetProducer parents;
  private final Query passageType;
  private final Query documentType;
  private final Analyzer analyzer = new StandardAnalyzer();
  private volatile long lastRefreshNanos = System.nanoTime();

  private SemanticSearcher(Path indexDir, SentenceEncoder encoder, IndexMetadata metadata, Directory directory, SearcherManager manager) {
    this.indexDir = indexDir;
    this.encoder = encoder;
    this.metadata = metadata;
    this.directory = directory;
    this.manager = manager;
    this.documentType = new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC));
    this.passageType = new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PASSAGE));
    this.parents = new QueryBitSetProducer(documentType);
  }

  /**
   * Opens the index in {@code indexDir} for searching with {@code encoder}.
   *
   * @throws IllegalArgumentException if the index was built with another model, naming both
   * @throws IOException if there is no semsearch index there, naming the folder
   */
  public static SemanticSearcher open(Path indexDir, SentenceEncoder encoder) throws IOException {
    Objects.requireNonNull(indexDir, "indexDir");
    Objects.requireNonNull(encoder, "encoder");
    IndexMetadata metadata = CorpusIndexer.readMetadata(indexDir);
    if (metadata == null) {
      throw new IOException(indexDir + ": no semsearch index here" + (Files.isDirectory(indexDir) ? "" : " (no such folder)"));
    }
    metadata.requireSameModel(encoder.model());
    Directory directory = FSDirectory.open(indexDir);
    try {
      SearcherManager manager = new SearcherManager(directory, null);
      LOG.info("opened index {}: model {}, {} similarity, HNSW M {} beam {}, quantization {}", indexDir, metadata.modelId(),
          metadata.similarity(), metadata.hnswM(), metadata.beamWidth(), metadata.quantization().label());
      return new SemanticSearcher(indexDir, encoder, metadata, directory, manager);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw new IOException(indexDir + ": can't open the index for searching (" + e.getMessage() + ")", e);
    }
  }

  /** How the index was built. */
  public IndexMetadata metadata() {
    return metadata;
  }

  /** The encoder queries are embedded with. */
  public SentenceEncoder encoder() {
    return encoder;
  }

  /** Runs {@code request}: embeds the query (except in lexical mode) and searches. */
  public SearchResults search(SearchRequest request) throws IOException {
    long start = System.nanoTime();
    float[] vector = request.mode() == SearchMode.LEXICAL ? null : encoder.encode(request.query());
    return run(request, vector, start);
  }

  /**
   * Runs {@code request} with an embedding computed by the caller (dense, exact and hybrid modes;
   * hybrid still uses the query text for BM25).
   *
   * @throws IllegalArgumentException if the vector's dimension is not the index's
   */
  public SearchResults search(SearchRequest request, float[] queryVector) throws IOException {
    if (queryVector.length != metadata.dimension()) {
      throw new IllegalArgumentException("query vector has dimension " + queryVector.length + ", the index " + metadata.dimension());
    }
    return run(request, queryVector, System.nanoTime());
  }

  private SearchResults run(SearchRequest request, float[] vector, long start) throws IOException {
    maybeRefresh();
    IndexSearcher searcher = manager.acquire();
    try {
      List<Candidate> ranked = switch (request.mode()) {
        case DENSE -> dense(searcher, vector, request.effectiveCandidates(), request.filter());
        case EXACT -> exact(searcher, vector, request.window(), request.filter());
        case LEXICAL -> lexical(searcher, request.query(), request.window(), request.filter());
        case HYBRID -> hybrid(searcher, request, vector);
      };
      List<SearchHit> hits = page(searcher, ranked, request.offset(), request.k(), request.minScore(), request.query());
      return new SearchResults(hits, request.mode(), (System.nanoTime() - start) / 1e6);
    } finally {
      manager.release(searcher);
    }
  }

  /**
   * The documents closest to document {@code id}, found with its own passage vectors (the best
   * match over its first {@value #MAX_SIMILAR_PASSAGES} passages), itself excluded.
   *
   * @return empty when there is no document {@code id}
   */
  public Optional<SearchResults> similar(String id, int k, Filter filter) throws IOException {
    if (k < 1 || k > SearchRequest.MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + SearchRequest.MAX_K + ", got: " + k);
    }
    long start = System.nanoTime();
    maybeRefresh();
    IndexSearcher searcher = manager.acquire();
    try {
      int parent = findParent(searcher, id);
      if (parent < 0) {
        return Optional.empty();
      }
      List<float[]> vectors = passageVectors(searcher, parent);
      Map<Integer, Candidate> best = new HashMap<>();
      int depth = Math.max(100, 2 * (k + 1));
      for (float[] v : vectors.subList(0, Math.min(vectors.size(), MAX_SIMILAR_PASSAGES))) {
        for (Candidate c : dense(searcher, v, depth, filter)) {
          if (c.parent != parent) {
            best.merge(c.parent, c, (a, b) -> a.score >= b.score ? a : b);
          }
        }
      }
      List<Candidate> ranked = sortById(searcher, topWithTies(new ArrayList<>(best.values()), k));
      List<SearchHit> hits = page(searcher, ranked, 0, k, Double.NEGATIVE_INFINITY, null);
      return Optional.of(new SearchResults(hits, SearchMode.DENSE, (System.nanoTime() - start) / 1e6));
    } finally {
      manager.release(searcher);
    }
  }

  /** The stored document {@code id}, or empty. */
  public Optional<StoredDocument> document(String id) throws IOException {
    maybeRefresh();
    IndexSearcher searcher = manager.acquire();
    try {
      int parent = findParent(searcher, id);
      if (parent < 0) {
        return Optional.empty();
      }
      StoredFields stored = searcher.storedFields();
      Document doc = stored.document(parent);
      int count = passageCount(doc);
      List<String> passages = new ArrayList<>(count);
      for (int child = parent - count; child < parent; child++) {
        passages.add(stored.document(child, PASSAGE_FIELDS).get(IndexFields.PASSAGE_TEXT));
      }
      return Optional.of(new StoredDocument(id, doc.get(IndexFields.TITLE), doc.get(IndexFields.TEXT), metadataOf(doc), passages));
    } finally {
      manager.release(searcher);
    }
  }

  /** Documents, passages, segments and size of the index as this searcher sees it now. */
  public IndexStats stats() throws IOException {
    maybeRefresh();
    IndexSearcher searcher = manager.acquire();
    try {
      return new IndexStats(searcher.count(documentType), searcher.count(passageType), searcher.getIndexReader().leaves().size(),
          CorpusIndexer.sizeOf(indexDir), metadata);
    } finally {
      manager.release(searcher);
    }
  }

  /**
   * Up to {@code n} passage vectors picked at random (repeatably for a seed), for using stored
   * passages as queries in recall measurements.
   */
  public List<float[]> samplePassageVectors(int n, long seed) throws IOException {
    IndexSearcher searcher = manager.acquire();
    try {
      List<float[]> all = new ArrayList<>();
      java.util.Random random = new java.util.Random(seed);
      long seen = 0;
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
        if (values == null) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        KnnVectorValues.DocIndexIterator it = values.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          seen++;
          // reservoir sampling: every live vector is equally likely to be kept
          if (all.size() < n) {
            all.add(values.vectorValue(it.index()).clone());
          } else {
            long slot = (long) (random.nextDouble() * seen);
            if (slot < n) {
              all.set((int) slot, values.vectorValue(it.index()).clone());
            }
          }
        }
      }
      return all;
    } finally {
      manager.release(searcher);
    }
  }

  /** Makes the last commit visible to the next search, waiting if another thread is refreshing. */
  public void refresh() throws IOException {
    manager.maybeRefreshBlocking();
    lastRefreshNanos = System.nanoTime();
  }

  private void maybeRefresh() throws IOException {
    long now = System.nanoTime();
    if (now - lastRefreshNanos > REFRESH_MILLIS * 1_000_000L) {
      lastRefreshNanos = now;
      manager.maybeRefresh();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      manager.close();
    } finally {
      directory.close();
    }
  }

  /** A ranked document: its parent doc, the passage that matched (-1 for none) and its score. */
  private record Candidate(int parent, int passage, double score, String id) {}

  // ---- dense

  private List<Candidate> dense(IndexSearcher searcher, float[] vector, int depth, Filter filter) throws IOException {
    boolean quantized = metadata.quantization() != io.semsearch.indexer.Quantization.NONE;
    int fetch = quantized ? Math.min(SearchRequest.MAX_WINDOW * QUANTIZED_OVERSAMPLE, depth * QUANTIZED_OVERSAMPLE) : depth;
    Query query = new DiversifyingChildrenFloatKnnVectorQuery(IndexFields.VECTOR, vector, childFilter(filter), fetch, parents);
    TopDocs top = searcher.search(query, fetch);
    ScoreDoc[] hits = top.scoreDocs.clone();
    // by doc, so each segment's vectors are read forwards with one iterator
    Arrays.sort(hits, Comparator.comparingInt((ScoreDoc sd) -> sd.doc));
    List<Candidate> candidates = new ArrayList<>(hits.length);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = null;
    FloatVectorValues values = null;
    KnnVectorValues.DocIndexIterator it = null;
    for (ScoreDoc sd : hits) {
      if (leaf == null || sd.doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        values = quantized ? leaf.reader().getFloatVectorValues(IndexFields.VECTOR) : null;
        it = values == null ? null : values.iterator();
      }
      int local = sd.doc - leaf.docBase;
      // Lucene scores (1 + cos) / 2 in float: exact enough (~1e-7) for full-precision vectors;
      // quantized scores are replaced by the cosine of the stored full-precision vectors.
      double score = fromLuceneScore(sd.score);
      if (it != null && it.advance(local) == local) {
        score = cosine(vector, values.vectorValue(it.index()));
      }
      candidates.add(new Candidate(parentOf(leaf, local), sd.doc, score, null));
    }
    candidates = sortById(searcher, candidates);
    return candidates.size() > depth ? new ArrayList<>(candidates.subList(0, depth)) : candidates;
  }

  // ---- exact

  private List<Candidate> exact(IndexSearcher searcher, float[] vector, int window, Filter filter) throws IOException {
    Map<Integer, Candidate> best = new HashMap<>();
    Weight weight = searcher.createWeight(searcher.rewrite(childFilter(filter)), ScoreMode.COMPLETE_NO_SCORES, 1f);
    double queryNorm = Math.sqrt(VectorUtil.dotProduct(vector, vector));
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
      Scorer scorer = weight.scorer(leaf);
      if (values == null || scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      BitSet parentBits = parents.getBitSet(leaf);
      DocIdSetIterator allowed = scorer.iterator();
      KnnVectorValues.DocIndexIterator it = values.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        if (allowed.docID() < doc) {
          allowed.advance(doc);
        }
        if (allowed.docID() != doc) {
          continue;
        }
        float[] v = values.vectorValue(it.index());
        double score = metadata.similarity() == VectorSimilarityFunction.DOT_PRODUCT
            ? VectorUtil.dotProduct(vector, v)
            : VectorUtil.dotProduct(vector, v) / (queryNorm * Math.sqrt(VectorUtil.dotProduct(v, v)));
        int parent = leaf.docBase + parentBits.nextSetBit(doc);
        Candidate c = new Candidate(parent, leaf.docBase + doc, score, null);
        best.merge(parent, c, (a, b) -> a.score >= b.score ? a : b);
      }
    }
    return sortById(searcher, topWithTies(new ArrayList<>(best.values()), window));
  }

  /**
   * The {@code n} best candidates by score, plus any tied with the n-th (so the id tie-break that
   * follows sees all of them), without reading ids of the rest.
   */
  private static List<Candidate> topWithTies(List<Candidate> candidates, int n) {
    if (candidates.size() <= n) {
      return candidates;
    }
    candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
    double cut = candidates.get(n - 1).score;
    int end = n;
    while (end < candidates.size() && candidates.get(end).score == cut) {
      end++;
    }
    return new ArrayList<>(candidates.subList(0, end));
  }

  // ---- lexical

  private List<Candidate> lexical(IndexSearcher searcher, String text, int depth, Filter filter) throws IOException {
    Set<String> terms = analyze(text);
    if (terms.isEmpty()) {
      return List.of();
    }
    BooleanQuery.Builder should = new BooleanQuery.Builder();
    for (String term : terms) {
      should.add(new TermQuery(new Term(IndexFields.TEXT, term)), Occur.SHOULD);
      should.add(new TermQuery(new Term(IndexFields.TITLE, term)), Occur.SHOULD);
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(should.build(), Occur.MUST).add(documentType, Occur.FILTER);
    if (filter != null) {
      query.add(filter.toQuery(), Occur.FILTER);
    }
    TopDocs top = searcher.search(query.build(), depth);
    List<Candidate> candidates = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      candidates.add(new Candidate(sd.doc, -1, sd.score, null));
    }
    return sortById(searcher, candidates);
  }

  private Set<String> analyze(String text) throws IOException {
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

  // ---- hybrid

  private List<Candidate> hybrid(IndexSearcher searcher, SearchRequest request, float[] vector) throws IOException {
    int depth = request.effectiveCandidates();
    List<Candidate> dense = dense(searcher, vector, depth, request.filter());
    List<Candidate> lexical = lexical(searcher, request.query(), depth, request.filter());
    // fused by document number; ties are then ordered by id like every other ranking
    Map<String, Candidate> byKey = new HashMap<>();
    List<ScoredId> denseRanking = new ArrayList<>();
    List<ScoredId> lexicalRanking = new ArrayList<>();
    for (Candidate c : dense) {
      String key = Integer.toString(c.parent);
      denseRanking.add(new ScoredId(key, c.score));
      byKey.put(key, c);
    }
    for (Candidate c : lexical) {
      String key = Integer.toString(c.parent);
      lexicalRanking.add(new ScoredId(key, c.score));
      byKey.putIfAbsent(key, c);
    }
    Fusion fusion = request.fusion();
    List<ScoredId> fused = fusion.method() == Fusion.Method.RRF
        ? RankFusion.reciprocalRank(List.of(ids(denseRanking), ids(lexicalRanking)), fusion.rankConstant())
        : RankFusion.weightedSum(denseRanking, lexicalRanking, fusion.denseWeight());
    List<Candidate> ranked = new ArrayList<>(fused.size());
    for (ScoredId s : fused) {
      Candidate c = byKey.get(s.id());
      ranked.add(new Candidate(c.parent, c.passage, s.score(), c.id));
    }
    return sortById(searcher, ranked);
  }

  private static List<String> ids(List<ScoredId> ranking) {
    return ranking.stream().map(ScoredId::id).toList();
  }

  // ---- hits

  private List<SearchHit> page(IndexSearcher searcher, List<Candidate> ranked, int offset, int k, double minScore, String query)
      throws IOException {
    List<SearchHit> hits = new ArrayList<>(k);
    StoredFields stored = searcher.storedFields();
    int passed = 0;
    for (Candidate c : ranked) {
      if (c.score < minScore) {
        continue;
      }
      if (passed++ < offset) {
        continue;
      }
      Document parent = stored.document(c.parent, PARENT_FIELDS);
      int passage = c.passage;
      if (passage < 0) {
        passage = bestLexicalPassage(stored, c.parent, passageCount(parent), query);
      }
      Document child = stored.document(passage, PASSAGE_FIELDS);
      Number index = child.getField(IndexFields.PASSAGE_INDEX) == null ? null : child.getField(IndexFields.PASSAGE_INDEX).numericValue();
      hits.add(new SearchHit(parent.get(IndexFields.DOC_ID), c.score, parent.get(IndexFields.TITLE),
          child.get(IndexFields.PASSAGE_TEXT), index == null ? 0 : index.intValue(), metadataOf(parent)));
      if (hits.size() == k) {
        break;
      }
    }
    return hits;
  }

  /** The passage of a document holding the most distinct query terms (the first on ties). */
  private int bestLexicalPassage(StoredFields stored, int parent, int count, String query) throws IOException {
    int first = parent - count;
    if (count <= 1 || query == null) {
      return first;
    }
    Set<String> terms = analyze(query);
    int best = first;
    int bestMatches = -1;
    for (int child = first; child < parent; child++) {
      Set<String> passageTerms = analyze(stored.document(child, PASSAGE_FIELDS).get(IndexFields.PASSAGE_TEXT));
      passageTerms.retainAll(terms);
      if (passageTerms.size() > bestMatches) {
        bestMatches = passageTerms.size();
        best = child;
      }
    }
    return best;
  }

  /**
   * Sorts by score, best first, ties by document id. Ids are read (from stored fields, which costs)
   * only for candidates tied with another; the others keep a null id until their hit is built.
   */
  private List<Candidate> sortById(IndexSearcher searcher, List<Candidate> candidates) throws IOException {
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
    StoredFields stored = null;
    for (int start = 0; start < sorted.size(); ) {
      int end = start + 1;
      while (end < sorted.size() && sorted.get(end).score == sorted.get(start).score) {
        end++;
      }
      if (end - start > 1) {
        stored = stored == null ? searcher.storedFields() : stored;
        List<Candidate> tied = sorted.subList(start, end);
        for (int i = 0; i < tied.size(); i++) {
          Candidate c = tied.get(i);
          if (c.id == null) {
            tied.set(i, new Candidate(c.parent, c.passage, c.score, stored.document(c.parent, ID_FIELD).get(IndexFields.DOC_ID)));
          }
        }
        tied.sort(Comparator.comparing(Candidate::id));
      }
      start = end;
    }
    return sorted;
  }

  // ---- helpers

  private Query childFilter(Filter filter) {
    if (filter == null) {
      return passageType;
    }
    return new BooleanQuery.Builder().add(passageType, Occur.FILTER).add(filter.toQuery(), Occur.FILTER).build();
  }

  private int findParent(IndexSearcher searcher, String id) throws IOException {
    Query query = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(IndexFields.DOC_ID, id)), Occur.FILTER)
        .add(documentType, Occur.FILTER)
        .build();
    TopDocs top = searcher.search(query, 1);
    return top.scoreDocs.length == 0 ? -1 : top.scoreDocs[0].doc;
  }

  private List<float[]> passageVectors(IndexSearcher searcher, int parent) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(parent, leaves));
    int count = passageCount(searcher.storedFields().document(parent, PARENT_FIELDS));
    List<float[]> vectors = new ArrayList<>(count);
    for (int child = parent - count; child < parent; child++) {
      float[] v = vectorOf(leaf.reader(), child - leaf.docBase);
      if (v != null) {
        vectors.add(v);
      }
    }
    return vectors;
  }

  private int parentOf(LeafReaderContext leaf, int localChild) throws IOException {
    return leaf.docBase + parents.getBitSet(leaf).nextSetBit(localChild);
  }

  /** The full-precision vector of a passage, or null if it has none. */
  private static float[] vectorOf(LeafReader reader, int localDoc) throws IOException {
    FloatVectorValues values = reader.getFloatVectorValues(IndexFields.VECTOR);
    if (values == null) {
      return null;
    }
    KnnVectorValues.DocIndexIterator it = values.iterator();
    if (it.advance(localDoc) != localDoc) {
      return null;
    }
    return values.vectorValue(it.index()).clone();
  }

  private double cosine(float[] query, float[] v) {
    double dot = VectorUtil.dotProduct(query, v);
    if (metadata.similarity() == VectorSimilarityFunction.DOT_PRODUCT) {
      return dot;
    }
    return dot / Math.sqrt((double) VectorUtil.dotProduct(query, query) * VectorUtil.dotProduct(v, v));
  }

  /** Lucene's DOT_PRODUCT and COSINE scores are (1 + cos) / 2. */
  private static double fromLuceneScore(float score) {
    return 2.0 * score - 1.0;
  }

  private static int passageCount(Document parent) {
    var field = parent.getField(IndexFields.PASSAGE_COUNT);
    return field == null ? 1 : field.numericValue().intValue();
  }

  private static Map<String, Object> metadataOf(Document parent) {
    String json = parent.get(IndexFields.METADATA_JSON);
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException("stored metadata of document " + parent.get(IndexFields.DOC_ID) + " is not JSON", e);
    }
  }
}
