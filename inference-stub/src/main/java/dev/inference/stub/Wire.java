package dev.inference.stub;

import dev.inference.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bytes of the Ollama dialect, and what every dialect's encoder shares. */
final class Wire {

  static final long CREATED = 1_700_000_000L;
  static final String CREATED_AT = "2025-01-01T00:00:00Z";
  static final String ID = "chatcmpl-stub";

  /** A body as a head, the deltas (written {@code repeat} times) and a tail. */
  record Encoded(byte[] head, byte[][] middles, byte[] tail) {
    long length(long repeat) {
      long length = head.length + (long) tail.length;
      long middle = 0;
      for (byte[] bytes : middles) {
        middle += bytes.length;
      }
      return length + middle * repeat;
    }
  }

  private Wire() {}

  static String q(String text) {
    return JsonValue.of(text).toJson();
  }

  /** The JSON escape of a text, without the quotes. */
  static String escaped(String text) {
    String quoted = q(text);
    return quoted.substring(1, quoted.length() - 1);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Encoded ollamaBody(Reply reply, String model, long promptTokens, Stamp stamp) {
    String head =
        "{\"model\":"
            + q(model)
            + ",\"created_at\":\""
            + stamp.createdAt()
            + "\",\"message\":{\"role\":\"assistant\",\"content\":\"";
    StringBuilder tail = new StringBuilder("\"");
    reply.parts().reasoning().ifPresent(r -> tail.append(",\"thinking\":").append(q(r)));
    if (!reply.parts().toolCalls().isEmpty()) {
      tail.append(",\"tool_calls\":").append(ToolCallWire.ollamaCalls(reply.parts().toolCalls()));
    }
    tail.append("},").append(ollamaDone(reply, promptTokens)).append('}');
    return new Encoded(bytes(head), middles(reply, Wire::escaped), bytes(tail.toString()));
  }

  static Encoded ollamaStream(Reply reply, String model, long promptTokens, Stamp stamp) {
    String prefix = "{\"model\":" + q(model) + ",\"created_at\":\"" + stamp.createdAt() + "\",";
    String head =
        reply
            .parts()
            .reasoning()
            .map(
                r ->
                    prefix
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":"
                        + q(r)
                        + "},\"done\":false}\n")
            .orElse("");
    String calls =
        reply.parts().toolCalls().isEmpty()
            ? ""
            : prefix
                + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
                + ToolCallWire.ollamaCalls(reply.parts().toolCalls())
                + "},\"done\":false}\n";
    String tail =
        calls
            + prefix
            + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + ollamaDone(reply, promptTokens)
            + "}\n";
    return new Encoded(
        bytes(head),
        middles(
            reply,
            d ->
                prefix
                    + "\"message\":{\"role\":\"assistant\",\"content\":"
                    + q(d)
                    + "},\"done\":false}\n"),
        bytes(tail));
  }

  static String ollamaDone(Reply reply, long promptTokens) {
    StringBuilder done =
        new StringBuilder("\"done_reason\":")
            .append(q(reply.parts().finishReason(Dialect.OLLAMA)))
            .append(",\"done\":true");
    done.append(",\"total_duration\":1000000,\"load_duration\":1000");
    if (reply.parts().usage()) {
      done.append(",\"prompt_eval_count\":")
          .append(reply.parts().promptTokens(promptTokens))
          .append(",\"prompt_eval_duration\":1000,\"eval_count\":")
          .append(reply.parts().completionTokens())
          .append(",\"eval_duration\":1000");
    }
    return done.toString();
  }

  /** An error in the middle of a stream, as each dialect's provider sends it. */
  static byte[] streamError(Dialect dialect, String message) {
    return dialect == Dialect.OPENAI
        ? OpenAiWire.streamError(message)
        : bytes(ErrorBodies.ollama(message) + "\n");
  }

  static byte[][] middles(Reply reply, java.util.function.Function<String, String> each) {
    List<String> deltas = reply.parts().deltas();
    byte[][] out = new byte[deltas.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes(each.apply(deltas.get(i)));
    }
    return out;
  }
}
