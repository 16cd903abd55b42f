package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.searcher.BackendStats;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.eval.AnnEvaluator;
import io.semsearch.searcher.eval.AnnEvaluator.AnnReport;
import io.semsearch.searcher.eval.QueriesTsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Recall and speed of HNSW search against exact search. */
@Command(
    name = "ann",
    mixinStandardHelpOptions = true,
    description = {
      "Recall@k of HNSW (dense) search against exact search, and queries/s of both, through"
          + " semsearch's search path.",
      "Queries: the lines of --queries (qid<TAB>text, embedded first) or --sample N stored passage"
          + " vectors."
    })
final class EvalAnnCommand implements Callable<Integer> {

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder.")
  Path index;

  @Option(
      names = "--queries",
      paramLabel = "TSV",
      description = "Queries file: qid<TAB>text per line.")
  Path queries;

  @Option(
      names = "--sample",
      defaultValue = "1000",
      paramLabel = "N",
      description =
          "Stored passage vectors used as queries when --queries is not given (default:"
              + " ${DEFAULT-VALUE}).")
  int sample;

  @Option(
      names = "-k",
      defaultValue = "10",
      paramLabel = "K",
      description = "Hits per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--num-candidates",
      split = ",",
      paramLabel = "N",
      description = "HNSW breadths to measure, comma-separated (default: the search default).")
  List<Integer> numCandidates = new ArrayList<>(List.of(0));

  @Option(
      names = "--query-threads",
      split = ",",
      paramLabel = "T",
      description = "Query threads to measure, comma-separated (default: 1).")
  List<Integer> threads = new ArrayList<>(List.of(1));

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of --sample (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object per measurement.")
  boolean json;

  @Mixin EncoderArgs encoder;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (SentenceEncoder enc = encoder.openForIndex(index);
        LuceneSearchBackend backend = LuceneSearchBackend.openReadOnly(index, enc)) {
      List<float[]> vectors;
      if (queries != null) {
        List<String> texts = new ArrayList<>(QueriesTsv.read(queries).values());
        vectors = List.of(enc.encodeQueries(texts));
      } else {
        vectors = backend.samplePassageVectors(sample, seed);
      }
      if (!json) {
        BackendStats.Build build = backend.stats().build();
        out.printf(
            Locale.ROOT,
            "%d queries, k %d, index %s (M %d, beam %d, quantization %s)%n",
            vectors.size(),
            k,
            index,
            build.hnswM(),
            build.beamWidth(),
            build.quantization());
        out.printf(
            Locale.ROOT,
            "%-15s %-8s %-10s %-12s %-12s%n",
            "num_candidates",
            "threads",
            "recall@" + k,
            "hnsw q/s",
            "exact q/s");
      }
      for (int candidates : numCandidates) {
        for (int t : threads) {
          AnnReport r = AnnEvaluator.evaluate(backend, vectors, k, candidates, t, null);
          if (json) {
            ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("queries", r.queries());
            node.put("k", r.k());
            node.put("num_candidates", r.numCandidates());
            node.put("threads", r.threads());
            node.put("recall@" + k, r.recall());
            node.put("hnsw_qps", r.denseQps());
            node.put("exact_qps", r.exactQps());
            out.println(node);
          } else {
            out.printf(
                Locale.ROOT,
                "%-15d %-8d %-10.4f %-12.1f %-12.1f%n",
                r.numCandidates(),
                r.threads(),
                r.recall(),
                r.denseQps(),
                r.exactQps());
          }
          out.flush();
        }
      }
    }
    return 0;
  }
}
