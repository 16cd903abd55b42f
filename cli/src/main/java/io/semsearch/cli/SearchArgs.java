package io.semsearch.cli;

import io.semsearch.searcher.Fusion;
import io.semsearch.searcher.SearchMode;
import io.semsearch.searcher.SearchRequest;
import io.semsearch.searcher.filter.Filter;
import io.semsearch.searcher.filter.FilterParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options shared by the commands that search an index. */
final class SearchArgs {

  @Option(
      names = "--mode",
      defaultValue = "dense",
      paramLabel = "MODE",
      description = "dense, exact, lexical or hybrid (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--filter",
      paramLabel = "EXPR",
      description = {
        "Metadata filter, repeatable (all must pass): section:science, section:(a OR b), year:[2000"
            + " TO 2010], year:>=2000."
      })
  List<String> filters = new ArrayList<>();

  @Option(
      names = "--num-candidates",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "HNSW breadth per query (default: max("
              + SearchRequest.MIN_DEFAULT_CANDIDATES
              + ", 2 x (offset + k))).")
  int numCandidates;

  @Option(
      names = "--fusion",
      defaultValue = "rrf",
      paramLabel = "F",
      description = "Hybrid fusion: rrf or weighted (default: ${DEFAULT-VALUE}).")
  String fusion;

  @Option(
      names = "--rrf-k",
      defaultValue = "60",
      paramLabel = "K",
      description = "RRF rank constant (default: ${DEFAULT-VALUE}).")
  int rrfK;

  @Option(
      names = "--dense-weight",
      defaultValue = "0.5",
      paramLabel = "W",
      description = "Weighted fusion: share of the dense score (default: ${DEFAULT-VALUE}).")
  double denseWeight;

  Filter filter() {
    List<Filter> parsed = new ArrayList<>();
    for (String f : filters) {
      parsed.add(FilterParser.parse(f));
    }
    return Filter.allOf(parsed);
  }

  Fusion fusion() {
    return switch (fusion.toLowerCase(Locale.ROOT)) {
      case "rrf" -> Fusion.rrf(rrfK);
      case "weighted" -> Fusion.weighted(denseWeight);
      default ->
          throw new IllegalArgumentException(
              "unknown fusion '" + fusion + "': use rrf or weighted");
    };
  }

  /** A request for {@code query} with these options. */
  SearchRequest request(String query, int k) {
    return SearchRequest.of(query)
        .withK(k)
        .withMode(SearchMode.parse(mode))
        .withFilter(filter())
        .withNumCandidates(numCandidates)
        .withFusion(fusion());
  }
}
