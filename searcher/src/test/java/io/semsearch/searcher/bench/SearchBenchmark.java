package io.semsearch.searcher.bench;

import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.Quantization;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.searcher.SearchHit;
import io.semsearch.searcher.SearchMode;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.eval.AnnEvaluator;
import io.semsearch.searcher.eval.AnnEvaluator.AnnReport;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.search.TopDocs;

/**
 * Recall@10 against queries/s of HNSW search, through semsearch's own search path (passage blocks,
 * rescoring, stored fields; filters off), for several index settings, against exact search.
 *
 * <p>Vectors: real all-MiniLM-L6-v2 embeddings of the given sentences, and (to reach N without
 * embedding N texts on a 2-core machine) normalized mixtures {@code a + w b + noise} of two of
 * them, which keep the embeddings' anisotropy. Queries are further mixtures, not in the index. With
 * n {@code real}, no mixtures: the last {@code queries} sentences are the queries and the others
 * the documents, one passage each, stored with their text and a metadata field. Each index is
 * force-merged to one segment, unless its config names a segment count ({@code none:16:100:6}:
 * commits every n/6 documents and no merge, as {@code ./semsearch index} leaves a large corpus).
 *
 * <p>Next to each one-thread row, queries per CPU-second of the searching thread, in alternating
 * rounds: semsearch's dense search, and on the same index a plain Lucene kNN query and Lucene's
 * block-join kNN query ({@link PlainLuceneKnn}), with the baselines' recall@10 against the same
 * exact ranking.
 *
 * <pre>
 * main(sentencesFile, n|real, queries, configs "none:16:100,int8:16:100", numCandidates "10,20,40", threads "1,2", workDir)
 * </pre>
 */
public final class SearchBenchmark {

  /** Alternating timed rounds of each search path, per CPU-second figure. */
  private static final int CPU_ROUNDS = 3;

  private SearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> sentences = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    boolean real = args[1].equals("real");
    int queryCount = Integer.parseInt(args[2]);
    String[] configs = args[3].split(",");
    int[] candidates = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
    int[] threads = Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
    Path work = Path.of(args[6]);

    long t0 = System.nanoTime();
    float[][] base =
        embedCached(
            sentences,
            Path.of(args.length > 7 ? args[7] : "searcher/target/bench-sentences.vectors"));
    System.out.printf(
        Locale.ROOT,
        "embedded (or read) %d sentences in %.1f s; %d documents, %d queries, dimension %d%n",
        base.length,
        (System.nanoTime() - t0) / 1e9,
        real ? base.length - queryCount : Integer.parseInt(args[1]),
        queryCount,
        base[0].length);
    float[][] docs;
    List<float[]> queries;
    List<String> texts;
    if (real) {
      texts = sentences.subList(0, base.length - queryCount);
      docs = Arrays.copyOfRange(base, 0, base.length - queryCount);
      queries = Arrays.asList(Arrays.copyOfRange(base, base.length - queryCount, base.length));
    } else {
      docs = mixtures(base, Integer.parseInt(args[1]), new Random(1));
      queries = Arrays.asList(mixtures(base, queryCount, new Random(2)));
      texts = null;
    }
    int n = docs.length;

