package dev.inference.stub;

import static dev.inference.stub.Wire.bytes;
import static dev.inference.stub.Wire.q;

import dev.inference.Part;
import java.util.List;

/**
 * The bytes of the Anthropic Messages dialect: the whole {@code message} body and its SSE stream of
 * named events, with a {@code thinking} block for reasoning and {@code tool_use} blocks for tool
 * calls, as the real API sends them.
 */
final class AnthropicWire {

  static final String ID = "msg_stub";

  /** The signature of a thinking block: opaque to a client, sent back with the block. */
  static final String SIGNATURE = "c3R1Yi1zaWduYXR1cmU=";

  /** The ping the API sends after the first block starts; its JSON has spaces, the rest none. */
  static final String PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n";

  /**
   * The rest of a message's {@code usage} after its token counts: no cache (with the breakdown by
   * lifetime the API sends), the standard tier.
   */
  static final String USAGE_REST =
      ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
          + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},"
          + "\"service_tier\":\"standard\"}";

  private AnthropicWire() {}

  /**
   * {@code {"id","type":"message","role","model","content":[thinking?, text?, tool_use*],
   * "stop_reason","stop_sequence":null,"usage"}}: no text block when the reply only calls tools.
   */
  static Wire.Encoded body(Reply reply, String model, long promptTokens, Stamp stamp) {
    StringBuilder head =
        new StringBuilder("{\"id\":")
            .append(q(stamp.id()))
            .append(",\"type\":\"message\",\"role\":\"assistant\",\"model\":")
            .append(q(model))
            .append(",\"content\":[");
    reply
        .parts()
        .reasoning()
        .ifPresent(
            r ->
                head.append("{\"type\":\"thinking\",\"thinking\":")
                    .append(q(r))
                    .append(",\"signature\":\"")
                    .append(SIGNATURE)
                    .append("\"},"));
    StringBuilder tail = new StringBuilder();
    boolean text = hasText(reply);
    if (text) {
      head.append("{\"type\":\"text\",\"text\":\"");
      tail.append("\"}");
    }
    List<Part.ToolCall> calls = reply.parts().toolCalls();
    for (int i = 0; i < calls.size(); i++) {
      if (text || i > 0) {
        tail.append(',');
      }
      tail.append(toolUse(calls.get(i), i, calls.get(i).arguments().toJson()));
    }
    tail.append("],\"stop_reason\":")
        .append(q(reply.parts().finishReason(Dialect.ANTHROPIC)))
        .append(",\"stop_sequence\":null");
    if (reply.parts().usage()) {
      tail.append(",\"usage\":{\"input_tokens\":")
          .append(reply.parts().promptTokens(promptTokens))
          .append(",\"output_tokens\":")
          .append(reply.parts().completionTokens())
          .append(USAGE_REST);
    }
    tail.append('}');
    return new Wire.Encoded(
        bytes(head.toString()), Wire.middles(reply, Wire::escaped), bytes(tail.toString()));
  }

  /**
   * {@code message_start}, then each block ({@code content_block_start}, its deltas, {@code
   * content_block_stop}) with a {@code ping} after the first start, then {@code message_delta} with
   * the stop reason and the output usage, then {@code message_stop}. Tool arguments come in {@code
   * input_json_delta} fragments, the first one empty, as the API sends them.
   */
  static Wire.Encoded stream(Reply reply, String model, long promptTokens, Stamp stamp) {
    Events head = new Events();
    long output = reply.parts().completionTokens();
    head.add(
        "message_start",
        "{\"type\":\"message_start\",\"message\":{\"id\":"
            + q(stamp.id())
            + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
            + q(model)
            + ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null"
            + (reply.parts().usage()
                ? ",\"usage\":{\"input_tokens\":"
                    + reply.parts().promptTokens(promptTokens)
                    + ",\"output_tokens\":"
                    + Math.min(1, output)
                    + USAGE_REST
                : "")
            + "}}");
    int index = 0;
    if (reply.parts().reasoning().isPresent()) {
      head.start(index, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}");
      head.delta(
          index,
          "{\"type\":\"thinking_delta\",\"thinking\":" + q(reply.parts().reasoning().get()) + "}");
      head.delta(index, "{\"type\":\"signature_delta\",\"signature\":\"" + SIGNATURE + "\"}");
      head.stop(index++);
    }
    int textIndex = index;
    boolean text = hasText(reply);
    if (text) {
      head.start(index++, "{\"type\":\"text\",\"text\":\"\"}");
    }
    Events tail = new Events();
    tail.pinged = head.pinged;
    if (text) {
      tail.stop(textIndex);
    }
    List<Part.ToolCall> calls = reply.parts().toolCalls();
    for (int i = 0; i < calls.size(); i++, index++) {
      Part.ToolCall call = calls.get(i);
      tail.start(index, toolUse(call, i, "{}"));
      tail.delta(index, inputJson(""));
      for (String fragment : ToolCallWire.fragments(call.rawArguments())) {
        tail.delta(index, inputJson(fragment));
      }
      tail.stop(index);
    }
    tail.add(
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
            + q(reply.parts().finishReason(Dialect.ANTHROPIC))
            + ",\"stop_sequence\":null}"
            // the usage of message_delta is cumulative: the input counts again, then the output
            + (reply.parts().usage()
                ? ",\"usage\":{\"input_tokens\":"
                    + reply.parts().promptTokens(promptTokens)
                    + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0"
                    + ",\"output_tokens\":"
                    + output
                    + "}"
                : "")
            + "}");
    tail.add("message_stop", "{\"type\":\"message_stop\"}");
    return new Wire.Encoded(
        bytes(head.text.toString()),
        Wire.middles(
            reply,
            d ->
                event(
                    "content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":"
                        + textIndex
                        + ",\"delta\":{\"type\":\"text_delta\",\"text\":"
                        + q(d)
                        + "}}")),
        bytes(tail.text.toString()));
  }

  /**
   * The {@code error} event of a stream that fails after its HTTP 200, an {@code api_error} with
   * the message; spaced as the API sends it.
   */
  static byte[] streamError(String message) {
    return bytes(
        "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"api_error\", \"message\": "
            + q(message)
            + "}}\n\n");
  }

  /** {@code {"type":"error","error":{"type","message"}}}: the body of every API error. */
  static String error(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":"
        + q(type)
        + ",\"message\":"
        + q(message)
        + "}}";
  }

  /**
   * {@code {"type":"error","error":{"type","message"},"request_id"}}: an error as the API answers
   * an HTTP request, with the id it also sends as the {@code request-id} header.
   */
  static String error(String type, String message, String requestId) {
    String body = error(type, message);
    return body.substring(0, body.length() - 1) + ",\"request_id\":" + q(requestId) + "}";
  }

  /** The {@code error.type} the API sends with an HTTP status. */
  static String errorType(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }

  /** Whether the answer has a text block: when it has text, or when it has nothing else. */
  private static boolean hasText(Reply reply) {
    return !reply.parts().deltas().isEmpty() || reply.parts().toolCalls().isEmpty();
  }

  /** A {@code tool_use} block; a call without an id gets {@code toolu_stub_<n>}. */
  private static String toolUse(Part.ToolCall call, int n, String input) {
    String id = call.id().isEmpty() ? "toolu_stub_" + n : call.id();
    return "{\"type\":\"tool_use\",\"id\":"
        + q(id)
        + ",\"name\":"
        + q(call.name())
        + ",\"input\":"
        + input
        + "}";
  }

  private static String inputJson(String fragment) {
    return "{\"type\":\"input_json_delta\",\"partial_json\":" + q(fragment) + "}";
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  /** Events in order, with the {@code ping} after the first block start. */
  private static final class Events {
    private final StringBuilder text = new StringBuilder();
    private boolean pinged;

    void add(String name, String data) {
      text.append(event(name, data));
    }

    void start(int index, String block) {
      add(
          "content_block_start",
          "{\"type\":\"content_block_start\",\"index\":"
              + index
              + ",\"content_block\":"
              + block
              + "}");
      if (!pinged) {
        text.append(PING);
        pinged = true;
      }
    }

    void delta(int index, String delta) {
      add(
          "content_block_delta",
          "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}");
    }

    void stop(int index) {
      add("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }
  }
}
