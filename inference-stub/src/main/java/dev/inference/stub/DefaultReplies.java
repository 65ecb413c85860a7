package dev.inference.stub;

import static dev.inference.stub.Exchanges.object;

import dev.inference.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply a {@link StubServer} derives from a chat request when nothing else answers it, and the
 * word counts its usage reports.
 */
final class DefaultReplies {

  private DefaultReplies() {}

  /**
   * {@code "Stub answer to: P"} with {@code P} the text of the last user message, or in a JSON mode
   * ({@code response_format}, Ollama {@code format}, Anthropic {@code output_format} or {@code
   * output_config.format}) {@code {"answer":..,"words":N}}.
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
    boolean jsonMode =
        switch (dialect) {
          case OPENAI -> request.get("response_format").isPresent();
          case OLLAMA -> request.get("format").isPresent();
          // Anthropic has no JSON-object mode: a system prompt asking for JSON is obeyed, as a
          // model would
          case ANTHROPIC ->
              request.get("output_format").isPresent()
                  || request.get("output_config").flatMap(c -> c.get("format")).isPresent()
                  || request.get("system").map(DefaultReplies::text).orElse("").contains("JSON");
          // inferd v1 has no JSON mode: a grammar constrains the text, the stub ignores it
          case INFERD -> false;
        };
    if (!jsonMode) {
      return Reply.text(answer);
    }
    long words = prompt.isBlank() ? 0 : prompt.strip().split("\\s+").length;
    return Reply.json(object("answer", JsonValue.of(answer), "words", JsonValue.of(words)));
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
