package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.searcher.Reranker;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.searcher.SearchHit;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.SearchResponse;
import io.semsearch.searcher.SearchResults;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Searches an index from the command line. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description =
        "Finds the documents of an index closest to a query: dense (HNSW), exact, lexical (BM25) or"
            + " hybrid.")
final class SearchCommand implements Callable<Integer> {

  private static final int SNIPPET_CHARS = 240;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin IndexTarget target;

  @Option(
      names = {"-q", "--query"},
      required = true,
      paramLabel = "TEXT",
      description = "The query.")
  String query;

  @Option(
      names = "-k",
      defaultValue = "10",
      paramLabel = "K",
      description = "Hits to show (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--offset",
      defaultValue = "0",
      paramLabel = "N",
      description = "Hits to skip, for paging.")
  int offset;

  @Option(names = "--min-score", paramLabel = "S", description = "Drop hits scoring below S.")
  Double minScore;

  @Option(
      names = "--facets",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Also count the N most frequent values of each metadata field over the ranked documents.")
  int facets;

  @Option(
      names = "--json",
      description =
          "Print one JSON object, as the web API's /api/search answers:"
              + " {\"hits\":[{\"id\",\"score\",\"title\",\"snippet\",...}],\"took_ms\",\"mode\",...}.")
  boolean json;

  @Option(
      names = "--rerank-depth",
      defaultValue = "" + Reranker.DEFAULT_DEPTH,
      paramLabel = "N",
      description =
          "With --rerank: the passages rescored, up to 3 per document down the first stage's"
              + " ranking (default: ${DEFAULT-VALUE}).")
  int rerankDepth;

  @Mixin RerankArgs rerank;

  @Mixin SearchArgs search;

  @Mixin EncoderArgs encoder;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    SearchRequest request =
        search
            .request(query, k)
            .withOffset(offset)
            .withMinScore(minScore == null ? Double.NEGATIVE_INFINITY : minScore)
            .withFacets(facets);
    if (rerank.enabled()) {
      Reranker.checkDepth(rerankDepth); // bad options fail before the models load
    }
    SearchResults results;
    try (CrossEncoder crossEncoder = rerank.open(encoder);
        SentenceEncoder enc = target.openEncoder(encoder);
        SearchBackend backend = target.openReadOnly(enc)) {
      results =
          crossEncoder == null
              ? backend.search(request)
              : new Reranker(crossEncoder)
                  .search(request, rerankDepth, Cancellation.NONE, backend::search);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          JSON.writeValueAsString(SearchResponse.of(request, results, results.tookMillis())));
    } else {
      int rank = offset;
      for (SearchHit hit : results.hits()) {
        rank++;
        out.printf(
            Locale.ROOT,
            "%3d. %.4f  %s%s%s%s%n",
            rank,
            hit.score(),
            hit.id(),
            hit.title() == null ? "" : "  " + hit.title(),
            hit.firstStageScore() == null
                ? ""
                : String.format(Locale.ROOT, "  (first stage %.4f)", hit.firstStageScore()),
            hit.firstStagePassage() == null || hit.firstStagePassage() == hit.passage()
                ? ""
                : String.format(
                    Locale.ROOT,
                    "  (passage %d; first stage passage %d)",
                    hit.passage(),
                    hit.firstStagePassage()));
        out.printf(Locale.ROOT, "     %s%n", oneLine(hit.snippet()));
      }
      results
          .facets()
          .forEach((field, counts) -> out.printf(Locale.ROOT, "facet %s: %s%n", field, counts));
      out.printf(
          Locale.ROOT,
          "%d hit(s), %s search, %.1f ms%n",
          results.hits().size(),
          results.mode().label(),
          results.tookMillis());
    }
    out.flush();
    return 0;
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= SNIPPET_CHARS ? flat : flat.substring(0, SNIPPET_CHARS - 1) + "…";
  }
}
