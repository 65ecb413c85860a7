package dev.inference.inferd.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.Redactor;
import java.util.Map;

/**
 * Maps the daemon's {@code error} frames ({@code {"type":"error","id","code","message"}}) to
 * exceptions: the five codes of protocol v1 by their documented meaning, any other code through the
 * kit's {@link ErrorMapper} as a generic provider error that keeps the raw code.
 */
final class InferdErrors {

  private InferdErrors() {}

  /**
   * The exception for an error frame.
   *
   * @param frame the frame
   * @param providerName the provider name
   * @param requestId the call's request id
   * @param redactor hides secrets the daemon may echo
   * @param partialText what the call had received before the error
   * @return the exception, never {@code null}
   */
  static InferenceException fromFrame(
      JsonValue frame,
      String providerName,
      String requestId,
      Redactor redactor,
      String partialText) {
    String code = frame.get("code").flatMap(JsonValue::asString).orElse("");
    String said =
        frame
            .get("message")
            .flatMap(JsonValue::asString)
            .filter(text -> !text.isBlank())
            .map(text -> ": " + ErrorMapper.snippet(text, redactor))
            .orElse("");
    String opening = providerName + " refused the request (" + code + ")" + said + ". ";
    InferenceException.Builder mapped;
    switch (code) {
      case "queue_full":
        mapped =
            InferenceException.builder(
                    ErrorKind.RATE_LIMITED,
                    opening
                        + "Its queue is full (one generation runs, ten wait); retry with backoff.")
                .retryable(true);
        break;
      case "backend_unavailable":
        mapped =
            InferenceException.builder(
                    ErrorKind.UNAVAILABLE, opening + "Its backend is not available; retry later.")
                .retryable(true);
        break;
      case "invalid_request":
        mapped =
            InferenceException.builder(
                    ErrorKind.INVALID_REQUEST,
                    opening
                        + "Check the request (roles, image_token_budget, grammar); retrying"
                        + " will not help.")
                .retryable(false);
        break;
      case "frame_too_large":
        mapped =
            InferenceException.builder(
                    ErrorKind.INVALID_REQUEST,
                    opening
                        + "The request frame passed the daemon's 64 MiB cap and it closed the"
                        + " connection; send a shorter conversation.")
                .retryable(false);
        break;
      case "internal":
        mapped =
            InferenceException.builder(
                    ErrorKind.SERVER_ERROR, opening + "The daemon failed; retry with backoff.")
                .retryable(true);
        break;
      default:
        JsonValue payload =
            JsonValue.object(
                Map.of(
                    "error",
                    JsonValue.object(
                        Map.of(
                            "code", JsonValue.of(code.isEmpty() ? "unknown" : code),
                            "message", frame.get("message").orElse(JsonValue.of("no message"))))));
        mapped = ErrorMapper.fromPayload(payload, 0, providerName, redactor).toBuilder();
        break;
    }
    if (!code.isEmpty()) {
      mapped.providerCode(redactor.redact(code));
    }
    mapped.providerName(providerName).requestId(requestId);
    if (!partialText.isEmpty()) {
      mapped.partialText(redactor.redact(partialText));
    }
    return mapped.build();
  }
}
