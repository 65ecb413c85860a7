package dev.inference.kit;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns provider failures (a non-2xx response, or an error payload inside a 2xx body or a stream)
 * into {@link InferenceException}s.
 *
 * <p>Every error shape of {@code reference/wire-formats.md} is read: the OpenAI envelope {@code
 * {"error":{"message","type","param","code"}}} with {@code code} a string, an integer or null
 * (vLLM, llama.cpp, OpenRouter, Ollama {@code /v1}); Mistral's and old vLLM's top-level {@code
 * {"object":"error","message","type","code"}}; Ollama's and LM Studio's {@code {"error":"..."}};
 * Gemini's {@code [{"error":{...}}]}; and {@code {"message"}} or {@code {"detail"}} from proxies. A
 * body that is not JSON (an HTML error page) is quoted as a short snippet.
 *
 * <p>Provider codes outrank the HTTP status where they are more precise ({@code
 * context_length_exceeded}, {@code insufficient_quota}, {@code model_not_found}, ...). Every text
 * that came from the provider passes through the {@link Redactor}; request headers never reach a
 * message.
 *
 * @since 0.2
 */
public final class ErrorMapper {

  private static final int SNIPPET_CHARS = 200;
  private static final int MESSAGE_CHARS = 600;
  private static final int BODY_CHARS = 64 * 1024;

  private ErrorMapper() {}

