package dev.inference.stub;

import static dev.inference.stub.Wire.bytes;
import static dev.inference.stub.Wire.q;

import dev.inference.Part;
import java.util.List;

/**
 * The bytes of the OpenAI chat completions dialect, with every field the API documents for the
 * answers the stub gives: {@code refusal}, {@code annotations}, {@code logprobs}, {@code
 * service_tier}, {@code system_fingerprint} and the usage details; in a stream, the role chunk with
 * {@code refusal:null}, {@code "usage":null} on every chunk but the last when usage was asked for,
 * then the usage chunk with {@code choices:[]}.
 */
final class OpenAiWire {

  static final String SERVICE_TIER = "default";
  static final String FINGERPRINT = "fp_stub";

  private OpenAiWire() {}

  /**
   * {@code {"id","object":"chat.completion","created","model","choices":[{"index":0,"message":
   * {"role","content","refusal":null,"annotations":[],"tool_calls"?},"logprobs":null,
   * "finish_reason"}],"usage"?,"service_tier","system_fingerprint"}}.
   */
  static Wire.Encoded body(Reply reply, String model, long promptTokens, Stamp stamp) {
    StringBuilder head =
        new StringBuilder("{\"id\":")
            .append(q(stamp.id()))
            .append(",\"object\":\"chat.completion\",\"created\":")
            .append(stamp.epochSecond())
            .append(",\"model\":")
            .append(q(model))
            .append(",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",");
    ReasoningField field = reply.parts().reasoningField();
    reply
        .parts()
        .reasoning()
        .filter(r -> field != ReasoningField.CONTENT_PARTS)
        .ifPresent(r -> head.append(q(field.jsonName())).append(':').append(q(r)).append(','));
    List<Part.ToolCall> calls = reply.parts().toolCalls();
    boolean toolsOnly = !calls.isEmpty() && reply.parts().deltas().isEmpty();
    StringBuilder tail = new StringBuilder();
    if (field == ReasoningField.CONTENT_PARTS && reply.parts().reasoning().isPresent()) {
      head.append("\"content\":[").append(thinkingPart(reply.parts().reasoning().get()));
      if (toolsOnly) {
        tail.append(']');
      } else {
        head.append(",{\"type\":\"text\",\"text\":\"");
        tail.append("\"}]");
      }
    } else if (toolsOnly) {
      head.append("\"content\":null"); // as OpenAI sends a message that only calls tools
    } else {
      head.append("\"content\":\"");
      tail.append('"');
    }
    tail.append(",\"refusal\":null,\"annotations\":[]");
    if (!calls.isEmpty()) {
      tail.append(",\"tool_calls\":").append(ToolCallWire.openAiCalls(calls));
    }
    tail.append("},\"logprobs\":null,\"finish_reason\":")
        .append(q(reply.parts().finishReason(Dialect.OPENAI)))
        .append("}]");
    if (reply.parts().usage()) {
      tail.append(",\"usage\":").append(usage(reply, promptTokens));
    }
    tail.append(",\"service_tier\":\"")
        .append(SERVICE_TIER)
        .append("\",\"system_fingerprint\":\"")
        .append(FINGERPRINT)
        .append("\"}");
    return new Wire.Encoded(
        bytes(head.toString()), Wire.middles(reply, Wire::escaped), bytes(tail.toString()));
  }

  /**
   * The chunks: the role chunk ({@code content:""}, {@code refusal:null}), the reasoning, one chunk
   * per delta, the tool-call fragments, the finish chunk ({@code delta:{}}), the usage chunk when
   * {@code usage} was asked for and the reply has usage, and {@code [DONE]}.
   */
  static Wire.Encoded stream(
      Reply reply, String model, long promptTokens, boolean usage, Stamp stamp) {
    String prefix =
        "data: {\"id\":"
            + q(stamp.id())
            + ",\"object\":\"chat.completion.chunk\",\"created\":"
            + stamp.epochSecond()
            + ",\"model\":"
            + q(model)
            + ",\"service_tier\":\""
            + SERVICE_TIER
            + "\",\"system_fingerprint\":\""
            + FINGERPRINT
            + "\",\"choices\":[{\"index\":0,\"delta\":";
    String open = "},\"logprobs\":null,\"finish_reason\":null}]" + (usage ? ",\"usage\":null" : "");
    String end = open + "}\n\n";
    StringBuilder head =
        new StringBuilder(prefix)
            .append("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null")
            .append(end);
    ReasoningField field = reply.parts().reasoningField();
    reply
        .parts()
        .reasoning()
        .ifPresent(
            r ->
                head.append(prefix)
                    .append('{')
                    .append(
                        field == ReasoningField.CONTENT_PARTS
                            ? "\"content\":[" + thinkingPart(r) + "]"
                            : q(field.jsonName()) + ":" + q(r))
                    .append(end));
    StringBuilder tail = new StringBuilder();
    for (String delta : ToolCallWire.openAiDeltas(reply.parts().toolCalls())) {
      // each fragment is a whole delta object: drop its braces to share the chunk's own
      tail.append(prefix).append(delta, 0, delta.length() - 1).append(end);
    }
    tail.append(prefix)
        .append("{},\"logprobs\":null,\"finish_reason\":")
        .append(q(reply.parts().finishReason(Dialect.OPENAI)))
        .append('}')
        .append(']')
        .append(usage ? ",\"usage\":null" : "")
        .append("}\n\n");
    if (usage && reply.parts().usage()) {
      int choices = prefix.indexOf("[{\"index\"");
      tail.append(prefix, 0, choices)
          .append("[],\"usage\":")
          .append(usage(reply, promptTokens))
          .append("}\n\n");
    }
    tail.append("data: [DONE]\n\n");
    return new Wire.Encoded(
        bytes(head.toString()),
        Wire.middles(reply, d -> prefix + "{\"content\":" + q(d) + end),
        bytes(tail.toString()));
  }

  /** {@code data: {"error":{"message","type":"server_error","param":null,"code":null}}}. */
  static byte[] streamError(String message) {
    return bytes("data: " + ErrorBodies.openAi(500, message, null, null) + "\n\n");
  }

  private static String thinkingPart(String reasoning) {
    return "{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":"
        + q(reasoning)
        + "}]}";
  }

  private static String usage(Reply reply, long promptTokens) {
    long prompt = reply.parts().promptTokens(promptTokens);
    long completion = reply.parts().completionTokens();
    return "{\"prompt_tokens\":"
        + prompt
        + ",\"completion_tokens\":"
        + completion
        + ",\"total_tokens\":"
        + (prompt + completion)
        + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0}"
        + ",\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";
  }
}
