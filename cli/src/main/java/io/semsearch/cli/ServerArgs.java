package io.semsearch.cli;

import io.semsearch.web.CrossSite;
import io.semsearch.web.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the commands that run the web server. */
final class ServerArgs {

  /** Environment variable holding the API key, so it need not appear in the process list. */
  static final String API_KEY_ENV = "SEMSEARCH_API_KEY";

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "HOST",
      description =
          "Interface to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "7070",
      paramLabel = "PORT",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "Key that write requests must send (Authorization: Bearer KEY); default: $"
              + API_KEY_ENV
              + ", else writes are disabled.")
  String apiKey;

  @Option(
      names = "--query-cache",
      defaultValue = "" + ServerConfig.DEFAULT_QUERY_CACHE_SIZE,
      paramLabel = "N",
      description =
          "Query embeddings to keep, so a repeated query (next page, shared link) is not embedded"
              + " again; 0 for none (default: ${DEFAULT-VALUE}).")
  int queryCache;

  @Option(
      names = "--allowed-host",
      paramLabel = "NAME",
      description =
          "Host name (no port) accepted in the Host header besides localhost, 127.0.0.1 and"
              + " [::1], e.g. the name of a reverse proxy; repeatable. On a loopback address"
              + " other names are refused with 421 (DNS rebinding); elsewhere, once given, only"
              + " these and the loopback names are accepted.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      description =
          "Origin such as https://app.example.com whose pages may call the API from a browser"
              + " (CORS); repeatable. None by default: no other site may.")
  List<String> corsOrigins = new ArrayList<>();

  @Option(
      names = "--request-timeout",
      defaultValue = "" + ServerConfig.Admission.DEFAULT_REQUEST_TIMEOUT_SECONDS,
      paramLabel = "SECONDS",
      description =
          "Longest a search, bulk request or write may take; past it, its waiting work is dropped"
              + " (a write's, rolled back) and it answers 503 (default: ${DEFAULT-VALUE}).")
  double requestTimeout;

  @Option(
      names = "--max-bulk-requests",
      defaultValue = "" + ServerConfig.Admission.DEFAULT_MAX_BULK_REQUESTS,
      paramLabel = "N",
      description =
          "Embedding, similarity and paraphrase requests run at once; more answer 429"
              + " (default: ${DEFAULT-VALUE}).")
  int maxBulkRequests;

  @Option(
      names = "--max-write-requests",
      defaultValue = "" + ServerConfig.Admission.DEFAULT_MAX_WRITE_REQUESTS,
      paramLabel = "N",
      description =
          "Writes (POST and DELETE /api/documents) admitted at once: one writes, the others wait"
              + " for their turn; more answer 429 (default: ${DEFAULT-VALUE}).")
  int maxWriteRequests;

  @Option(
      names = "--max-search-requests",
      defaultValue = "" + ServerConfig.Admission.DEFAULT_MAX_SEARCH_REQUESTS,
      paramLabel = "N",
      description = "Searches run at once; more answer 429 (default: ${DEFAULT-VALUE}).")
  int maxSearchRequests;

  ServerConfig config() {
    if (queryCache < 0) {
      throw new IllegalArgumentException("--query-cache must be at least 0, got: " + queryCache);
    }
    if (!(requestTimeout >= 0.001 && requestTimeout <= 86_400)) {
      throw new IllegalArgumentException(
          "--request-timeout must be in 0.001..86400 seconds, got: " + requestTimeout);
    }
    if (maxBulkRequests < 1) {
      throw new IllegalArgumentException(
          "--max-bulk-requests must be at least 1, got: " + maxBulkRequests);
    }
    if (maxWriteRequests < 1) {
      throw new IllegalArgumentException(
          "--max-write-requests must be at least 1, got: " + maxWriteRequests);
    }
    if (maxSearchRequests < 1) {
      throw new IllegalArgumentException(
          "--max-search-requests must be at least 1, got: " + maxSearchRequests);
    }
    String key = apiKey != null ? apiKey : System.getenv(API_KEY_ENV);
    return ServerConfig.defaults()
        .withHost(host)
        .withPort(port)
        .withApiKey(key)
        .withQueryCacheSize(queryCache)
        .withCrossSite(crossSite())
        .withAdmission(
            new ServerConfig.Admission(
                maxSearchRequests,
                maxBulkRequests,
                maxWriteRequests,
                Duration.ofMillis(Math.round(requestTimeout * 1000))));
  }

  private CrossSite crossSite() {
    try {
      return new CrossSite(allowedHosts, corsOrigins);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (e.getMessage().startsWith("an allowed host") ? "--allowed-host: " : "--cors-origin: ")
              + e.getMessage(),
          e);
    }
  }
}
