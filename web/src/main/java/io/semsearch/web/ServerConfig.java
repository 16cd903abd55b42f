package io.semsearch.web;

import java.time.Duration;

/**
 * How a {@link SearchServer} listens and what it accepts.
 *
 * @param host interface to bind ({@code 127.0.0.1} by default: local only)
 * @param port TCP port; 0 picks a free one ({@link SearchServer#port()} tells which)
 * @param apiKey the key writes need ({@code Authorization: Bearer KEY}); null or blank disables
 *     writes (they answer 403)
 * @param limits what one request may ask for
 * @param queryCacheSize how many query embeddings to keep, so a repeated query (the next page, a
 *     shared link) is not embedded again; 0 disables the cache
 * @param crossSite which Host names and browser origins may reach the server
 * @param admission how many requests may run at once, and for how long
 */
public record ServerConfig(
    String host,
    int port,
    String apiKey,
    Limits limits,
    int queryCacheSize,
    CrossSite crossSite,
    Admission admission) {

  /** The default port. */
  public static final int DEFAULT_PORT = 7070;

  /** The default number of cached query embeddings (about 7 MB at 384 dimensions). */
  public static final int DEFAULT_QUERY_CACHE_SIZE = 4096;

  /** Validates the values. */
  public ServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got: " + port);
    }
    if (apiKey != null && apiKey.isBlank()) {
      apiKey = null;
    }
    if (limits == null) {
      throw new IllegalArgumentException("limits must not be null");
    }
    if (queryCacheSize < 0) {
      throw new IllegalArgumentException(
          "queryCacheSize must be at least 0, got: " + queryCacheSize);
    }
    if (crossSite == null) {
      throw new IllegalArgumentException("crossSite must not be null");
    }
    if (admission == null) {
      throw new IllegalArgumentException("admission must not be null");
    }
  }

  /**
   * 127.0.0.1:7070, no API key (read-only), default limits and admission, a query cache of {@value
   * #DEFAULT_QUERY_CACHE_SIZE}, loopback Host names only and no CORS.
   */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "127.0.0.1",
        DEFAULT_PORT,
        null,
        Limits.defaults(),
        DEFAULT_QUERY_CACHE_SIZE,
        CrossSite.none(),
        Admission.defaults());
  }

  /** A copy bound to another interface. */
  public ServerConfig withHost(String value) {
    return new ServerConfig(value, port, apiKey, limits, queryCacheSize, crossSite, admission);
  }

  /** A copy on another port (0 = any free port). */
  public ServerConfig withPort(int value) {
    return new ServerConfig(host, value, apiKey, limits, queryCacheSize, crossSite, admission);
  }

  /** A copy accepting writes with {@code value} (null disables writes). */
  public ServerConfig withApiKey(String value) {
    return new ServerConfig(host, port, value, limits, queryCacheSize, crossSite, admission);
  }

  /** A copy with other limits. */
  public ServerConfig withLimits(Limits value) {
    return new ServerConfig(host, port, apiKey, value, queryCacheSize, crossSite, admission);
  }

  /** A copy keeping {@code value} query embeddings (0: none). */
  public ServerConfig withQueryCacheSize(int value) {
    return new ServerConfig(host, port, apiKey, limits, value, crossSite, admission);
  }

  /** A copy with other Host names and CORS origins. */
  public ServerConfig withCrossSite(CrossSite value) {
    return new ServerConfig(host, port, apiKey, limits, queryCacheSize, value, admission);
  }

  /** A copy admitting requests as {@code value} says. */
  public ServerConfig withAdmission(Admission value) {
    return new ServerConfig(host, port, apiKey, limits, queryCacheSize, crossSite, value);
  }

  /** Whether writes are enabled. */
  public boolean writesEnabled() {
    return apiKey != null;
  }

  /**
   * What one request may ask for; larger requests answer 4xx naming the limit.
   *
   * @param maxTexts texts per embedding, similarity (per side) or paraphrase request, and documents
   *     per write
   * @param maxTextChars characters per text to embed or query
   * @param maxBodyBytes request body size (413 above)
   * @param maxDocumentChars characters of one document's text in a write
   * @param maxRequestChars characters of all the texts of one embedding, similarity or paraphrase
   *     request together (413 above): what bounds the request's inference time
   * @param maxPairs largest {@code max_pairs} of a paraphrase request, and its default: bounds the
   *     size of the answer
   */
  public record Limits(
      int maxTexts,
      int maxTextChars,
      long maxBodyBytes,
      int maxDocumentChars,
      int maxRequestChars,
      int maxPairs) {

    /** Validates the values. */
    public Limits {
      if (maxTexts < 1) {
        throw new IllegalArgumentException("maxTexts must be at least 1, got: " + maxTexts);
      }
      if (maxTextChars < 1) {
        throw new IllegalArgumentException("maxTextChars must be at least 1, got: " + maxTextChars);
      }
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException(
            "maxBodyBytes must be at least 1024, got: " + maxBodyBytes);
      }
      if (maxDocumentChars < 1) {
        throw new IllegalArgumentException(
            "maxDocumentChars must be at least 1, got: " + maxDocumentChars);
      }
      if (maxRequestChars < 1) {
        throw new IllegalArgumentException(
            "maxRequestChars must be at least 1, got: " + maxRequestChars);
      }
      if (maxPairs < 1) {
        throw new IllegalArgumentException("maxPairs must be at least 1, got: " + maxPairs);
      }
    }

    /**
     * 256 texts of up to 10,000 characters and 50,000 in all (a few seconds of inference on two
     * cores), 1 MiB bodies, documents of up to 500,000 characters, paraphrase answers of up to
     * 20,000 directed pairs.
     */
    public static Limits defaults() {
      return new Limits(256, 10_000, 1 << 20, 500_000, 50_000, 20_000);
    }

    /** A copy allowing {@code value} texts per request. */
    public Limits withMaxTexts(int value) {
      return new Limits(
          value, maxTextChars, maxBodyBytes, maxDocumentChars, maxRequestChars, maxPairs);
    }

    /** A copy allowing texts of {@code value} characters. */
    public Limits withMaxTextChars(int value) {
      return new Limits(maxTexts, value, maxBodyBytes, maxDocumentChars, maxRequestChars, maxPairs);
    }

    /** A copy allowing bodies of {@code value} bytes. */
    public Limits withMaxBodyBytes(long value) {
      return new Limits(maxTexts, maxTextChars, value, maxDocumentChars, maxRequestChars, maxPairs);
    }

    /** A copy allowing {@code value} characters of text per request. */
    public Limits withMaxRequestChars(int value) {
      return new Limits(maxTexts, maxTextChars, maxBodyBytes, maxDocumentChars, value, maxPairs);
    }

    /** A copy allowing {@code max_pairs} up to {@code value}. */
    public Limits withMaxPairs(int value) {
      return new Limits(
          maxTexts, maxTextChars, maxBodyBytes, maxDocumentChars, maxRequestChars, value);
    }
  }

  /**
   * How many requests run at once and for how long. Requests over a limit are refused at once with
   * 429 and {@code Retry-After} rather than queued: each running request holds memory and a place
   * in the encoder's queue, and a queue without bound only turns overload into timeouts for
   * everyone.
   *
   * @param maxSearchRequests searches and similar-document requests running at once; they embed one
   *     query each, ahead of bulk work
   * @param maxBulkRequests embedding, similarity and paraphrase requests running at once, together;
   *     each may keep the encoder's workers busy for seconds
   * @param maxWriteRequests writes ({@code POST} and {@code DELETE /api/documents}) admitted at
   *     once; they run one at a time, the others waiting for their turn
   * @param requestTimeout how long a search, bulk request or write may take; past it, its waiting
   *     work is dropped (a write's, rolled back) and it answers 503
   */
  public record Admission(
      int maxSearchRequests, int maxBulkRequests, int maxWriteRequests, Duration requestTimeout) {

    /** The default number of searches run at once. */
    public static final int DEFAULT_MAX_SEARCH_REQUESTS = 64;

    /** The default number of bulk requests run at once. */
    public static final int DEFAULT_MAX_BULK_REQUESTS = 2;

    /** The default number of writes admitted at once: one writing, one waiting. */
    public static final int DEFAULT_MAX_WRITE_REQUESTS = 2;

    /** The default request timeout in seconds. */
    public static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;

    /** Validates the values. */
    public Admission {
      if (maxSearchRequests < 1) {
        throw new IllegalArgumentException(
            "maxSearchRequests must be at least 1, got: " + maxSearchRequests);
      }
      if (maxBulkRequests < 1) {
        throw new IllegalArgumentException(
            "maxBulkRequests must be at least 1, got: " + maxBulkRequests);
      }
      if (maxWriteRequests < 1) {
        throw new IllegalArgumentException(
            "maxWriteRequests must be at least 1, got: " + maxWriteRequests);
      }
      if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException(
            "requestTimeout must be positive, got: " + requestTimeout);
      }
    }

    /**
     * 64 searches and 2 bulk requests at once (one per core of a small machine: a bulk request
     * alone can keep a worker busy), 2 writes (one writing, one waiting), 30 s per request.
     */
    public static Admission defaults() {
      return new Admission(
          DEFAULT_MAX_SEARCH_REQUESTS,
          DEFAULT_MAX_BULK_REQUESTS,
          DEFAULT_MAX_WRITE_REQUESTS,
          Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS));
    }

    /** A copy allowing {@code value} searches at once. */
    public Admission withMaxSearchRequests(int value) {
      return new Admission(value, maxBulkRequests, maxWriteRequests, requestTimeout);
    }

    /** A copy allowing {@code value} bulk requests at once. */
    public Admission withMaxBulkRequests(int value) {
      return new Admission(maxSearchRequests, value, maxWriteRequests, requestTimeout);
    }

    /** A copy admitting {@code value} writes at once. */
    public Admission withMaxWriteRequests(int value) {
      return new Admission(maxSearchRequests, maxBulkRequests, value, requestTimeout);
    }

    /** A copy giving each request {@code value}. */
    public Admission withRequestTimeout(Duration value) {
      return new Admission(maxSearchRequests, maxBulkRequests, maxWriteRequests, value);
    }
  }
}
