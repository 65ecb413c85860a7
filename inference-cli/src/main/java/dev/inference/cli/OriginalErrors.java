package dev.inference.cli;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A failure as bitloops-inference 0.1.3 reports it on the protocol: its error code, its message and
 * its {@code details} ({@code crates/bitloops-inference/src/provider}), then this library's
 * additive details ({@code kind}, {@code retryable}, ...). The library's own message stays in
 * {@code details.description} where the original's wording replaces it. Details are serde_json
 * values: their keys in sorted order, as the original prints them.
 */
final class OriginalErrors {

  private OriginalErrors() {}

  /**
   * The error line for a failed {@code infer}.
   *
   * @param kind the driver's provider kind ({@code openai_chat_completions}, {@code ollama_chat}),
   *     which decides how an unusable 2xx body is described
   */
  static String line(String requestId, InferenceException failure, String kind) {
    String code = code(failure);
    String message = String.valueOf(failure.getMessage());
    Optional<JsonValue> original = Optional.empty();
    Optional<String> body = failure.responseBody();
    boolean ownWords = true;
    Map<String, JsonValue> details = new TreeMap<>();
    if (code.equals(Protocol.PROVIDER_HTTP_ERROR)) {
      int status = failure.httpStatus().getAsInt();
      message = "provider returned HTTP " + status;
      // the original leaves details out when the body is empty
      if (body.filter(text -> !text.isEmpty()).isPresent()) {
        original =
            Optional.of(
                JsonValue.object(
                    new TreeMap<>(
                        Map.of("status", JsonValue.of(status), "body", bodyValue(body.get())))));
      } else {
        details.put("status", JsonValue.of(status));
      }
    } else if (code.equals(Protocol.INVALID_PROVIDER_RESPONSE) && body.isPresent()) {
      try {
        Unusable unusable = unusable(SerdeJson.value(SerdeJson.read(body.get())), kind);
        message = unusable.message();
        original = Optional.of(unusable.details());
      } catch (SerdeJson.Failure notJson) {
        message =
            "failed to parse provider response body as JSON: Failed to read JSON: "
                + notJson.display();
      }
    } else if (code.equals(Protocol.INVALID_PROVIDER_RESPONSE)
        && failure.kind() == ErrorKind.MALFORMED_RESPONSE
        && failure.partialText().isPresent()) {
      message = "provider response did not contain a valid JSON object";
      original =
          Optional.of(JsonValue.object(Map.of("text", JsonValue.of(failure.partialText().get()))));
    } else {
      ownWords = false;
    }
    if (original.isPresent() && !(original.get() instanceof JsonValue.ObjectValue)) {
      // a body that is not an object is the whole of details: nothing can be added to it
      return Protocol.error(requestId, code, message, original);
    }
    original.ifPresent(o -> details.putAll(((JsonValue.ObjectValue) o).members()));
    // the additive details never replace one of the original's
    if (ownWords) {
      details.putIfAbsent("description", JsonValue.of(String.valueOf(failure.getMessage())));
    }
    details.putIfAbsent("kind", JsonValue.of(Protocol.kindName(failure.kind())));
    details.putIfAbsent("retryable", JsonValue.of(failure.isRetryable()));
    failure
        .retryAfter()
        .ifPresent(wait -> details.putIfAbsent("retry_after_ms", JsonValue.of(wait.toMillis())));
    failure.providerCode().ifPresent(c -> details.putIfAbsent("provider_code", JsonValue.of(c)));
    failure
        .partialText()
        .ifPresent(text -> details.putIfAbsent("partial_text", JsonValue.of(text)));
    return Protocol.error(requestId, code, message, Optional.of(JsonValue.object(details)));
  }

  /** The bitloops-inference error code of a failure. */
  static String code(InferenceException failure) {
    if (failure.httpStatus().isPresent()) {
      int status = failure.httpStatus().getAsInt();
      if (status < 200 || status > 299) {
        return Protocol.PROVIDER_HTTP_ERROR;
      }
      // a 2xx the driver could not use: the original's invalid_provider_response, whatever the
      // library's kind (an error object in a 200 is INVALID_REQUEST or the like there)
      return Protocol.INVALID_PROVIDER_RESPONSE;
    }
    return switch (failure.kind()) {
      case TIMEOUT -> Protocol.PROVIDER_TIMEOUT;
      case TRANSPORT, UNAVAILABLE, CIRCUIT_OPEN, CANCELLED -> Protocol.PROVIDER_TRANSPORT_ERROR;
      case INVALID_REQUEST, UNSUPPORTED -> Protocol.INVALID_REQUEST;
      default -> Protocol.INVALID_PROVIDER_RESPONSE;
    };
  }

  private record Unusable(String message, JsonValue details) {}

  /** Why the original's driver could not use a 2xx JSON body, and what it showed of it. */
  private static Unusable unusable(JsonValue body, String kind) {
    if (kind.equals("ollama_chat")) {
      return new Unusable("provider response did not contain message.content", body);
    }
    Optional<JsonValue> choice =
        body.get("choices")
            .filter(JsonValue.ArrayValue.class::isInstance)
            .map(choices -> ((JsonValue.ArrayValue) choices).elements())
            .filter(items -> !items.isEmpty())
            .map(items -> items.get(0));
    if (choice.isEmpty()) {
      return new Unusable("provider response did not contain choices[0]", body);
    }
    return new Unusable(
        "provider response did not contain assistant message content", choice.get());
  }

  /**
   * The body as the original shows it: its JSON value as serde_json reads it (keys sorted, a later
   * duplicate winning), else the raw string.
   */
  private static JsonValue bodyValue(String body) {
    try {
      return SerdeJson.value(SerdeJson.read(body));
    } catch (SerdeJson.Failure notJson) {
      return JsonValue.of(body);
    }
  }
}
