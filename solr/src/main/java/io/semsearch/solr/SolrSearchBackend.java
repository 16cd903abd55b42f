package io.semsearch.solr;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.VectorMath;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.WriteSummary;
import io.semsearch.searcher.BackendHealth;
import io.semsearch.searcher.BackendStats;
import io.semsearch.searcher.FacetCounts;
import io.semsearch.searcher.HitPassage;
import io.semsearch.searcher.RankFusion;
import io.semsearch.searcher.RankFusion.ScoredId;
import io.semsearch.searcher.ReadOnlyBackendException;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.searcher.SearchHit;
import io.semsearch.searcher.SearchMode;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.SearchResults;
import io.semsearch.searcher.StoredDocument;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A semsearch collection of a SolrCloud cluster as a {@link SearchBackend}: the web server and the
 * command line search it as they search the embedded index.
 *
 * <p>Strategy by {@link SearchMode}, over passages that are child documents of their document:
 *
 * <ol>
 *   <li>Dense: {@code {!knn}} over the passage vectors, the metadata filter as filter queries,
 *       which Solr applies as pre-filters inside the HNSW search; a {@code collapse} post-filter on
 *       the document id then keeps each document's best passage, so documents rank by their best
 *       passage. Each shard searches {@value #PASSAGE_OVERSAMPLING}x the candidates in passages, as
 *       a document may have several among them.
 *   <li>Exact: {@code vectorSimilarity} of every passage passing the filter, collapsed likewise.
 *   <li>Lexical: edismax over title and text of the documents (BM25, the terms' scores summed as
 *       the local index sums them); the snippet is the passage holding the most query terms.
 *   <li>Hybrid: both rankings fused by {@link RankFusion#fuse}, the code the local index uses.
 * </ol>
 *
 * <p>Vector scores are Solr's {@code (1 + cosine) / 2} mapped back to the cosine the local index
 * reports. Ties are broken by document id. When a request asks for several passages per hit ({@link
 * SearchRequest#passagesPerHit()}, as {@link io.semsearch.searcher.Reranker} does), the collapse
 * has kept only the best one, so each hit of a document with several passages costs one more query:
 * its passages (with their vectors in vector modes), ordered here as the local index orders them
 * (the snippet's first, then by the query vector's similarity, or without one by the distinct query
 * terms they hold). Facets are counted here over the ranked documents' stored metadata, with the
 * local index's semantics. Writes go to the {@link SolrWrites} the backend was opened with (none:
 * read-only). The backend owns the collection's client; the caller keeps the encoder.
 */
public final class SolrSearchBackend implements SearchBackend {

  private static final Logger LOG = LoggerFactory.getLogger(SolrSearchBackend.class);

  /** Passages searched per wanted document. */
  static final int PASSAGE_OVERSAMPLING = 2;

  /** Passages of a document used as queries by {@link #similar}, as the local index does. */
  static final int MAX_SIMILAR_PASSAGES = 16;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final Pattern NOT_A_WORD =
      Pattern.compile("[^\\p{L}\\p{N}]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Retrying READS = new Retrying(3, 100);

  /** A document in a ranking, with its best passage when known (-1: not known). */
  record Ranked(String id, double score, int passage, String passageText) {}

  private final SolrCollection collection;
  private final SentenceEncoder encoder;
  private final IndexMetadata build;
  private final SolrWrites writes;

  private SolrSearchBackend(
      SolrCollection collection, SentenceEncoder encoder, IndexMetadata build, SolrWrites writes) {
    this.collection = collection;
    this.encoder = encoder;
    this.build = build;
    this.writes = writes;
  }

  /**
   * Opens {@code collection} for searching with {@code encoder} and writing through {@code writes}
   * (null: read-only). The backend owns the collection from then on (closed with it, or at once
   * when opening fails).
   *
   * @throws IllegalArgumentException if the collection was built with another model, naming both
   * @throws IOException if the collection is missing or was not fed by semsearch, naming it
   */
  public static SolrSearchBackend open(
      SolrCollection collection, SentenceEncoder encoder, SolrWrites writes) throws IOException {
    try {
      if (!collection.exists()) {
        throw new IOException(collection.location() + ": no such collection");
      }
      IndexMetadata build = collection.build();
      if (build == null) {
        throw new IOException(
            collection.location()
                + ": not a semsearch collection (no build record); feed it first with"
                + " ./semsearch index --solr URL --collection NAME --input PATH");
      }
      build.requireSameModel(encoder.model());
      return new SolrSearchBackend(collection, encoder, build, writes);
    } catch (IOException | RuntimeException e) {
      try {
        collection.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public SearchResults search(SearchRequest request) throws IOException {
    long start = System.nanoTime();
    float[] vector =
        request.mode() == SearchMode.LEXICAL ? null : encoder.encodeQuery(request.query());
    return run(request, vector, start);
  }

  @Override
  public SearchResults search(SearchRequest request, float[] queryVector) throws IOException {
    if (queryVector.length != build.dimension()) {
      throw new IllegalArgumentException(
          "query vector has dimension " + queryVector.length + ", the index " + build.dimension());
    }
    return run(request, queryVector, System.nanoTime());
  }

  private SearchResults run(SearchRequest request, float[] vector, long start) throws IOException {
    int depth = request.facetSize() > 0 ? request.effectiveCandidates() : request.window();
    List<Ranked> ranked =
        switch (request.mode()) {
          case DENSE -> dense(vector, request.effectiveCandidates(), request.filter());
          case EXACT -> exact(vector, depth, request.filter());
          case LEXICAL -> lexical(request.query(), depth, request.filter());
          case HYBRID -> hybrid(request, vector);
        };
    List<Ranked> passing = ranked.stream().filter(r -> r.score() >= request.minScore()).toList();
    List<Ranked> page =
        passing.subList(
            Math.min(request.offset(), passing.size()), Math.min(request.window(), passing.size()));
    List<SearchHit> hits = hits(page, request.query(), vector, request.passagesPerHit());
    Map<String, Map<String, Long>> facets =
        request.facetSize() == 0 ? Map.of() : facets(passing, request.facetSize());
    return new SearchResults(hits, request.mode(), (System.nanoTime() - start) / 1e6, facets);
  }

  List<Ranked> dense(float[] vector, int candidates, Filter filter) throws IOException {
    return passages(
        "{!knn f="
            + IndexFields.VECTOR
            + " topK="
            + candidates * PASSAGE_OVERSAMPLING
            + "}"
            + literal(vector),
        candidates,
        filter);
  }

  List<Ranked> exact(float[] vector, int depth, Filter filter) throws IOException {
    return passages(
        "{!func}vectorSimilarity(FLOAT32,"
            + build.similarity().name()
            + ","
            + IndexFields.VECTOR
            + ","
            + literal(vector)
            + ")",
        depth,
        filter);
  }

  /** The best passage of each document matching {@code query}, best documents first. */
  private List<Ranked> passages(String query, int rows, Filter filter) throws IOException {
    SolrQuery q = new SolrQuery(query);
    q.addFilterQuery(SolrFields.passages());
    SolrFilters.of(filter).forEach(q::addFilterQuery);
    q.addFilterQuery("{!collapse field=" + IndexFields.DOC_ID + "}");
    q.setRows(rows);
    q.setFields(
        IndexFields.DOC_ID, IndexFields.PASSAGE_INDEX, IndexFields.PASSAGE_TEXT, SolrFields.SCORE);
    List<Ranked> out = new ArrayList<>();
    for (SolrDocument d : query(q)) {
      double score = ((Number) d.getFirstValue(SolrFields.SCORE)).doubleValue();
      out.add(
          new Ranked(
              (String) d.getFirstValue(IndexFields.DOC_ID),
              // Solr scores vectors (1 + similarity) / 2: back to the cosine
              2 * score - 1,
              ((Number) d.getFirstValue(IndexFields.PASSAGE_INDEX)).intValue(),
              (String) d.getFirstValue(IndexFields.PASSAGE_TEXT)));
    }
    return sorted(out);
  }

  List<Ranked> lexical(String text, int depth, Filter filter) throws IOException {
    List<String> terms = terms(text);
    if (terms.isEmpty()) {
      return List.of();
    }
    SolrQuery q =
        new SolrQuery(String.join(" ", terms.stream().map(ClientUtils::escapeQueryChars).toList()));
    q.set("defType", "edismax");
    q.set("qf", IndexFields.TITLE + " " + IndexFields.TEXT);
    // every term's best field and the other field summed, as the local index's BM25 sums them
    q.set("tie", "1.0");
    q.set("mm", "0");
    q.addFilterQuery(SolrFields.documents());
    SolrFilters.of(filter).forEach(q::addFilterQuery);
    q.setRows(depth);
    q.setFields(IndexFields.DOC_ID, SolrFields.SCORE);
    List<Ranked> out = new ArrayList<>();
    for (SolrDocument d : query(q)) {
      out.add(
          new Ranked(
              (String) d.getFirstValue(IndexFields.DOC_ID),
              ((Number) d.getFirstValue(SolrFields.SCORE)).doubleValue(),
              -1,
              null));
    }
    return sorted(out);
  }

  private List<Ranked> hybrid(SearchRequest request, float[] vector) throws IOException {
    int depth = request.effectiveCandidates();
    List<Ranked> dense = dense(vector, depth, request.filter());
    List<Ranked> lexical = lexical(request.query(), depth, request.filter());
    Map<String, Ranked> byId = new HashMap<>();
    List<ScoredId<String>> denseRanking = new ArrayList<>();
    List<ScoredId<String>> lexicalRanking = new ArrayList<>();
    for (Ranked r : dense) {
      denseRanking.add(new ScoredId<>(r.id(), r.score()));
      byId.put(r.id(), r);
    }
    for (Ranked r : lexical) {
      lexicalRanking.add(new ScoredId<>(r.id(), r.score()));
      byId.putIfAbsent(r.id(), r);
    }
    List<Ranked> fused = new ArrayList<>();
    for (ScoredId<String> s : RankFusion.fuse(request.fusion(), denseRanking, lexicalRanking)) {
      Ranked r = byId.get(s.id());
      fused.add(new Ranked(r.id(), s.score(), r.passage(), r.passageText()));
    }
    return fused;
  }

  private static List<Ranked> sorted(List<Ranked> ranked) {
    List<Ranked> out = new ArrayList<>(ranked);
    out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::id));
    return out;
  }

  /** The words of {@code text} in lower case, each once, as the text field's analyzer splits it. */
  static List<String> terms(String text) {
    Set<String> terms = new LinkedHashSet<>();
    for (String t : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (!t.isEmpty()) {
        terms.add(t);
      }
    }
    return List.copyOf(terms);
  }

  private List<SearchHit> hits(List<Ranked> page, String query, float[] vector, int passagesPerHit)
      throws IOException {
    Map<String, SolrDocument> parents = parents(page.stream().map(Ranked::id).toList(), true);
    List<SearchHit> hits = new ArrayList<>(page.size());
    for (Ranked r : page) {
      SolrDocument parent = parents.get(r.id());
      if (parent == null) {
        continue; // deleted between the ranking and this read
      }
      int count = passageCount(parent);
      String snippet = String.valueOf(parent.getFirstValue(IndexFields.TEXT)).strip();
      int index = 0;
      List<HitPassage> passages = List.of();
      if (count > 1) {
        if (r.passage() >= 0) {
          snippet = r.passageText();
          index = r.passage();
        } else {
          List<String> texts = passageTexts(r.id(), count);
          index = bestLexicalPassage(texts, query);
          snippet = texts.isEmpty() ? snippet : texts.get(index);
        }
        if (passagesPerHit > 1) {
          passages = bestPassages(r.id(), count, index, query, vector, passagesPerHit);
        }
      }
      hits.add(
          new SearchHit(
                  r.id(),
                  r.score(),
                  (String) parent.getFirstValue(IndexFields.TITLE),
                  snippet,
                  index,
                  metadataOf(parent))
              .withPassages(passages));
    }
    return hits;
  }

  /**
   * The best {@code n} passages of document {@code id}, best first: passage {@code snippet}, then
   * the others by their similarity with {@code vector}, or without one by the distinct query terms
   * they hold, ties by index. One query for the document's passages.
   */
  private List<HitPassage> bestPassages(
      String id, int count, int snippet, String query, float[] vector, int n) throws IOException {
    SolrDocumentList docs =
        vector == null
            ? passagesOf(id, count, IndexFields.PASSAGE_INDEX, IndexFields.PASSAGE_TEXT)
            : passagesOf(
                id, count, IndexFields.PASSAGE_INDEX, IndexFields.PASSAGE_TEXT, IndexFields.VECTOR);
    Set<String> wanted = query == null ? Set.of() : new LinkedHashSet<>(terms(query));
    List<HitPassage> first = new ArrayList<>(1);
    List<HitPassage> others = new ArrayList<>(docs.size());
    Map<HitPassage, Double> scores = new HashMap<>();
    for (SolrDocument d : docs) {
      HitPassage p =
          new HitPassage(
              ((Number) d.getFirstValue(IndexFields.PASSAGE_INDEX)).intValue(),
              (String) d.getFirstValue(IndexFields.PASSAGE_TEXT));
      if (p.index() == snippet) {
        first.add(p);
        continue;
      }
      double score;
      if (vector != null) {
        score = similarity(vector, vectorOf(d));
      } else {
        Set<String> found = new LinkedHashSet<>(terms(p.text()));
        found.retainAll(wanted);
        score = found.size();
      }
      scores.put(p, score);
      others.add(p);
    }
    // passages come in index order; the stable sort keeps it on ties
    others.sort(Comparator.comparingDouble((HitPassage p) -> scores.get(p)).reversed());
    first.addAll(others);
    return first.subList(0, Math.min(n, first.size()));
  }

  /** The query's score of a passage vector as the local index computes it. */
  private double similarity(float[] query, float[] passage) {
    return build.similarity() == VectorSimilarityFunction.DOT_PRODUCT
        ? VectorMath.dot(query, passage)
        : VectorMath.cosine(query, passage);
  }

  /** The passage holding the most distinct query terms, the first on ties. */
  private static int bestLexicalPassage(List<String> passages, String query) {
    if (passages.size() <= 1 || query == null) {
      return 0;
    }
    Set<String> wanted = new LinkedHashSet<>(terms(query));
    int best = 0;
    int bestMatches = -1;
    for (int i = 0; i < passages.size(); i++) {
      Set<String> found = new LinkedHashSet<>(terms(passages.get(i)));
      found.retainAll(wanted);
      if (found.size() > bestMatches) {
        bestMatches = found.size();
        best = i;
      }
    }
    return best;
  }

  private Map<String, Map<String, Long>> facets(List<Ranked> ranked, int size) throws IOException {
    Map<String, SolrDocument> parents = parents(ranked.stream().map(Ranked::id).toList(), false);
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (Ranked r : ranked) {
      SolrDocument parent = parents.get(r.id());
      if (parent == null) {
        continue;
      }
      metadataOf(parent)
          .forEach(
              (field, value) ->
                  counts
                      .computeIfAbsent(field, f -> new HashMap<>())
                      .merge(String.valueOf(value), 1L, Long::sum));
    }
    Map<String, Map<String, Long>> top = new TreeMap<>();
    counts.forEach((field, values) -> top.put(field, FacetCounts.top(values, size)));
    return top;
  }

  /** The parent documents of {@code ids} by id (real-time get), with their text when asked. */
  private Map<String, SolrDocument> parents(List<String> ids, boolean withText) throws IOException {
    Map<String, SolrDocument> out = new HashMap<>();
    ModifiableSolrParams fields = new ModifiableSolrParams();
    fields.set(
        "fl",
        IndexFields.DOC_ID
            + ","
            + IndexFields.TITLE
            + ","
            + IndexFields.PASSAGE_COUNT
            + ","
            + IndexFields.METADATA_JSON
            + (withText ? "," + IndexFields.TEXT : ""));
    List<String> keys = ids.stream().distinct().map(SolrFields::documentKey).toList();
    for (int from = 0; from < keys.size(); from += 500) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
      SolrDocumentList docs =
          READS.run(
              "reading documents from " + collection.location(),
              () -> collection.client().getById(collection.name(), chunk, fields));
      for (SolrDocument d : docs) {
        out.put((String) d.getFirstValue(IndexFields.DOC_ID), d);
      }
    }
    return out;
  }

  /** The passages of document {@code id} in order, with {@code fields}. */
  private SolrDocumentList passagesOf(String id, int rows, String... fields) throws IOException {
    SolrQuery q = new SolrQuery("*:*");
    q.addFilterQuery(SolrFields.passages());
    q.addFilterQuery("{!term f=" + IndexFields.DOC_ID + "}" + id);
    q.setSort(IndexFields.PASSAGE_INDEX, SolrQuery.ORDER.asc);
    q.setRows(rows);
    q.setFields(fields);
    return query(q);
  }

  private List<String> passageTexts(String id, int count) throws IOException {
    List<String> texts = new ArrayList<>(count);
    for (SolrDocument d : passagesOf(id, count, IndexFields.PASSAGE_TEXT)) {
      texts.add((String) d.getFirstValue(IndexFields.PASSAGE_TEXT));
    }
    return texts;
  }

  private static int passageCount(SolrDocument parent) {
    Object count = parent.getFirstValue(IndexFields.PASSAGE_COUNT);
    return count == null ? 1 : ((Number) count).intValue();
  }

  private static Map<String, Object> metadataOf(SolrDocument parent) {
    Object json = parent.getFirstValue(IndexFields.METADATA_JSON);
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue((String) json, MAP);
    } catch (IOException e) {
      throw new IllegalStateException(
          "stored metadata of document "
              + parent.getFirstValue(IndexFields.DOC_ID)
              + " is not JSON",
          e);
    }
  }

  private SolrDocumentList query(SolrQuery q) throws IOException {
    return READS
        .run(
            "searching " + collection.location(),
            () -> collection.client().query(collection.name(), q, SolrRequest.METHOD.POST))
        .getResults();
  }

  private static String literal(float[] vector) {
    StringBuilder s = new StringBuilder(vector.length * 12).append('[');
    for (int i = 0; i < vector.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(vector[i]);
    }
    return s.append(']').toString();
  }

  @Override
  public Optional<StoredDocument> document(String id) throws IOException {
    SolrDocument parent = parents(List.of(id), true).get(id);
    if (parent == null) {
      return Optional.empty();
    }
    return Optional.of(
        new StoredDocument(
            id,
            (String) parent.getFirstValue(IndexFields.TITLE),
            (String) parent.getFirstValue(IndexFields.TEXT),
            metadataOf(parent),
            passageTexts(id, passageCount(parent))));
  }

  @Override
  public Optional<SearchResults> similar(String id, int k, Filter filter) throws IOException {
    if (k < 1 || k > SearchRequest.MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + SearchRequest.MAX_K + ", got: " + k);
    }
    long start = System.nanoTime();
    SolrDocumentList passages = passagesOf(id, MAX_SIMILAR_PASSAGES, IndexFields.VECTOR);
    if (passages.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Ranked> best = new HashMap<>();
    int depth = SearchRequest.defaultCandidates(k + 1);
    for (SolrDocument p : passages) {
      for (Ranked r : dense(vectorOf(p), depth, filter)) {
        if (!r.id().equals(id)) {
          best.merge(r.id(), r, (a, b) -> a.score() >= b.score() ? a : b);
        }
      }
    }
    List<Ranked> ranked = sorted(new ArrayList<>(best.values()));
    List<SearchHit> hits = hits(ranked.subList(0, Math.min(k, ranked.size())), null, null, 1);
    return Optional.of(
        new SearchResults(hits, SearchMode.DENSE, (System.nanoTime() - start) / 1e6));
  }

  private static float[] vectorOf(SolrDocument passage) {
    return SolrVectors.vector(passage.getFieldValues(IndexFields.VECTOR));
  }

  @Override
  public BackendStats stats() throws IOException {
    return new BackendStats(
        collection.location(),
        count(SolrFields.documents()),
        count(SolrFields.passages()),
        shards(),
        sizeOnDisk(),
        BackendStats.Build.of(build));
  }

  /** The collection's bytes on disk, every replica counted; 0 while a node can't say. */
  private long sizeOnDisk() {
    try {
      return collection.sizeOnDisk();
    } catch (IOException e) {
      LOG.warn("size of {} unknown: {}", collection.location(), e.getMessage());
      return 0;
    }
  }

  private long count(String filter) throws IOException {
    SolrQuery q = new SolrQuery("*:*");
    q.addFilterQuery(filter);
    q.setRows(0);
    return query(q).getNumFound();
  }

  private int shards() {
    try {
      return collection
          .client()
          .getClusterState()
          .getCollection(collection.name())
          .getSlices()
          .size();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asks the cluster for the collection's document count once, without retries.
   */
  @Override
  public BackendHealth health() {
    try {
      SolrQuery q = new SolrQuery("*:*");
      q.setRows(0);
      collection.client().query(collection.name(), q);
    } catch (Exception e) {
      return BackendHealth.degraded(
          collection.location() + ": the cluster does not answer: " + e.getMessage());
    }
    return writes == null
        ? BackendHealth.OK
        : writes
            .writeFailure()
            .map(f -> BackendHealth.degraded(collection.location() + ": writes are failing: " + f))
            .orElse(BackendHealth.OK);
  }

  @Override
  public WriteSummary upsert(List<IndexDocument> documents) throws IOException {
    return writable().upsert(documents);
  }

  @Override
  public long delete(Collection<String> ids) throws IOException {
    return writable().delete(ids);
  }

  private SolrWrites writable() {
    if (writes == null) {
      throw new ReadOnlyBackendException(collection.location());
    }
    return writes;
  }

  /** Closes the collection's client. */
  @Override
  public void close() throws IOException {
    collection.close();
  }
}
