package dev.inference.cli;

import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Part;
import java.io.PrintStream;
import java.util.List;

/**
 * How {@code infer} shows the tool calls of an answer: in the infer line of {@code --output json}
 * as {@code "tool_calls"} after every field the protocol has (absent when there are none), and as
 * one line per call in text.
 */
final class ToolCallsOutput {

  private ToolCallsOutput() {}

  /**
   * The protocol's infer line, with {@code "tool_calls":[{"id","name","arguments"}]} added last
   * when the model called tools; {@code arguments} is the parsed JSON, or the raw text as a string
   * when it is not valid JSON. Without calls the line is {@link Protocol#infer}'s, byte for byte.
   */
  static String inferLine(String requestId, InferenceResponse response) {
    if (response.toolCalls().isEmpty()) {
      return Protocol.infer(requestId, response);
    }
    Json line = Protocol.inferFields(Protocol.envelope(requestId, "infer"), response);
    List<JsonValue> calls =
        response.toolCalls().stream()
            .map(
                call ->
                    Json.object()
                        .put("id", call.id())
                        .put("name", call.name())
                        .put("arguments", call.arguments())
                        .build())
            .toList();
    return line.put("tool_calls", JsonValue.array(calls)).toJson();
  }

  /** One line per call: {@code tool call: NAME ARGUMENTS (id ID)}. */
  static void print(PrintStream out, List<Part.ToolCall> calls) {
    for (Part.ToolCall call : calls) {
      out.println(
          "tool call: "
              + call.name()
              + " "
              + (call.argumentsValid()
                  ? call.arguments().toJson()
                  : call.rawArguments() + " (not valid JSON)")
              + (call.id().isEmpty() ? "" : " (id " + call.id() + ")"));
    }
  }
}
