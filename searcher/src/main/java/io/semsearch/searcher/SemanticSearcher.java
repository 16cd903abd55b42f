package io.semsearch.searcher;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexQueries;
import io.semsearch.index.IndexStats;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search engine of an embedded semsearch index, behind {@link LuceneSearchBackend}: query text
 * in, documents out, ranked by their best passage.
 *
 * <p>Strategy by {@link SearchMode}:
 *
 * <ol>
 *   <li>Dense: the query is embedded, then a {@link DiversifyingChildrenFloatKnnVectorQuery} walks
 *       the HNSW graph of passage vectors and keeps the best passage per document, with the
 *       metadata filter applied inside the graph search; when every document has one passage, a
 *       plain kNN query does the same with less bookkeeping ({@link SinglePassageSegments}). On
 *       full-precision indexes Lucene's scores are the cosines; on quantized ones the candidates,
 *       oversampled 3x, are rescored with the full-precision vectors. The best {@code offset + k}
 *       are kept.
 *   <li>Exact: every live passage vector passing the filter is compared with the query.
 *   <li>Lexical: BM25 over title and text of the documents passing the filter; the snippet is the
 *       passage holding the most query terms.
 *   <li>Hybrid: the dense and lexical rankings, each {@link SearchRequest#effectiveCandidates()}
 *       deep, fused by {@link RankFusion}.
 * </ol>
 *
 * <p>Ties are broken by document id. The searcher is safe for concurrent use; it sees commits made
 * to the index (by {@code ./semsearch index}, or an indexer in this process) within {@value
 * #REFRESH_MILLIS} ms, or at once after {@link #refresh()}. It does not own the encoder: the caller
 * closes both.
 */
public final class SemanticSearcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SemanticSearcher.class);

  /** How stale a search may be: the index is checked for new commits at most this often. */
  static final long REFRESH_MILLIS = 200;

  /** Passages of a document used as queries by {@link #similar}. */
  static final int MAX_SIMILAR_PASSAGES = 16;

  private final Path indexDir;

  /**
   * Documents and passages whose shown fields stay decompressed in memory: a passage is at most
   * max_seq_length tokens (a few KB of text), so about 20 MB at most.
   */
  private static final int HIT_CACHE_ENTRIES = 10_000;

  private final SentenceEncoder encoder;
  private final IndexMetadata metadata;
  private final Directory directory;
  private final SearcherManager manager;
  private final CandidateRanker ranker;
  private final HitBuilder hits;
  private volatile long lastRefreshNanos = System.nanoTime();

  /** The commit generation of the reader searched, as last seen by {@link #maybeRefresh()}. */
  private volatile long searchedGeneration;

  private SemanticSearcher(
      Path indexDir,
      SentenceEncoder encoder,
      IndexMetadata metadata,
      Directory directory,
      SearcherManager manager)
      throws IOException {
    this.indexDir = indexDir;
    this.encoder = encoder;
    this.metadata = metadata;
    this.directory = directory;
    this.manager = manager;
    this.ranker = new CandidateRanker(metadata, indexDir);
    this.hits = new HitBuilder(ranker, new HitDocumentCache(HIT_CACHE_ENTRIES));
    this.searchedGeneration = currentGeneration();
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
    IndexMetadata metadata = IndexDirectory.requireMetadata(indexDir);
    metadata.requireSameModel(encoder.model());
    String mismatch = metadata.precisionMismatch(encoder.model());
    if (mismatch != null) {
      LOG.warn("{}: {}", indexDir, mismatch);
    }
    Directory directory = FSDirectory.open(indexDir);
    try {
      SearcherManager manager = new SearcherManager(directory, null);
      SemanticSearcher searcher;
      try {
        searcher = new SemanticSearcher(indexDir, encoder, metadata, directory, manager);
      } catch (IOException | RuntimeException e) {
        manager.close();
        throw e;
      }
      LOG.info(
          "opened index {}: model {} ({}), {} similarity, HNSW M {} beam {}, quantization {}",
          indexDir,
          metadata.modelId(),
          metadata.precision().id(),
          metadata.similarity(),
          metadata.hnswM(),
          metadata.beamWidth(),
          metadata.quantization().label());
      return searcher;
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw new IOException(
          indexDir + ": can't open the index for searching (" + e.getMessage() + ")", e);
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

  /**
   * Runs {@code request}: embeds the query (except in lexical mode; with the model's query prompt,
   * if it has one) and searches.
   */
  public SearchResults search(SearchRequest request) throws IOException {
    long start = System.nanoTime();
    float[] vector =
        request.mode() == SearchMode.LEXICAL ? null : encoder.encodeQuery(request.query());
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
      throw new IllegalArgumentException(
          "query vector has dimension "
              + queryVector.length
              + ", the index "
              + metadata.dimension());
    }
    return run(request, queryVector, System.nanoTime());
  }

  private SearchResults run(SearchRequest request, float[] vector, long start) throws IOException {
    maybeRefresh();
    IndexSearcher searcher = manager.acquire();
    try {
      // facets count over the whole ranking: exact and lexical then rank as deep as dense does
      int depth = request.facetSize() > 0 ? request.effectiveCandidates() : request.window();
      List<Candidate> ranked =
          switch (request.mode()) {
            case DENSE ->
                ranker.dense(searcher, vector, request.effectiveCandidates(), request.filter());
            case EXACT -> ranker.exact(searcher, vector, depth, request.filter());
            case LEXICAL -> ranker.lexical(searcher, request.query(), depth, request.filter());
            case HYBRID -> ranker.hybrid(searcher, request, vector);
          };
      List<SearchHit> page =
          hits.page(
              searcher,
              ranked,
              request.offset(),
              request.k(),
              request.minScore(),
              request.query(),
              vector,
              request.passagesPerHit());
      Map<String, Map<String, Long>> facets =
          request.facetSize() == 0
              ? Map.of()
              : FacetCounter.count(
                  searcher,
                  ranked.stream().filter(c -> c.score() >= request.minScore()).toList(),
                  request.facetSize());
      return new SearchResults(page, request.mode(), (System.nanoTime() - start) / 1e6, facets);
    } catch (IndexSearcher.TooManyClauses e) {
      throw tooManyClauses(e);
    } finally {
      manager.release(searcher);
    }
  }

  /**
   * A filter (with the query's terms, in lexical and hybrid modes) over Lucene's limit on the
   * clauses of one search: bad input, said as such.
   */
  private static IllegalArgumentException tooManyClauses(IndexSearcher.TooManyClauses e) {
    return new IllegalArgumentException(
        "the filter has too many clauses: at most "
            + IndexSearcher.getMaxClauseCount()
            + " in one search, the query's terms included",
        e);
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
      int depth = SearchRequest.defaultCandidates(k + 1);
      for (float[] v : vectors.subList(0, Math.min(vectors.size(), MAX_SIMILAR_PASSAGES))) {
        for (Candidate c : ranker.dense(searcher, v, depth, filter)) {
          if (c.parent() != parent) {
            best.merge(c.parent(), c, (a, b) -> a.score() >= b.score() ? a : b);
          }
        }
      }
      List<Candidate> ranked = ranker.sortByScoreThenId(searcher, topOf(best.values(), k));
      List<SearchHit> page =
          hits.page(searcher, ranked, 0, k, Double.NEGATIVE_INFINITY, null, null, 1);
      return Optional.of(
          new SearchResults(page, SearchMode.DENSE, (System.nanoTime() - start) / 1e6));
    } catch (IndexSearcher.TooManyClauses e) {
      throw tooManyClauses(e);
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
      int count = HitBuilder.passageCount(doc);
      List<String> passages = new ArrayList<>(count);
      for (int child = parent - count; child < parent; child++) {
        passages.add(
            stored.document(child, HitBuilder.PASSAGE_FIELDS).get(IndexFields.PASSAGE_TEXT));
      }
      return Optional.of(
          new StoredDocument(
              id,
              doc.get(IndexFields.TITLE),
              doc.get(IndexFields.TEXT),
              HitBuilder.metadataOf(doc),
              passages));
    } finally {
      manager.release(searcher);
    }
  }

  /** Documents, passages, segments and size of the index as this searcher sees it now. */
  public IndexStats stats() throws IOException {
    maybeRefresh();
    IndexSearcher searcher = manager.acquire();
    try {
      return IndexStats.of(searcher, indexDir, metadata);
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
      Random random = new Random(seed);
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

  private static List<Candidate> topOf(Collection<Candidate> candidates, int n) {
    TopCandidates top = new TopCandidates(n);
    candidates.forEach(top::offer);
    return top.candidates();
  }

  /** Makes the last commit visible to the next search, waiting if another thread is refreshing. */
  public void refresh() throws IOException {
    manager.maybeRefreshBlocking();
    searchedGeneration = currentGeneration();
    lastRefreshNanos = System.nanoTime();
  }

  /**
   * At most every {@value #REFRESH_MILLIS} ms, looks for a newer commit. The check lists the folder
   * and compares the newest commit's generation with the one searched: reading and parsing the
   * commit file, as {@link SearcherManager#maybeRefresh()} does to find out, took about 3% of the
   * CPU of a one-thread dense search on a 50,000-document index (the check runs too rarely to be
   * compiled early). A new generation refreshes; if another thread was already refreshing, the next
   * check tries again.
   */
  private void maybeRefresh() throws IOException {
    long now = System.nanoTime();
    if (now - lastRefreshNanos > REFRESH_MILLIS * 1_000_000L) {
      lastRefreshNanos = now;
      if (SegmentInfos.getLastCommitGeneration(directory) != searchedGeneration) {
        manager.maybeRefresh();
        searchedGeneration = currentGeneration();
      }
    }
  }

  /** The commit generation of the reader searched now. */
  private long currentGeneration() throws IOException {
    IndexSearcher searcher = manager.acquire();
    try {
      return ((DirectoryReader) searcher.getIndexReader()).getIndexCommit().getGeneration();
    } finally {
      manager.release(searcher);
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

  private int findParent(IndexSearcher searcher, String id) throws IOException {
    TopDocs top = searcher.search(IndexQueries.documentById(id), 1);
    return top.scoreDocs.length == 0 ? -1 : top.scoreDocs[0].doc;
  }

  private List<float[]> passageVectors(IndexSearcher searcher, int parent) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(parent, leaves));
    int count =
        HitBuilder.passageCount(searcher.storedFields().document(parent, HitBuilder.PARENT_FIELDS));
    List<float[]> vectors = new ArrayList<>(count);
    for (int child = parent - count; child < parent; child++) {
      float[] v = vectorOf(leaf.reader(), child - leaf.docBase);
      if (v != null) {
        vectors.add(v);
      }
    }
    return vectors;
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
}
