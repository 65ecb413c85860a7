package dev.inference.stub;

import static dev.inference.stub.Wire.q;

import org.jspecify.annotations.Nullable;

/**
 * The error body of each dialect, as its real server sends it before any byte of an answer:
 * OpenAI's {@code {"error":{"message","type","param","code"}}}, Ollama's {@code
 * {"error":"<message>"}}, Anthropic's {@code {"type":"error","error":{"type","message"}}} and
 * inferd's {@code {"code","message"}}.
 */
final class ErrorBodies {

  private ErrorBodies() {}

  /** The body of an error of this status, with the type and code the real API sends for it. */
  static String of(Dialect dialect, int status, String message, String requestId) {
    return switch (dialect) {
      case OPENAI -> openAi(status, message, openAiParam(status), openAiCode(status));
      case OLLAMA -> ollama(message);
      case ANTHROPIC -> AnthropicWire.error(AnthropicWire.errorType(status), message, requestId);
      case INFERD -> InferdWire.errorBody(InferdWire.codeOf(status), message);
    };
  }

  /** The body of a request to a route the server does not serve, answered with a 404. */
  static String unknownRoute(Dialect dialect, String method, String path, String requestId) {
    return switch (dialect) {
      // the API's own words for a path it does not know
      case OPENAI -> openAi(404, "Invalid URL (" + method + " " + path + ")", null, null);
      case ANTHROPIC ->
          AnthropicWire.error(
              "not_found_error", "the stub has no route for " + method + " " + path, requestId);
      // Ollama's router answers a path it does not know with this text, not JSON
      case OLLAMA, INFERD -> "404 page not found";
    };
  }

  /** {@code {"error":{"message","type","param","code"}}}, {@code param} and {@code code} null. */
  static String openAi(int status, String message, @Nullable String param, @Nullable String code) {
    return "{\"error\":{\"message\":"
        + q(message)
        + ",\"type\":"
        + q(openAiType(status))
        + ",\"param\":"
        + (param == null ? "null" : q(param))
        + ",\"code\":"
        + (code == null ? "null" : q(code))
        + "}}";
  }

  /** {@code {"error":"<message>"}}. */
  static String ollama(String message) {
    return "{\"error\":" + q(message) + "}";
  }

  /** The {@code error.type} OpenAI sends with a status. */
  static String openAiType(int status) {
    return switch (status) {
      case 429 -> "requests";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  private static @Nullable String openAiCode(int status) {
    return switch (status) {
      case 401 -> "invalid_api_key";
      case 404 -> "model_not_found";
      case 429 -> "rate_limit_exceeded";
      default -> null;
    };
  }

  private static @Nullable String openAiParam(int status) {
    return status == 404 ? "model" : null;
  }
}
