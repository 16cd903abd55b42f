package io.semsearch.web;

import io.semsearch.indexer.IndexFields;
import io.semsearch.searcher.filter.Filter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Facet counts over the metadata fields: for the documents passing a filter, how many have each
 * value of each {@code meta.*} field, read from the sorted-set doc values the indexer writes.
 *
 * <p>The searcher facade has no facet API, so this opens its own read-only view of the index
 * (refreshed like the searcher's: at most every 200 ms, or at once after {@link #refresh()}).
 */
final class FacetCounter implements AutoCloseable {

  /** How stale the counts may be. */
  private static final long REFRESH_NANOS = 200_000_000L;

  private final Directory directory;
  private final SearcherManager manager;
  private final Query documents = new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC));
  private volatile long lastRefresh = System.nanoTime();

  FacetCounter(Path indexDir) throws IOException {
    this.directory = FSDirectory.open(indexDir);
    try {
      this.manager = new SearcherManager(directory, null);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** One value of a field and how many documents have it. */
  record Bucket(String value, long count) {}

  /** Makes the last commit visible now. */
  void refresh() throws IOException {
    manager.maybeRefreshBlocking();
    lastRefresh = System.nanoTime();
  }

  /**
   * Counts the values of {@code fields} (all metadata fields when empty) over the documents passing
   * {@code filter} (all when null), the {@code size} most frequent per field, ties by value.
   */
  Map<String, List<Bucket>> count(Filter filter, List<String> fields, int size) throws IOException {
    if (System.nanoTime() - lastRefresh > REFRESH_NANOS) {
      lastRefresh = System.nanoTime();
      manager.maybeRefresh();
    }
    IndexSearcher searcher = manager.acquire();
    try {
      List<String> names = fields.isEmpty() ? metadataFields(searcher) : fields;
      Query query = filter == null ? documents
          : new BooleanQuery.Builder().add(documents, Occur.FILTER).add(filter.toQuery(), Occur.FILTER).build();
      Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
      Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
      names.forEach(name -> counts.put(name, new HashMap<>()));
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        List<SortedSetDocValues> values = new ArrayList<>(names.size());
        List<long[]> ordinals = new ArrayList<>(names.size());
        for (String name : names) {
          SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), IndexFields.META_PREFIX + name);
          values.add(dv);
          ordinals.add(new long[(int) Math.min(dv.getValueCount(), Integer.MAX_VALUE)]);
        }
        var live = leaf.reader().getLiveDocs();
        DocIdSetIterator it = scorer.iterator();
        for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          for (int f = 0; f < values.size(); f++) {
            SortedSetDocValues dv = values.get(f);
            if (dv.advanceExact(doc)) {
              for (int i = 0; i < dv.docValueCount(); i++) {
                ordinals.get(f)[(int) dv.nextOrd()]++;
              }
            }
          }
        }
        for (int f = 0; f < names.size(); f++) {
          long[] perOrd = ordinals.get(f);
          Map<String, Long> fieldCounts = counts.get(names.get(f));
          for (int ord = 0; ord < perOrd.length; ord++) {
            if (perOrd[ord] > 0) {
              fieldCounts.merge(values.get(f).lookupOrd(ord).utf8ToString(), perOrd[ord], Long::sum);
            }
          }
        }
      }
      Map<String, List<Bucket>> result = new LinkedHashMap<>();
      counts.forEach((name, byValue) -> result.put(name, byValue.entrySet().stream()
          .map(e -> new Bucket(e.getKey(), e.getValue()))
          .sorted(Comparator.comparingLong(Bucket::count).reversed().thenComparing(Bucket::value))
          .limit(size)
          .toList()));
      return result;
    } finally {
      manager.release(searcher);
    }
  }

  /** The metadata field names present in the index, sorted. */
  private static List<String> metadataFields(IndexSearcher searcher) {
    TreeSet<String> names = new TreeSet<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      for (FieldInfo info : leaf.reader().getFieldInfos()) {
        if (info.name.startsWith(IndexFields.META_PREFIX)) {
          names.add(info.name.substring(IndexFields.META_PREFIX.length()));
        }
      }
    }
    return List.copyOf(names);
  }

  @Override
  public void close() throws IOException {
    try {
      manager.close();
    } finally {
      directory.close();
    }
  }
}
