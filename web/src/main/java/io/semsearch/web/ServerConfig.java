package io.semsearch.web;

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
 */
public record ServerConfig(
    String host, int port, String apiKey, Limits limits, int queryCacheSize, CrossSite crossSite) {

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
  }

  /**
   * 127.0.0.1:7070, no API key (read-only), default limits, a query cache of {@value
   * #DEFAULT_QUERY_CACHE_SIZE}, loopback Host names only and no CORS.
   */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "127.0.0.1",
        DEFAULT_PORT,
        null,
        Limits.defaults(),
        DEFAULT_QUERY_CACHE_SIZE,
        CrossSite.none());
  }

  /** A copy bound to another interface. */
  public ServerConfig withHost(String value) {
    return new ServerConfig(value, port, apiKey, limits, queryCacheSize, crossSite);
  }

  /** A copy on another port (0 = any free port). */
  public ServerConfig withPort(int value) {
    return new ServerConfig(host, value, apiKey, limits, queryCacheSize, crossSite);
  }

  /** A copy accepting writes with {@code value} (null disables writes). */
  public ServerConfig withApiKey(String value) {
    return new ServerConfig(host, port, value, limits, queryCacheSize, crossSite);
  }

  /** A copy with other limits. */
  public ServerConfig withLimits(Limits value) {
    return new ServerConfig(host, port, apiKey, value, queryCacheSize, crossSite);
  }

  /** A copy keeping {@code value} query embeddings (0: none). */
  public ServerConfig withQueryCacheSize(int value) {
    return new ServerConfig(host, port, apiKey, limits, value, crossSite);
  }

  /** A copy with other Host names and CORS origins. */
  public ServerConfig withCrossSite(CrossSite value) {
    return new ServerConfig(host, port, apiKey, limits, queryCacheSize, value);
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
   */
  public record Limits(int maxTexts, int maxTextChars, long maxBodyBytes, int maxDocumentChars) {

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
    }

    /**
     * 256 texts of up to 10,000 characters, 1 MiB bodies, documents of up to 500,000 characters.
     */
    public static Limits defaults() {
      return new Limits(256, 10_000, 1 << 20, 500_000);
    }

    /** A copy allowing {@code value} texts per request. */
    public Limits withMaxTexts(int value) {
      return new Limits(value, maxTextChars, maxBodyBytes, maxDocumentChars);
    }

    /** A copy allowing texts of {@code value} characters. */
    public Limits withMaxTextChars(int value) {
      return new Limits(maxTexts, value, maxBodyBytes, maxDocumentChars);
    }

    /** A copy allowing bodies of {@code value} bytes. */
    public Limits withMaxBodyBytes(long value) {
      return new Limits(maxTexts, maxTextChars, value, maxDocumentChars);
    }
  }
}
