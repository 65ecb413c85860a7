package dev.inference.stub;

import dev.inference.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reply a {@link StubServer} derives from a chat request when nothing else answers it, and the
 * word counts its usage reports.
 */
final class DefaultReplies {

  private DefaultReplies() {}

  /**
   * {@code "Stub answer to: P"} with {@code P} the text of the last user message, or in a {@link
   * JsonModes JSON mode} {@code {"answer":..,"words":N}}, or an object of the request's schema.
   */
  static Reply of(JsonValue request, Dialect dialect) {
    String prompt = "";
    if (request.get("messages").orElse(null) instanceof JsonValue.ArrayValue messages) {
      for (JsonValue message : messages.elements()) {
        String text = contentText(message);
        // an Anthropic user turn of tool results only has no text: the question came before it
        boolean toolResults = dialect == Dialect.ANTHROPIC && text.isEmpty();
        if (message.get("role").flatMap(JsonValue::asString).orElse("").equals("user")
            && !toolResults) {
          prompt = text;
        }
      }
    }
    String collapsed = prompt.strip().replaceAll("\\s+", " ");
    if (collapsed.length() > 200) {
      collapsed = collapsed.substring(0, 200) + "...";
    }
    String answer = "Stub answer to: " + collapsed;
    String system = request.get("system").map(DefaultReplies::text).orElse("");
    Optional<JsonModes.Mode> mode = JsonModes.of(request, dialect, system);
    if (mode.isEmpty()) {
      return Reply.text(answer);
    }
    long words = prompt.isBlank() ? 0 : prompt.strip().split("\\s+").length;
    return Reply.json(JsonModes.answer(mode.get(), answer, words));
  }

  /** The words of every message of the request, and of Anthropic's top-level {@code system}. */
  static long promptWords(JsonValue request) {
    long words = 0;
    String system = request.get("system").map(DefaultReplies::text).orElse("").strip();
    if (!system.isEmpty()) {
      words += system.split("\\s+").length;
    }
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
    return text(message.get("content").orElse(JsonValue.of("")));
  }

  /** A content string, or the text of an array of parts or blocks. */
  private static String text(JsonValue content) {
    if (content instanceof JsonValue.ArrayValue parts) {
      StringBuilder text = new StringBuilder();
      for (JsonValue part : parts.elements()) {
        part.get("text").flatMap(JsonValue::asString).ifPresent(text::append);
      }
      return text.toString();
    }
    return content.asString().orElse("");
  }

  /** The text split into word-sized deltas, each but the first with its leading space. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) == ' ' && text.charAt(i - 1) != ' ') {
        out.add(text.substring(start, i));
        start = i;
      }
    }
    if (start < text.length() || out.isEmpty()) {
      out.add(text.substring(start));
    }
    return out;
  }
}