  /**
   * Maps a non-2xx HTTP response.
   *
   * @param status the HTTP status
   * @param header the first value of a response header by lower-case name
   * @param body the raw body; may be empty, HTML, or JSON of any provider's shape
   * @param providerName the provider, for the message and {@link InferenceException#providerName()}
   * @param redactor hides secrets the server may echo
   * @param clock for an HTTP-date {@code retry-after}
   * @return the exception, never {@code null}
   */
  public static InferenceException fromHttp(
      int status,
      Function<String, Optional<String>> header,
      byte[] body,
      String providerName,
      Redactor redactor,
      Clock clock) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(providerName, "providerName");
    Objects.requireNonNull(redactor, "redactor");
    Objects.requireNonNull(clock, "clock");
    String text = new String(body, StandardCharsets.UTF_8);
    Details details = Details.fromBody(text, header.apply("content-type"));
    Optional<Duration> retryAfter = RetryAfter.parse(header, clock);
    Optional<Boolean> shouldRetry =
        header
            .apply("x-should-retry")
            .map(value -> value.strip().toLowerCase(Locale.ROOT))
            .filter(value -> value.equals("true") || value.equals("false"))
            .map(Boolean::parseBoolean);
    InferenceException mapped =
        build(status, true, details, providerName, redactor, retryAfter, shouldRetry);
    if (text.isEmpty()) {
      return mapped;
    }
    return mapped.toBuilder().responseBody(keptBody(text, redactor)).build();
  }

  /**
   * What an exception keeps of a response body ({@link
   * dev.inference.InferenceException#responseBody()}): its first 64 Ki characters, redacted.
   *
   * @param text the body as text
   * @param redactor the client's redactor
   * @return the kept text
   */
  public static String keptBody(String text, Redactor redactor) {
    return redactor.redact(text.length() > BODY_CHARS ? text.substring(0, BODY_CHARS) : text);
  }

  /**
   * Maps an error payload found inside a 2xx body or a stream chunk.
   *
   * @param body the whole top-level value, which has an {@code "error"} member (object or string)
   *     or {@code "object":"error"}
   * @param status the HTTP error status, or {@code 0} when there was none (mid-stream, HTTP 200);
   *     with {@code 0}, an integer {@code error.code} from 400 to 599 is used as the status
   * @param providerName the provider
   * @param redactor hides secrets the server may echo
   * @return the exception, never {@code null}
   */
  public static InferenceException fromPayload(
      JsonValue body, int status, String providerName, Redactor redactor) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(providerName, "providerName");
    Objects.requireNonNull(redactor, "redactor");
    Details details = Details.fromJson(body);
    boolean viaHttp = status >= 400;
    int effective = status;
    if (!viaHttp && details.numericCode >= 400 && details.numericCode <= 599) {
      effective = details.numericCode;
    }
    return build(
        effective, viaHttp, details, providerName, redactor, Optional.empty(), Optional.empty());
  }

  /**
   * Whether a top-level JSON value is an error payload: an object with a non-empty {@code "error"}
   * member (object or string), or with {@code "object":"error"}. Check this on every body and chunk
   * before mapping it to a response.
   *
   * @param body a parsed body or chunk
   * @return {@code true} for an error payload
   */
  public static boolean isErrorPayload(JsonValue body) {
    Objects.requireNonNull(body, "body");
    if (!(body instanceof JsonValue.ObjectValue)) {
      return false;
    }
    Optional<JsonValue> error = body.get("error");
    if (error.isPresent()) {
      JsonValue value = error.get();
      if (value instanceof JsonValue.ObjectValue object && !object.members().isEmpty()) {
        return true;
      }
      if (value instanceof JsonValue.StringValue string && !string.value().isBlank()) {
        return true;
      }
    }
    return body.get("object").flatMap(JsonValue::asString).filter("error"::equals).isPresent();
  }

  private static InferenceException build(
      int status,
      boolean viaHttp,
      Details details,
      String providerName,
      Redactor redactor,
      Optional<Duration> retryAfter,
      Optional<Boolean> shouldRetry) {
    Classification classification = classify(status, details);
    ErrorKind kind = classification.kind;
    boolean retryable = shouldRetry.orElse(kind.isTransient());

    StringBuilder message = new StringBuilder(providerName);
    if (viaHttp) {
      message.append(" returned HTTP ").append(status);
    } else {
      message.append(" sent an error in its response");
    }
    String code = details.providerCode();
    if (code != null) {
      message.append(" (").append(oneLine(redactor.redact(code), 100)).append(')');
    }
    if (details.message != null && !details.message.isBlank()) {
      String text = oneLine(redactor.redact(details.message), MESSAGE_CHARS);
      message.append(": ").append(text);
      if (!text.endsWith(".") && !text.endsWith("!") && !text.endsWith("?")) {
        message.append('.');
      }
    } else if (details.snippet != null) {
      message.append(details.snippetLabel()).append(": ");
      message.append(oneLine(redactor.redact(details.snippet), SNIPPET_CHARS)).append('.');
    } else if (details.emptyBody) {
      message.append(" with an empty body.");
    } else {
      message.append('.');
    }
    message.append(' ').append(advice(kind, classification.endpointMissing, retryAfter, retryable));

    InferenceException.Builder builder =
        InferenceException.builder(kind, redactor.redact(message.toString()))
            .retryable(retryable)
            .providerName(providerName);
    if (status >= 100 && status <= 599) {
      builder.httpStatus(status);
    }
    if (code != null) {
      builder.providerCode(redactor.redact(code));
    }
    retryAfter.ifPresent(builder::retryAfter);
    if (kind == ErrorKind.TIMEOUT) {
      builder.timeoutPhase(InferenceException.TimeoutPhase.TOTAL);
    }
    return builder.build();
  }

  private record Classification(ErrorKind kind, boolean endpointMissing) {
    static Classification of(ErrorKind kind) {
      return new Classification(kind, false);
    }
  }

  private static Classification classify(int status, Details details) {
    String code = lower(details.code);
    String type = lower(details.type);
    String message = lower(details.message != null ? details.message : details.snippet);

    if (either(code, type, "context_length_exceeded")
        || type.equals("exceed_context_size_error")
        || mentionsContextLength(message)) {
      return Classification.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    }
    if (either(code, type, "insufficient_quota")) {
      return Classification.of(ErrorKind.QUOTA_EXCEEDED);
    }
    if (either(code, type, "model_not_found")) {
      return Classification.of(ErrorKind.MODEL_NOT_FOUND);
    }
    if (code.equals("invalid_api_key")) {
      return Classification.of(ErrorKind.AUTHENTICATION);
    }
    if (either(code, type, "content_filter") || either(code, type, "content_policy_violation")) {
      return Classification.of(ErrorKind.CONTENT_FILTERED);
    }
    if (message.startsWith("unexpected endpoint")) {
      // LM Studio answers an unknown path with HTTP 200 and this message.
      return new Classification(ErrorKind.INVALID_REQUEST, true);
    }
    if (either(code, type, "overloaded_error")) {
      // Anthropic's HTTP 529, and its mid-stream error event
      return Classification.of(ErrorKind.UNAVAILABLE);
    }
    if (either(code, type, "no_responders")) {
      // the Bitloops gateway has no backend listening for the model right now
      return Classification.of(ErrorKind.UNAVAILABLE);
    }
    if (status >= 400) {
      return byStatus(status, message);
    }
    if (status >= 300 && status < 400) {
      return new Classification(ErrorKind.INVALID_REQUEST, true);
    }
    return byType(type.isEmpty() ? code : type, message);
  }

  private static Classification byStatus(int status, String message) {
    return switch (status) {
      case 401 -> Classification.of(ErrorKind.AUTHENTICATION);
      case 402 -> Classification.of(ErrorKind.QUOTA_EXCEEDED);
      case 403 -> Classification.of(ErrorKind.PERMISSION_DENIED);
      case 404 ->
          mentionsModel(message)
              ? Classification.of(ErrorKind.MODEL_NOT_FOUND)
              : new Classification(ErrorKind.INVALID_REQUEST, true);
      case 408 -> Classification.of(ErrorKind.TIMEOUT);
      case 409 -> Classification.of(ErrorKind.UNAVAILABLE);
      case 429 -> Classification.of(ErrorKind.RATE_LIMITED);
      case 499 -> Classification.of(ErrorKind.CANCELLED);
      case 503, 504, 529 -> Classification.of(ErrorKind.UNAVAILABLE); // 529: Anthropic overloaded
      default ->
          Classification.of(status >= 500 ? ErrorKind.SERVER_ERROR : ErrorKind.INVALID_REQUEST);
    };
  }

  /** With no HTTP status: the llama.cpp, vLLM and OpenAI type names. */
  private static Classification byType(String type, String message) {
    return switch (type) {
      case "invalid_request_error",
          "badrequesterror",
          "unsupported_parameter",
          "unsupported_value" ->
          Classification.of(ErrorKind.INVALID_REQUEST);
      case "authentication_error", "unauthorized" -> Classification.of(ErrorKind.AUTHENTICATION);
      case "permission_error", "permission_denied" ->
          Classification.of(ErrorKind.PERMISSION_DENIED);
      case "not_found_error", "notfounderror" ->
          mentionsModel(message)
              ? Classification.of(ErrorKind.MODEL_NOT_FOUND)
              : new Classification(ErrorKind.INVALID_REQUEST, true);
      case "rate_limit_exceeded", "rate_limit_error", "requests", "tokens" ->
          Classification.of(ErrorKind.RATE_LIMITED);
      case "unavailable_error", "overloaded_error", "serviceunavailableerror" ->
          Classification.of(ErrorKind.UNAVAILABLE);
      case "not_supported_error", "notimplementederror" -> Classification.of(ErrorKind.UNSUPPORTED);
      default ->
          mentionsModel(message)
              ? Classification.of(ErrorKind.MODEL_NOT_FOUND)
              : Classification.of(ErrorKind.SERVER_ERROR);
    };
  }

  private static boolean either(String code, String type, String wanted) {
    return code.equals(wanted) || type.equals(wanted);
  }

  private static boolean mentionsContextLength(String message) {
    return message.contains("maximum context length")
        || message.contains("context_length_exceeded")
        || message.startsWith("prompt is too long") // Anthropic
        || (message.contains("context length") && message.contains("exceed"))
        || (message.contains("context size") && message.contains("exceed"));
  }

  /**
   * "model 'x' not found", "The model `x` does not exist", "unknown model x", "No endpoints found
   * for x", Anthropic's "model: x". "unknown" and "no such" count only next to "model": a runner
   * failure such as Ollama's "error while running the model: CUDA error: unknown error" is not a
   * missing model.
   */
  private static boolean mentionsModel(String message) {
    return (message.contains("model")
            && (message.contains("not found") || message.contains("does not exist")))
        || message.contains("no such model")
        || message.contains("unknown model")
        || message.contains("no endpoints found")
        || message.startsWith("model: "); // Anthropic's not_found_error names only the model
  }

  private static String advice(
      ErrorKind kind, boolean endpointMissing, Optional<Duration> retryAfter, boolean retryable) {
    if (endpointMissing) {
      return "Check the base_url: the server has no such endpoint.";
    }
    if (retryable && retryAfter.isPresent()) {
      return "Retry after " + format(retryAfter.get()) + ".";
    }
    return switch (kind) {
      case AUTHENTICATION -> "Check the API key.";
      case PERMISSION_DENIED -> "Check that the API key may use this model and endpoint.";
      case MODEL_NOT_FOUND -> "Check the model name, or install the model on the server.";
      case INVALID_REQUEST -> "Check the request parameters; retrying will not help.";
      case CONTEXT_LENGTH_EXCEEDED -> "Shorten the prompt or lower max_output_tokens.";
      case CONTENT_FILTERED -> "The provider's content filter refused it; change the prompt.";
      case RATE_LIMITED -> "Retry later or lower the request rate.";
      case QUOTA_EXCEEDED ->
          "Add credit or raise the quota of the provider account; retrying will not help.";
      case SERVER_ERROR -> "The provider failed; retry later.";
      case UNAVAILABLE -> "The provider is busy or not ready; retry later.";
      case TIMEOUT -> "The provider timed out; retry, or raise the timeout.";
      case CANCELLED -> "The provider reports the request as cancelled.";
      case UNSUPPORTED -> "The provider does not support this request.";
      default -> "Retrying will not help.";
    };
  }

  /**
   * A short one-line quote of a body for a message: redacted first, then cut.
   *
   * @param body the body's bytes, decoded as UTF-8
   * @param redactor removes secrets
   * @return the quote, at most a couple of hundred characters
   */
  public static String snippet(byte[] body, Redactor redactor) {
    return snippet(
        new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8), redactor);
  }

  /**
   * A short one-line quote of a text for a message: redacted first, then cut.
   *
   * @param text the text
   * @param redactor removes secrets
   * @return the quote, at most a couple of hundred characters
   */
  public static String snippet(String text, Redactor redactor) {
    String quoted = oneLine(redactor.redact(text), SNIPPET_CHARS);
    return quoted.isEmpty() ? "(empty)" : quoted;
  }

  /** {@code 120ms}, {@code 2s}, {@code 1.5s}. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    BigDecimal seconds = BigDecimal.valueOf(millis, 3).stripTrailingZeros();
    return seconds.toPlainString() + "s";
  }

  /** Whitespace runs become one space; longer texts are cut with "...". */
  static String oneLine(String text, int maxChars) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() <= maxChars; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    if (out.length() <= maxChars) {
      return out.toString();
    }
    int cut = maxChars - 3;
    if (Character.isHighSurrogate(out.charAt(cut - 1))) {
      cut--;
    }
    return out.substring(0, cut) + "...";
  }

  private static String lower(@Nullable String text) {
    return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
  }

  /** What could be read from an error body. */
  private static final class Details {
    @Nullable String message;
    @Nullable String code;
    @Nullable String type;
    int numericCode;
    @Nullable String snippet;
    @Nullable String contentType;
    boolean emptyBody;

    static Details fromBody(String text, Optional<String> contentType) {
      String stripped = text.strip();
      if (stripped.startsWith("{") || stripped.startsWith("[") || stripped.startsWith("\"")) {
        try {
          Details details = fromJson(Json.parse(stripped));
          details.contentType = contentType.orElse(null);
          return details;
        } catch (IllegalArgumentException notJson) {
          // quoted below as a snippet
        }
      }
      Details details = new Details();
      details.contentType = contentType.orElse(null);
      if (stripped.isEmpty()) {
        details.emptyBody = true;
      } else {
        details.snippet = text;
      }
      return details;
    }

    static Details fromJson(JsonValue body) {
      Details details = new Details();
      JsonValue root =
          body instanceof JsonValue.ArrayValue array
                  && !array.elements().isEmpty()
                  && array.elements().get(0) instanceof JsonValue.ObjectValue first
              ? first // Gemini's OpenAI layer: [{"error":{...}}]
              : body;
      if (root instanceof JsonValue.StringValue string) {
        details.message = string.value();
        return details;
      }
      Optional<JsonValue> error = root.get("error");
      JsonValue source =
          error.isPresent() && error.get() instanceof JsonValue.ObjectValue object ? object : root;
      if (error.isPresent() && error.get() instanceof JsonValue.StringValue string) {
        details.message = string.value();
      }
      if (details.message == null) {
        details.message =
            text(source, "message")
                .or(() -> text(root, "message"))
                .or(() -> text(root, "detail"))
                .or(() -> text(source, "msg"))
                .orElse(null);
      }
      details.type = text(source, "type").orElse(null);
      Optional<JsonValue> code = source.get("code");
      if (code.isPresent() && code.get() instanceof JsonValue.StringValue string) {
        details.code = string.value().isBlank() ? null : string.value();
      } else if (code.isPresent() && code.get() instanceof JsonValue.NumberValue number) {
        BigDecimal value = number.value();
        details.code = value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
        try {
          details.numericCode = value.intValueExact();
        } catch (ArithmeticException notAnInt) {
          // keep it as text only
        }
      }
      if (details.message == null && details.code == null && details.type == null) {
        details.snippet = body.toJson();
      }
      return details;
    }

    private static Optional<String> text(JsonValue object, String name) {
      return object.get(name).flatMap(JsonValue::asString).filter(value -> !value.isBlank());
    }

    @Nullable String providerCode() {
      return code != null ? code : (type == null || type.isBlank() ? null : type);
    }

    String snippetLabel() {
      return contentType == null ? "" : " (content-type " + contentType + ")";
    }
  }

  /**
   * The failure inside the wrappers of {@code CompletableFuture} ({@code CompletionException},
   * {@code ExecutionException}).
   *
   * @param failure the failure, or {@code null}
   * @return the innermost such cause, or {@code null} for {@code null}
   */
  public static @Nullable Throwable unwrap(@Nullable Throwable failure) {
    if (failure == null) {
      return null;
    }
    Throwable cause = failure;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
