package dev.inference.stub;

import static dev.inference.stub.Exchanges.object;

import dev.inference.JsonValue;

/**
 * The reply a {@link StubServer} derives from a chat request when nothing else answers it, and the
 * word counts its usage reports.
 */
final class DefaultReplies {

  private DefaultReplies() {}

  /** {@code "Stub answer to: P"}, or in a JSON mode {@code {"answer":..,"words":N}}. */
  static Reply of(JsonValue request, Dialect dialect) {
    String prompt = "";
    if (request.get("messages").orElse(null) instanceof JsonValue.ArrayValue messages) {
      for (JsonValue message : messages.elements()) {
        if (message.get("role").flatMap(JsonValue::asString).orElse("").equals("user")) {
          prompt = contentText(message);
        }
      }
    }
    String collapsed = prompt.strip().replaceAll("\\s+", " ");
    if (collapsed.length() > 200) {
      collapsed = collapsed.substring(0, 200) + "...";
    }
    String answer = "Stub answer to: " + collapsed;
    boolean jsonMode =
        dialect == Dialect.OPENAI
            ? request.get("response_format").isPresent()
            : request.get("format").isPresent();
    if (!jsonMode) {
      return Reply.text(answer);
    }
    long words = prompt.isBlank() ? 0 : prompt.strip().split("\\s+").length;
    return Reply.json(object("answer", JsonValue.of(answer), "words", JsonValue.of(words)));
  }

  /** The words of every message of the request. */
  static long promptWords(JsonValue request) {
    long words = 0;
    if (request.get("messages").orElse(null) instanceof JsonValue.ArrayValue messages) {
      for (JsonValue message : messages.elements()) {
        String text = contentText(message).strip();
        if (!text.isEmpty()) {
          words += text.split("\\s+").length;
        }
      }
    }
    return words;
  }

  private static String contentText(JsonValue message) {
    JsonValue content = message.get("content").orElse(JsonValue.of(""));
    if (content instanceof JsonValue.ArrayValue parts) {
      StringBuilder text = new StringBuilder();
      for (JsonValue part : parts.elements()) {
        part.get("text").flatMap(JsonValue::asString).ifPresent(text::append);
      }
      return text.toString();
    }
    return content.asString().orElse("");
  }
}
