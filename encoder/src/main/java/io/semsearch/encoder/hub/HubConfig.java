package io.semsearch.encoder.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Hugging Face hub is and where its downloads are cached, read from the same environment
 * variables as Python's {@code huggingface_hub}.
 *
 * <p>{@link #toString()} never shows the token.
 *
 * @param endpoint the hub's base URL, http or https, without a trailing slash ({@code HF_ENDPOINT})
 * @param hubCache the cache folder holding {@code models--org--name} folders ({@code HF_HUB_CACHE})
 * @param offline whether to use the cache only, never the network ({@code HF_HUB_OFFLINE})
 * @param token the access token sent as {@code Authorization: Bearer} to the endpoint ({@code
 *     HF_TOKEN})
 * @param timeout the connect timeout, and how long to wait for a response's headers ({@code
 *     HF_HUB_DOWNLOAD_TIMEOUT}, in seconds)
 */
public record HubConfig(
    URI endpoint, Path hubCache, boolean offline, Optional<String> token, Duration timeout) {

  /** The public hub. */
  public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

  /**
   * Connect and response timeout unless {@code HF_HUB_DOWNLOAD_TIMEOUT} says otherwise: 10 s, as in
   * huggingface_hub.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Checks every field, strips a trailing slash from the endpoint and drops a blank token. */
  public HubConfig {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(hubCache, "hubCache");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(timeout, "timeout");
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || endpoint.getHost() == null
        || endpoint.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "endpoint must be an http or https URL without a query, got: " + endpoint);
    }
    String text = endpoint.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    endpoint = URI.create(text);
    token = token.map(String::strip).filter(t -> !t.isEmpty());
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got: " + timeout);
    }
  }

  /** Reads the configuration from the process environment; see {@link #fromEnvironment(Map)}. */
  public static HubConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads the configuration from {@code env}, with huggingface_hub's defaults:
   *
   * <ul>
   *   <li>{@code HF_ENDPOINT}, default {@code https://huggingface.co};
   *   <li>{@code HF_HOME}, default {@code $XDG_CACHE_HOME/huggingface}, else {@code
   *       ~/.cache/huggingface};
   *   <li>{@code HF_HUB_CACHE}, default {@code $HF_HOME/hub};
   *   <li>{@code HF_HUB_OFFLINE}: {@code 1}, {@code true}, {@code yes} or {@code on} (any case) for
   *       offline; {@code 0}, {@code false}, {@code no}, {@code off} or empty for online;
   *   <li>{@code HF_TOKEN}, else the token file {@code huggingface-cli login} saves ({@code
   *       HF_TOKEN_PATH}, default {@code $HF_HOME/token}), else none;
   *   <li>{@code HF_HUB_DOWNLOAD_TIMEOUT} in seconds, default 10.
   * </ul>
   *
   * A leading {@code ~/} in a path stands for the user's home folder.
   *
   * @throws IllegalArgumentException if a variable has a value that can't be used; the message
   *     names the variable and the value (never the token's)
   */
  public static HubConfig fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    URI endpoint = DEFAULT_ENDPOINT;
    String endpointText = nonBlank(env, "HF_ENDPOINT");
    if (endpointText != null) {
      try {
        endpoint = URI.create(endpointText);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "HF_ENDPOINT must be a URL, got: '" + endpointText + "'", e);
      }
    }
    Path hfHome;
    String home = nonBlank(env, "HF_HOME");
    String xdg = nonBlank(env, "XDG_CACHE_HOME");
    if (home != null) {
      hfHome = expandHome(home);
    } else if (xdg != null) {
      hfHome = expandHome(xdg).resolve("huggingface");
    } else {
      hfHome = Path.of(System.getProperty("user.home"), ".cache", "huggingface");
    }
    String hubCacheText = nonBlank(env, "HF_HUB_CACHE");
    Path hubCache = hubCacheText != null ? expandHome(hubCacheText) : hfHome.resolve("hub");
    boolean offline = parseFlag("HF_HUB_OFFLINE", env.get("HF_HUB_OFFLINE"));
    Optional<String> token = Optional.ofNullable(env.get("HF_TOKEN"));
    if (token.filter(t -> !t.isBlank()).isEmpty()) {
      String tokenPath = nonBlank(env, "HF_TOKEN_PATH");
      token = readToken(tokenPath != null ? expandHome(tokenPath) : hfHome.resolve("token"));
    }
    Duration timeout = DEFAULT_TIMEOUT;
    String timeoutText = nonBlank(env, "HF_HUB_DOWNLOAD_TIMEOUT");
    if (timeoutText != null) {
      timeout = parseSeconds("HF_HUB_DOWNLOAD_TIMEOUT", timeoutText);
    }
    return new HubConfig(endpoint, hubCache, offline, token, timeout);
  }

  /** The token saved by {@code huggingface-cli login}, if that file exists and can be read. */
  private static Optional<String> readToken(Path file) {
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Returns this configuration with {@link #offline()} set to {@code value}. */
  public HubConfig withOffline(boolean value) {
    return new HubConfig(endpoint, hubCache, value, token, timeout);
  }

  /** Shows every field but the token, which appears as {@code ***} when set. */
  @Override
  public String toString() {
    return "HubConfig[endpoint="
        + endpoint
        + ", hubCache="
        + hubCache
        + ", offline="
        + offline
        + ", token="
        + (token.isPresent() ? "***" : "none")
        + ", timeout="
        + timeout
        + "]";
  }

  private static String nonBlank(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Path expandHome(String path) {
    if (path.equals("~")) {
      return Path.of(System.getProperty("user.home"));
    }
    if (path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), path.substring(2));
    }
    return Path.of(path);
  }

  static boolean parseFlag(String name, String value) {
    if (value == null) {
      return false;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      case "", "0", "false", "no", "off" -> false;
      default ->
          throw new IllegalArgumentException(
              name + " must be one of 1, true, yes, on, 0, false, no, off, got: '" + value + "'");
    };
  }

  private static Duration parseSeconds(String name, String value) {
    double seconds;
    try {
      seconds = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a number of seconds, got: '" + value + "'", e);
    }
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(
          name + " must be a positive number of seconds, got: '" + value + "'");
    }
    return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
  }
}
