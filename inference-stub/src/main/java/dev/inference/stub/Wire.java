package dev.inference.stub;

import dev.inference.JsonValue;
import dev.inference.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bytes of the two dialects: heads, deltas and tails of bodies and streams. */
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

  static Encoded openAiBody(Reply reply, String model, long promptTokens) {
    StringBuilder head =
        new StringBuilder("{\"id\":\"")
            .append(ID)
            .append("\",\"object\":\"chat.completion\",\"created\":")
            .append(CREATED)
            .append(",\"model\":")
            .append(q(model))
            .append(",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",");
    reply
        .reasoning()
        .ifPresent(r -> head.append("\"reasoning_content\":").append(q(r)).append(','));
    List<Part.ToolCall> calls = reply.toolCalls();
    StringBuilder tail = new StringBuilder();
    if (!calls.isEmpty() && reply.deltas().isEmpty()) {
      head.append("\"content\":null"); // as OpenAI sends a message that only calls tools
    } else {
      head.append("\"content\":\"");
      tail.append('"');
    }
    if (!calls.isEmpty()) {
      tail.append(",\"tool_calls\":").append(ToolCallWire.openAiCalls(calls));
    }
    tail.append("},\"finish_reason\":").append(q(reply.finishReason(Dialect.OPENAI))).append('}');
    tail.append(']');
    if (reply.usage()) {
      tail.append(",\"usage\":").append(openAiUsage(reply, promptTokens));
    }
    tail.append("}");
    return new Encoded(
        bytes(head.toString()), middles(reply, Wire::escaped), bytes(tail.toString()));
  }

  static Encoded openAiStream(Reply reply, String model, long promptTokens, boolean usage) {
    String prefix =
        "data: {\"id\":\""
            + ID
            + "\",\"object\":\"chat.completion.chunk\",\"created\":"
            + CREATED
            + ",\"model\":"
            + q(model)
            + ",\"choices\":[";
    StringBuilder head =
        new StringBuilder(prefix)
            .append(
                "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"finish_reason\":null}]}\n\n");
    reply
        .reasoning()
        .ifPresent(
            r ->
                head.append(prefix)
                    .append("{\"index\":0,\"delta\":{\"reasoning_content\":")
                    .append(q(r))
                    .append("},\"finish_reason\":null}]}\n\n"));
    StringBuilder tail = new StringBuilder();
    for (String delta : ToolCallWire.openAiDeltas(reply.toolCalls())) {
      tail.append(prefix)
          .append("{\"index\":0,\"delta\":")
          .append(delta)
          .append(",\"finish_reason\":null}]}\n\n");
    }
    tail.append(prefix)
        .append("{\"index\":0,\"delta\":{},\"finish_reason\":")
        .append(q(reply.finishReason(Dialect.OPENAI)))
        .append("}]}\n\n");
    if (usage && reply.usage()) {
      tail.append(prefix).append("],\"usage\":").append(openAiUsage(reply, promptTokens));
      tail.append("}\n\n");
    }
    tail.append("data: [DONE]\n\n");
    return new Encoded(
        bytes(head.toString()),
        middles(
            reply,
            d ->
                prefix
                    + "{\"index\":0,\"delta\":{\"content\":"
                    + q(d)
                    + "},\"finish_reason\":null}]}\n\n"),
        bytes(tail.toString()));
  }

  private static String openAiUsage(Reply reply, long promptTokens) {
    long prompt = reply.promptTokens(promptTokens);
    long completion = reply.completionTokens();
    return "{\"prompt_tokens\":"
        + prompt
        + ",\"completion_tokens\":"
        + completion
        + ",\"total_tokens\":"
        + (prompt + completion)
        + "}";
  }

  static Encoded ollamaBody(Reply reply, String model, long promptTokens) {
    String head =
        "{\"model\":"
            + q(model)
            + ",\"created_at\":\""
            + CREATED_AT
            + "\",\"message\":{\"role\":\"assistant\",\"content\":\"";
    StringBuilder tail = new StringBuilder("\"");
    reply.reasoning().ifPresent(r -> tail.append(",\"thinking\":").append(q(r)));
    if (!reply.toolCalls().isEmpty()) {
      tail.append(",\"tool_calls\":").append(ToolCallWire.ollamaCalls(reply.toolCalls()));
    }
    tail.append("},").append(ollamaDone(reply, promptTokens)).append('}');
    return new Encoded(bytes(head), middles(reply, Wire::escaped), bytes(tail.toString()));
  }

  static Encoded ollamaStream(Reply reply, String model, long promptTokens) {
    String prefix = "{\"model\":" + q(model) + ",\"created_at\":\"" + CREATED_AT + "\",";
    String head =
        reply
            .reasoning()
            .map(
                r ->
                    prefix
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":"
                        + q(r)
                        + "},\"done\":false}\n")
            .orElse("");
    String calls =
        reply.toolCalls().isEmpty()
            ? ""
            : prefix
                + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
                + ToolCallWire.ollamaCalls(reply.toolCalls())
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

  private static String ollamaDone(Reply reply, long promptTokens) {
    StringBuilder done =
        new StringBuilder("\"done_reason\":")
            .append(q(reply.finishReason(Dialect.OLLAMA)))
            .append(",\"done\":true");
    done.append(",\"total_duration\":1000000,\"load_duration\":1000");
    if (reply.usage()) {
      done.append(",\"prompt_eval_count\":")
          .append(reply.promptTokens(promptTokens))
          .append(",\"prompt_eval_duration\":1000,\"eval_count\":")
          .append(reply.completionTokens())
          .append(",\"eval_duration\":1000");
    }
    return done.toString();
  }

  /** An error in the middle of a stream, as each dialect's provider sends it. */
  static byte[] streamError(Dialect dialect, String message) {
    return bytes(
        dialect == Dialect.OPENAI
            ? "data: {\"error\":{\"message\":"
                + q(message)
                + ",\"type\":\"server_error\",\"code\":null}}\n\n"
            : "{\"error\":" + q(message) + "}\n");
  }

  static byte[][] middles(Reply reply, java.util.function.Function<String, String> each) {
    List<String> deltas = reply.deltas();
    byte[][] out = new byte[deltas.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes(each.apply(deltas.get(i)));
    }
    return out;
  }
}
