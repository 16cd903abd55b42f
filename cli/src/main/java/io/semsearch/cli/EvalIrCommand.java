package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.searcher.RankFusion.ScoredId;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.searcher.SearchHit;
import io.semsearch.searcher.SearchMode;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.SearchResults;
import io.semsearch.searcher.eval.IrCutoffs;
import io.semsearch.searcher.eval.IrMetrics;
import io.semsearch.searcher.eval.IrReport;
import io.semsearch.searcher.eval.QrelsTsv;
import io.semsearch.searcher.eval.QueriesTsv;
import io.semsearch.searcher.eval.RunFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Retrieval quality of an index on judged queries. */
@Command(
    name = "ir",
    mixinStandardHelpOptions = true,
    description = {
      "Retrieval metrics of an index on judged queries, as sentence-transformers'"
          + " InformationRetrievalEvaluator computes them:",
      "MRR@10, nDCG@10, Accuracy@k, Precision/Recall@k, MAP@100. Queries: qid<TAB>text. Qrels:"
          + " qid<TAB>docid<TAB>relevance or TREC."
    })
final class EvalIrCommand implements Callable<Integer> {

  /** {@code --index DIR}, or {@code --solr URL --collection NAME}. */
  @Mixin IndexTarget target;

  @Option(
      names = "--queries",
      required = true,
      paramLabel = "TSV",
      description = "Queries: qid<TAB>text per line.")
  Path queries;

  @Option(
      names = "--qrels",
      required = true,
      paramLabel = "TSV",
      description = "Judgements: qid<TAB>docid<TAB>relevance (or TREC's 4 columns).")
  Path qrels;

  @Option(
      names = "--run",
      paramLabel = "FILE",
      description = "Also write the rankings as a TREC run file.")
  Path run;

  @Option(
      names = "--json",
      description = "Print the metrics as one JSON object (keys such as mrr@10).")
  boolean json;

  @Mixin SearchArgs search;

  @Mixin EncoderArgs encoder;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Map<String, String> queryTexts = QueriesTsv.read(queries);
    Map<String, Map<String, Integer>> judgements = QrelsTsv.read(qrels);
    IrCutoffs cutoffs = IrCutoffs.defaults();
    int depth = cutoffs.maxDepth();
    Map<String, List<String>> rankings = new LinkedHashMap<>();
    Map<String, List<ScoredId<String>>> scored = new LinkedHashMap<>();
    SearchMode mode;
    try (SentenceEncoder enc = target.openEncoder(encoder);
        SearchBackend backend = target.openReadOnly(enc)) {
      List<String> ids = new ArrayList<>(queryTexts.keySet());
      mode = SearchMode.parse(search.mode);
      float[][] vectors =
          mode == SearchMode.LEXICAL
              ? null
              : enc.encodeQueries(new ArrayList<>(queryTexts.values()));
      for (int i = 0; i < ids.size(); i++) {
        SearchRequest request = search.request(queryTexts.get(ids.get(i)), depth);
        SearchResults results =
            vectors == null ? backend.search(request) : backend.search(request, vectors[i]);
        rankings.put(ids.get(i), results.hits().stream().map(SearchHit::id).toList());
        scored.put(
            ids.get(i),
            results.hits().stream().map(h -> new ScoredId<>(h.id(), h.score())).toList());
      }
    }
    if (run != null) {
      RunFile.write(run, scored, "semsearch-" + mode.label());
    }
    IrReport report = IrMetrics.evaluate(rankings, judgements, cutoffs);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("queries", report.queries());
      node.put("mode", mode.label());
      report.metrics().forEach(node::put);
      out.println(node);
    } else {
      out.printf(
          Locale.ROOT,
          "%d queries, %s search on %s%n",
          report.queries(),
          mode.label(),
          target.location());
      report
          .metrics()
          .forEach((name, value) -> out.printf(Locale.ROOT, "%-14s %.4f%n", name, value));
    }
    out.flush();
    return 0;
  }
}
