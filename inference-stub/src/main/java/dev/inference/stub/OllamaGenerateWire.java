package dev.inference.stub;

import static dev.inference.stub.Wire.bytes;
import static dev.inference.stub.Wire.q;

import dev.inference.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ollama's {@code POST /api/generate}: text in ({@code prompt}, {@code system}), the same scripted
 * replies out as {@code response} (and {@code thinking}) instead of a {@code message}.
 */
final class OllamaGenerateWire {

  static final String PATH = "/api/generate";

  private OllamaGenerateWire() {}

  /**
   * The request as a chat request, so the script and the default reply read it alike: {@code
   * system} and {@code prompt} become a system and a user message.
   */
  static JsonValue asChat(JsonValue generate) {
    Map<String, JsonValue> chat = new LinkedHashMap<>();
    if (generate instanceof JsonValue.ObjectValue object) {
      chat.putAll(object.members());
    }
    String system = generate.get("system").flatMap(JsonValue::asString).orElse("");
    String prompt = generate.get("prompt").flatMap(JsonValue::asString).orElse("");
    JsonValue user = message("user", prompt);
    chat.put(
        "messages",
        JsonValue.array(
            system.isEmpty() ? List.of(user) : List.of(message("system", system), user)));
    return JsonValue.object(chat);
  }

  private static JsonValue message(String role, String content) {
    Map<String, JsonValue> message = new LinkedHashMap<>();
    message.put("role", JsonValue.of(role));
    message.put("content", JsonValue.of(content));
    return JsonValue.object(message);
  }

  /** {@code {"model","created_at","response","thinking"?,"done":true,"done_reason",...}}. */
  static Wire.Encoded body(Reply reply, String model, long promptTokens, Stamp stamp) {
    String head = prefix(model, stamp) + "\"response\":\"";
    StringBuilder tail = new StringBuilder("\"");
    reply.parts().reasoning().ifPresent(r -> tail.append(",\"thinking\":").append(q(r)));
    tail.append(',').append(Wire.ollamaDone(reply, promptTokens)).append('}');
    return new Wire.Encoded(
        bytes(head), Wire.middles(reply, Wire::escaped), bytes(tail.toString()));
  }

  /** One line per delta ({@code "response":D,"done":false}), then the {@code done} line. */
  static Wire.Encoded stream(Reply reply, String model, long promptTokens, Stamp stamp) {
    String prefix = prefix(model, stamp);
    String head =
        reply
            .parts()
            .reasoning()
            .map(r -> prefix + "\"response\":\"\",\"thinking\":" + q(r) + ",\"done\":false}\n")
            .orElse("");
    String tail = prefix + "\"response\":\"\"," + Wire.ollamaDone(reply, promptTokens) + "}\n";
    return new Wire.Encoded(
        bytes(head),
        Wire.middles(reply, d -> prefix + "\"response\":" + q(d) + ",\"done\":false}\n"),
        bytes(tail));
  }

  private static String prefix(String model, Stamp stamp) {
    return "{\"model\":" + q(model) + ",\"created_at\":\"" + stamp.createdAt() + "\",";
  }
}
