package io.semsearch.web;

/**
 * The body of an error response for a path: {@link ApiError} for the semsearch API, OpenAI's shape
 * under {@code /v1/} so that OpenAI clients show the message. The application's exception mapping
 * and Jetty's own errors (malformed requests, shutdown) both render through here, so every error
 * the server sends has one of these two shapes.
 */
final class ErrorBodies {

  /** Where the OpenAI-compatible routes live. */
  static final String OPENAI_PREFIX = "/v1/";

  private ErrorBodies() {}

  /**
   * OpenAI's error body: {@code {"error":{"message","type","param","code"}}}.
   *
   * @param error what was wrong, its type ({@code invalid_request_error} for 4xx, {@code
   *     server_error} for 5xx), the request field at fault and a machine-readable code, the last
   *     two null when there is none
   */
  record OpenAiError(Detail error) {

    /** The error itself. */
    record Detail(String message, String type, String param, String code) {}
  }

  /**
   * The body for an error of {@code status} on {@code path}.
   *
   * @param param the request field at fault, or null (OpenAI's shape only)
   * @param code a machine-readable code such as {@code model_not_found}, or null (OpenAI's shape
   *     only)
   */
  static Object of(String path, int status, String message, String param, String code) {
    if (path != null && path.startsWith(OPENAI_PREFIX)) {
      String type = status >= 500 ? "server_error" : "invalid_request_error";
      return new OpenAiError(new OpenAiError.Detail(message, type, param, code));
    }
    return new ApiError(message, status);
  }
}
