package io.semsearch.solr.bench;

import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.searcher.SearchHit;
import io.semsearch.searcher.SearchMode;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.solr.CollectionLayout;
import io.semsearch.solr.SolrCollection;
import io.semsearch.solr.SolrFeed;
import io.semsearch.solr.SolrSearchBackend;
import io.semsearch.solr.SolrServerProcess;
import io.semsearch.solr.SolrWrites;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The same corpus in the embedded index and in a two-node SolrCloud on this machine (2 shards x 2
 * replicas): dense search queries/s, p50/p99 latency and recall@10 against the embedded index's
 * exact search, one query at a time, query embeddings computed beforehand (so the figures are the
 * backends' own). Usage: {@code SolrBenchmark ROOT CORPUS QUERIES WORK [MODEL [QUERY_FILE]]}:
 * QUERIES made from the corpus (8 shuffled words of a random document), or the first QUERIES lines
 * of QUERY_FILE; MODEL as {@code --model} takes it (default: the default model). Recall@10 of each
 * backend's dense search is against its own exact search, and against the embedded index's.
 */
public final class SolrBenchmark {

  private SolrBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path corpus = Path.of(args[1]);
    int queryCount = Integer.parseInt(args[2]);
    Path work = Path.of(args[3]);
    SentenceEncoder encoder =
        args.length > 4 && !args[4].isEmpty()
            ? SentenceEncoders.open(args[4], EncoderOptions.defaults())
            : TestModels.defaultEncoder();
    List<String> texts = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(corpus)) {
      reader.forEachRemaining(r -> texts.add(((CorpusDocument) r).text()));
    }
    Random random = new Random(42);
    List<float[]> queries = new ArrayList<>();
    if (args.length > 5) {
      for (String line : Files.readAllLines(Path.of(args[5]))) {
        if (queries.size() < queryCount && !line.isBlank()) {
          queries.add(encoder.encodeQuery(line.strip()));
        }
      }
    }
    for (int i = queries.size(); i < queryCount; i++) {
      String text = texts.get(random.nextInt(texts.size()));
      String[] words = text.split("\\s+");
      // the first words of a random document, shuffled: near it, but not a copy
      List<String> some =
          new ArrayList<>(Arrays.asList(words).subList(0, Math.min(8, words.length)));
      java.util.Collections.shuffle(some, random);
      queries.add(encoder.encodeQuery(String.join(" ", some)));
    }
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (SolrServerProcess cluster =
        SolrServerProcess.start(root, 2, work.resolve("solr"), quiet, 180)) {
      Path index = work.resolve("index");
      long t0 = System.nanoTime();
      try (CorpusIndexer indexer = new CorpusIndexer(index, encoder, IndexSettings.defaults());
          CorpusReader reader = CorpusReader.open(corpus)) {
        indexer.index(reader, IndexProgress.NONE);
      }
      double localSeconds = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      IndexSummary fed;
      try (SolrCollection c = SolrCollection.connect(cluster.url(), "bench");
          CorpusReader reader = CorpusReader.open(corpus)) {
        SolrWrites writes =
            SolrWrites.open(c, encoder, IndexSettings.defaults(), CollectionLayout.DEFAULT);
        fed = new SolrFeed(c, writes, 256, 10_000, false).run(reader, IndexProgress.NONE);
      }
      double solrSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "corpus %s: %d documents, %d passages; build: embedded %.1f s, cluster feed %.1f s%n",
          corpus.getFileName(),
          fed.documentsIndexed(),
          fed.passagesIndexed(),
          localSeconds,
          solrSeconds);
      try (LuceneSearchBackend local = LuceneSearchBackend.openReadOnly(index, encoder);
          SolrSearchBackend solr =
              SolrSearchBackend.open(
                  SolrCollection.connect(cluster.url(), "bench"), encoder, null)) {
        List<Set<String>> exact = new ArrayList<>();
        List<Set<String>> solrExact = new ArrayList<>();
        int agree = 0;
        for (float[] q : queries) {
          exact.add(ids(local, q, SearchMode.EXACT));
          solrExact.add(ids(solr, q, SearchMode.EXACT));
          Set<String> both = new HashSet<>(solrExact.getLast());
          both.retainAll(exact.getLast());
          agree += both.size();
        }
        System.out.printf(
            Locale.ROOT,
            "%d queries (%s); exact top 10 of the cluster vs the embedded index: %.4f overlap%n",
            queries.size(),
            args.length > 5 ? args[5] : "from the corpus",
            (double) agree / (10.0 * queries.size()));
        System.out.println(
            "backend   mode   queries/s   p50 ms   p99 ms   recall@10 (own exact)   (embedded"
                + " exact)");
        for (int round = 0; round < 2; round++) { // the first round warms up
          for (SearchBackend b : List.of(local, solr)) {
            long[] nanos = new long[queries.size()];
            List<Set<String>> own = b == local ? exact : solrExact;
            int found = 0;
            int wanted = 0;
            int foundOwn = 0;
            int wantedOwn = 0;
            long start = System.nanoTime();
            for (int i = 0; i < queries.size(); i++) {
              long s = System.nanoTime();
              Set<String> hits = ids(b, queries.get(i), SearchMode.DENSE);
              nanos[i] = System.nanoTime() - s;
              wanted += exact.get(i).size();
              wantedOwn += own.get(i).size();
              Set<String> ownHits = new HashSet<>(hits);
              ownHits.retainAll(own.get(i));
              foundOwn += ownHits.size();
              hits.retainAll(exact.get(i));
              found += hits.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            if (round == 1) {
              System.out.printf(
                  Locale.ROOT,
                  "%-9s dense  %9.1f  %7.2f  %7.2f   %.4f   %.4f%n",
                  b == local ? "embedded" : "solr",
                  queries.size() / seconds,
                  nanos[nanos.length / 2] / 1e6,
                  nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
                  (double) foundOwn / wantedOwn,
                  (double) found / wanted);
            }
          }
        }
      }
    }
    encoder.close();
  }

  private static Set<String> ids(SearchBackend backend, float[] query, SearchMode mode)
      throws java.io.IOException {
    SearchRequest request = SearchRequest.of("bench").withMode(mode);
    Set<String> ids = new HashSet<>();
    for (SearchHit h : backend.search(request, query).hits()) {
      ids.add(h.id());
    }
    return ids;
  }
}
