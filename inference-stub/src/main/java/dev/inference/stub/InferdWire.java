package dev.inference.stub;

import static dev.inference.stub.Wire.bytes;
import static dev.inference.stub.Wire.q;

import dev.inference.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes of inferd protocol v1: {@code token}, {@code done}, {@code error} and admin {@code
 * status} frames, each one JSON object and a {@code \n}; and the mapping between a scripted error
 * and an inferd error code.
 */
final class InferdWire {

  /** The {@code backend} every {@code done} frame names. */
  static final String BACKEND = "mock";

  private static final Map<String, Integer> STATUS_OF_CODE =
      Map.of(
          "queue_full", 429,
          "backend_unavailable", 503,
          "invalid_request", 400,
          "frame_too_large", 413,
          "internal", 500);

  private InferdWire() {}

  static byte[] token(String id, String content) {
    return bytes("{\"type\":\"token\",\"id\":" + q(id) + ",\"content\":" + q(content) + "}\n");
  }

  /** The head of a {@code done} frame, up to the opening quote of its content. */
  static byte[] doneHead(String id) {
    return bytes("{\"type\":\"done\",\"id\":" + q(id) + ",\"content\":\"");
  }

  /** The rest of a {@code done} frame after its content: usage (unless none), stop reason. */
  static byte[] doneTail(Reply reply, long promptWords) {
    StringBuilder tail = new StringBuilder("\"");
    if (reply.parts().usage()) {
      tail.append(",\"usage\":{\"prompt_tokens\":")
          .append(reply.parts().promptTokens(promptWords))
          .append(",\"completion_tokens\":")
          .append(reply.parts().completionTokens())
          .append('}');
    }
    tail.append(",\"stop_reason\":")
        .append(q(reply.parts().finishReason(Dialect.INFERD)))
        .append(",\"backend\":\"")
        .append(BACKEND)
        .append("\"}\n");
    return bytes(tail.toString());
  }

  static byte[] error(String id, String code, String message) {
    return bytes(
        "{\"type\":\"error\",\"id\":"
            + q(id)
            + ",\"code\":"
            + q(code)
            + ",\"message\":"
            + q(message)
            + "}\n");
  }

  static byte[] status(AdminStatus status) {
    StringBuilder frame =
        new StringBuilder("{\"id\":\"admin\",\"type\":\"status\",\"status\":")
            .append(q(status.status()));
    status
        .details()
        .forEach(
            (key, value) -> frame.append(',').append(q(key)).append(':').append(value.toJson()));
    return bytes(frame.append("}\n").toString());
  }

  /** The HTTP status an inferd code stands for in a script: 429, 503, 400, 413, else 500. */
  static int status(String code) {
    return STATUS_OF_CODE.getOrDefault(code, 500);
  }

  /** The body of {@link Reply#inferdError}: {@code {"code":..,"message":..}}. */
  static String errorBody(String code, String message) {
    return "{\"code\":" + q(code) + ",\"message\":" + q(message) + "}";
  }

  /**
   * The code and message of a scripted error: the body's {@code code} when it names one, else the
   * code of the status (429 {@code queue_full}, 502 to 504 {@code backend_unavailable}, 413 {@code
   * frame_too_large}, other 4xx {@code invalid_request}, else {@code internal}); the body's {@code
   * message}, {@code error.message} or {@code error}, else its text, else {@code stub error}.
   */
  static String[] codeAndMessage(Reply reply) {
    String text = new String(reply.parts().body(), StandardCharsets.UTF_8).strip();
    JsonValue body = null;
    try {
      body = text.startsWith("{") ? JsonValue.parse(text) : null;
    } catch (IllegalArgumentException notJson) {
      // the text is the message
    }
    String code = body == null ? null : string(body, "code").orElse(null);
    if (code == null) {
      code = codeOf(reply.parts().status());
    }
    String message;
    if (body != null) {
      JsonValue json = body;
      message =
          string(json, "message")
              .or(() -> json.get("error").flatMap(e -> string(e, "message")))
              .or(() -> string(json, "error"))
              .orElse("stub error");
    } else {
      message = text.isEmpty() ? "stub error" : text;
    }
    return new String[] {code, message};
  }

  /**
   * The code of an HTTP status: 429 {@code queue_full}, 502 to 504 {@code backend_unavailable}, 413
   * {@code frame_too_large}, other 4xx {@code invalid_request}, else {@code internal}.
   */
  static String codeOf(int status) {
    return status == 429
        ? "queue_full"
        : status >= 502 && status <= 504
            ? "backend_unavailable"
            : status == 413
                ? "frame_too_large"
                : status >= 400 && status < 500 ? "invalid_request" : "internal";
  }

  private static Optional<String> string(JsonValue json, String name) {
    return json.get(name).flatMap(JsonValue::asString);
  }
}
