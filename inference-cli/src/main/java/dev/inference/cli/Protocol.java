package dev.inference.cli;

import dev.inference.Capabilities;
import dev.inference.ErrorKind;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.ResponseFormat;
import dev.inference.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bitloops-inference stdio protocol v1: the request decoder and the response encoders. Field
 * order and wording follow the original ({@code crates/bitloops-inference-protocol}); additive
 * fields come after the original ones, so an old host that ignores unknown fields is unaffected.
 */
final class Protocol {

  static final int PROTOCOL_VERSION = 1;
  static final String UNKNOWN_ID = "unknown";

  // the error codes of bitloops-inference, the complete set
  static final String INVALID_REQUEST = "invalid_request";
  static final String INVALID_CONFIG = "invalid_config";
  static final String INVALID_PROVIDER_RESPONSE = "invalid_provider_response";
  static final String PROVIDER_HTTP_ERROR = "provider_http_error";
  static final String PROVIDER_TIMEOUT = "provider_timeout";
  static final String PROVIDER_TRANSPORT_ERROR = "provider_transport_error";

  private Protocol() {}

  /** A decoded request line. */
  sealed interface Request permits Describe, Infer, Shutdown {
    String requestId();
  }

  record Describe(String requestId) implements Request {}

  record Shutdown(String requestId) implements Request {}

  record Infer(String requestId, InferenceRequest request, boolean stream) implements Request {}

  /** A line that could not be decoded: answered with {@code invalid_request}. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String requestId;

    DecodeException(String requestId, String message) {
      super(message);
      this.requestId = requestId;
    }

    String requestId() {
      return requestId;
    }
  }

  // --- responses ---

  static Json envelope(String requestId, String type) {
    return Json.object().put("request_id", requestId).put("type", type);
  }

  static String describe(String requestId, String profile, ProviderDescription description) {
    return describe(requestId, profile, description, List.of());
  }

  /**
   * The describe response; a profile with a fallback chain adds {@code "fallback"}: the profiles
   * tried after it, in order (a field protocol v1 hosts ignore; absent without a chain).
   */
  static String describe(
      String requestId, String profile, ProviderDescription description, List<String> fallback) {
    Capabilities capabilities = description.capabilities();
    List<JsonValue> modes = new ArrayList<>();
    // only the modes of protocol v1: an old host cannot decode any other
    for (ResponseFormat.Kind mode :
        List.of(ResponseFormat.Kind.TEXT, ResponseFormat.Kind.JSON_OBJECT)) {
      if (capabilities.supports(mode)) {
        modes.add(JsonValue.of(mode.wireName()));
      }
    }
    Json out =
        envelope(requestId, "describe")
            .put("protocol_version", PROTOCOL_VERSION)
            .put("runtime_name", Version.RUNTIME_NAME)
            .put("runtime_version", Version.version())
            .put("profile_name", profile)
            .put(
                "provider",
                Json.object()
                    .put("kind", description.kind())
                    .put("provider_name", description.providerName())
                    .put("model_name", description.modelName())
                    .put("endpoint", description.endpoint())
                    .put(
                        "capabilities",
                        Json.object()
                            .put("response_modes", JsonValue.array(modes))
                            .put("usage_reporting", capabilities.usageReporting())));
    if (!fallback.isEmpty()) {
      List<JsonValue> names = new ArrayList<>();
      fallback.forEach(name -> names.add(JsonValue.of(name)));
      out.put("fallback", JsonValue.array(names));
    }
    return out.toJson();
  }

  static String infer(String requestId, InferenceResponse response) {
    return inferFields(envelope(requestId, "infer"), response).toJson();
  }

  /** The infer payload: the original fields in order, then {@code reasoning}. */
  static Json inferFields(Json out, InferenceResponse response) {
    out.put("text", response.text());
    response.parsedJson().ifPresent(json -> out.put("parsed_json", sortedKeys(json)));
    response.usage().flatMap(Protocol::usage).ifPresent(usage -> out.put("usage", usage));
    response.finishReason().ifPresent(reason -> out.put("finish_reason", reason.raw()));
    out.put("provider_name", response.providerName());
    out.put("model_name", response.modelName());
    response.reasoning().ifPresent(reasoning -> out.put("reasoning", reasoning));
    return out;
  }

  /** A JSON value as serde_json prints a {@code Value}: object keys sorted, at every depth. */
  static JsonValue sortedKeys(JsonValue json) {
    if (json instanceof JsonValue.ObjectValue object) {
      Map<String, JsonValue> sorted = new TreeMap<>();
      object.members().forEach((name, value) -> sorted.put(name, sortedKeys(value)));
      return JsonValue.object(sorted);
    }
    if (json instanceof JsonValue.ArrayValue array) {
      List<JsonValue> items = new ArrayList<>();
      array.elements().forEach(item -> items.add(sortedKeys(item)));
      return JsonValue.array(items);
    }
    return json;
  }

  /** Usage as the original reports it: all three counts, or none. */
  private static Optional<JsonValue> usage(Usage usage) {
    if (usage.promptTokens().isEmpty()
        || usage.completionTokens().isEmpty()
        || usage.totalTokens().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Json.object()
            .put("prompt_tokens", usage.promptTokens().getAsLong())
            .put("completion_tokens", usage.completionTokens().getAsLong())
            .put("total_tokens", usage.totalTokens().getAsLong())
            .build());
  }

  static String textDelta(String requestId, String text) {
    return envelope(requestId, "delta").put("text", text).toJson();
  }

  static String reasoningDelta(String requestId, String reasoning) {
    return envelope(requestId, "delta").put("reasoning", reasoning).toJson();
  }

  static String shutdown(String requestId) {
    return envelope(requestId, "shutdown").toJson();
  }

  static String error(String requestId, String code, String message, Optional<JsonValue> details) {
    Json out = envelope(requestId, "error").put("code", code).put("message", message);
    details.ifPresent(d -> out.put("details", d));
    return out.toJson();
  }

  static String kindName(ErrorKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