    System.out.println(
        "config            build_s  num_cand threads recall@10  hnsw_q/s  exact_q/s"
            + " | per CPU-second, 1 thread: semsearch_q/s plain_q/s join_q/s"
            + " plain_recall join_recall");
    for (String config : configs) {
      String[] parts = config.split(":");
      int segments = parts.length > 3 ? Integer.parseInt(parts[3]) : 1;
      IndexSettings settings =
          IndexSettings.defaults()
              .withQuantization(Quantization.parse(parts[0]))
              .withHnsw(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]))
              .withCommitEvery(segments == 1 ? Integer.MAX_VALUE : (n + segments - 1) / segments)
              .withMerging(1, segments == 1);
      Path index = work.resolve(config.replace(':', '-'));
      TableEncoder encoder = new TableEncoder(docs, texts);
      long start = System.nanoTime();
      IndexSummary summary;
      try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, settings)) {
        summary = indexer.index(documents(n, texts), IndexProgress.NONE);
      }
      double build = (System.nanoTime() - start) / 1e9;
      try (SearchBackend searcher = LuceneSearchBackend.openReadOnly(index, encoder)) {
        for (int c : candidates) {
          for (int t : threads) {
            AnnReport r = AnnEvaluator.evaluate(searcher, queries, 10, c, t, null);
            String plain = t == 1 ? cpuRounds(searcher, index, queries, c) : "";
            System.out.printf(
                Locale.ROOT,
                "%-17s %7.1f  %8d %7d %9.4f %9.0f %10.1f%s%n",
                config,
                build,
                r.numCandidates(),
                t,
                r.recall(),
                r.denseQps(),
                r.exactQps(),
                plain);
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  (%s: %d documents indexed, HNSW %.1f s, commit/merge %.1f s, %.1f MB)%n",
          config,
          summary.documentsIndexed(),
          summary.writeSeconds(),
          summary.commitSeconds(),
          summary.indexBytes() / 1e6);
    }
  }

  @FunctionalInterface
  private interface Round {
    void run() throws IOException;
  }

  /** Seconds of this thread's CPU time that {@code round} takes. */
  private static double cpuSeconds(Round round) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    round.run();
    return (threads.getCurrentThreadCpuTime() - start) / 1e9;
  }

  /**
   * Queries per CPU-second of the searching thread (other engineers' jobs share this machine's
   * cores; CPU time is what they disturb least) of semsearch's dense search, a plain Lucene kNN
   * query and Lucene's block-join kNN query, in alternating rounds after a warm-up, best round of
   * each; then the two baselines' recall@10 against the exact ranking.
   */
  private static String cpuRounds(
      SearchBackend searcher, Path index, List<float[]> queries, int numCandidates)
      throws IOException {
    SearchRequest dense = SearchRequest.of("dense").withNumCandidates(numCandidates);
    List<List<String>> truth = exactIds(searcher, queries);
    try (PlainLuceneKnn lucene = new PlainLuceneKnn(index)) {
      List<float[]> warm = queries.subList(0, Math.min(queries.size(), 200));
      for (int i = 0; i < 3; i++) {
        lucene.search(warm, 10, numCandidates, false);
        lucene.search(warm, 10, numCandidates, true);
      }
      double semsearch = 0;
      double plain = 0;
      double join = 0;
      List<List<TopDocs>> last = new ArrayList<>(List.of(List.of(), List.of()));
      for (int round = 0; round < CPU_ROUNDS; round++) {
        semsearch =
            Math.max(
                semsearch,
                queries.size()
                    / cpuSeconds(
                        () -> {
                          for (float[] q : queries) {
                            searcher.search(dense, q);
                          }
                        }));
        plain =
            Math.max(
                plain,
                queries.size()
                    / cpuSeconds(
                        () -> last.set(0, lucene.search(queries, 10, numCandidates, false))));
        join =
            Math.max(
                join,
                queries.size()
                    / cpuSeconds(
                        () -> last.set(1, lucene.search(queries, 10, numCandidates, true))));
      }
      return String.format(
          Locale.ROOT,
          " | %13.0f %9.0f %8.0f %12.4f %11.4f",
          semsearch,
          plain,
          join,
          meanRecall(truth, lucene.ids(last.get(0))),
          meanRecall(truth, lucene.ids(last.get(1))));
    }
  }

  private static List<List<String>> exactIds(SearchBackend searcher, List<float[]> queries)
      throws IOException {
    SearchRequest exact = SearchRequest.of("exact").withMode(SearchMode.EXACT);
    List<List<String>> ids = new ArrayList<>(queries.size());
    for (float[] q : queries) {
      ids.add(searcher.search(exact, q).hits().stream().map(SearchHit::id).toList());
    }
    return ids;
  }

  private static double meanRecall(List<List<String>> truth, List<List<String>> found) {
    double sum = 0;
    for (int i = 0; i < truth.size(); i++) {
      sum += AnnEvaluator.recall(truth.get(i), found.get(i));
    }
    return sum / truth.size();
  }

  /** The sentences' embeddings, from {@code cache} when it holds those of the same sentences. */
  private static float[][] embedCached(List<String> sentences, Path cache) throws IOException {
    int key = sentences.hashCode();
    if (Files.exists(cache)) {
      try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
        if (in.readInt() == key && in.readInt() == sentences.size()) {
          int dim = in.readInt();
          float[][] vectors = new float[sentences.size()][dim];
          for (float[] v : vectors) {
            for (int d = 0; d < dim; d++) {
              v[d] = in.readFloat();
            }
          }
          return vectors;
        }
      }
    }
    float[][] vectors = TestModels.defaultEncoder().encode(sentences);
    Files.createDirectories(cache.toAbsolutePath().getParent());
    try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache)))) {
      out.writeInt(key);
      out.writeInt(vectors.length);
      out.writeInt(vectors[0].length);
      for (float[] v : vectors) {
        for (float x : v) {
          out.writeFloat(x);
        }
      }
    }
    return vectors;
  }

  /** Unit vectors {@code a + w b + noise} over random pairs of rows of {@code base}. */
  static float[][] mixtures(float[][] base, int count, Random random) {
    int dim = base[0].length;
    float[][] out = new float[count][dim];
    for (int i = 0; i < count; i++) {
      float[] a = base[random.nextInt(base.length)];
      float[] b = base[random.nextInt(base.length)];
      double w = random.nextDouble() * 0.7;
      double norm = 0;
      for (int d = 0; d < dim; d++) {
        double x = a[d] + w * b[d] + 0.02 * random.nextGaussian();
        out[i][d] = (float) x;
        norm += x * x;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int d = 0; d < dim; d++) {
        out[i][d] *= inv;
      }
    }
    return out;
  }

  /**
   * Documents {@code d<i>}: with {@code texts}, text i and a metadata field (real stored fields);
   * else the text {@code v<i>} only.
   */
  private static Iterator<CorpusRecord> documents(int n, List<String> texts) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public CorpusRecord next() {
        int i = next++;
        return texts == null
            ? new CorpusDocument("d" + i, null, "v" + i, Map.of(), "bench:" + i)
            : new CorpusDocument(
                "d" + i, null, texts.get(i), Map.of("section", "s" + i % 20), "bench:" + i);
      }
    };
  }

  /**
   * Serves precomputed vectors: text i of {@code texts} (or, without texts, the text {@code v<i>})
   * embeds as row i.
   */
  private static final class TableEncoder implements SentenceEncoder {
    private final float[][] table;
    private final Map<String, Integer> rows = new HashMap<>();

    TableEncoder(float[][] table, List<String> texts) {
      this.table = table;
      for (int i = 0; i < table.length; i++) {
        rows.put(texts == null ? "v" + i : texts.get(i), i);
      }
    }

    @Override
    public float[][] encode(List<String> texts) {
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = table[rows.get(texts.get(i))];
      }
      return out;
    }

    @Override
    public int dimension() {
      return table[0].length;
    }

    @Override
    public boolean normalizes() {
      return true;
    }

    @Override
    public int maxSeqLength() {
      return 256;
    }

    @Override
    public int countTokens(String text) {
      return 3;
    }

    @Override
    public ModelInfo model() {
      return new ModelInfo("bench/mixtures", "mixtures", table[0].length, 256, true);
    }

    @Override
    public void close() {}
  }
}
