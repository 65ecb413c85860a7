package dev.inference.stub;

import static dev.inference.stub.Wire.q;

import dev.inference.Part;
import java.util.ArrayList;
import java.util.List;

/** The tool calls of a {@link Reply} in the two dialects, whole and (OpenAI) in stream deltas. */
final class ToolCallWire {

  /** The size of the argument fragments of a streamed OpenAI call, in chars. */
  static final int FRAGMENT = 8;

  private ToolCallWire() {}

  /** {@code [{"id","type":"function","function":{"name","arguments":"<JSON text>"}}]}. */
  static String openAiCalls(List<Part.ToolCall> calls) {
    StringBuilder out = new StringBuilder("[");
    for (Part.ToolCall call : calls) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("{\"id\":")
          .append(q(call.id()))
          .append(",\"type\":\"function\",\"function\":{\"name\":")
          .append(q(call.name()))
          .append(",\"arguments\":")
          .append(q(call.rawArguments()))
          .append("}}");
    }
    return out.append(']').toString();
  }

  /**
   * The {@code delta} objects of a streamed OpenAI answer: for each call, one naming it with empty
   * arguments, then its arguments in fragments, each with only the call's {@code index}.
   */
  static List<String> openAiDeltas(List<Part.ToolCall> calls) {
    List<String> deltas = new ArrayList<>();
    for (int index = 0; index < calls.size(); index++) {
      Part.ToolCall call = calls.get(index);
      deltas.add(
          "{\"tool_calls\":[{\"index\":"
              + index
              + ",\"id\":"
              + q(call.id())
              + ",\"type\":\"function\",\"function\":{\"name\":"
              + q(call.name())
              + ",\"arguments\":\"\"}}]}");
      for (String fragment : fragments(call.rawArguments())) {
        deltas.add(
            "{\"tool_calls\":[{\"index\":"
                + index
                + ",\"function\":{\"arguments\":"
                + q(fragment)
                + "}}]}");
      }
    }
    return deltas;
  }

  /**
   * {@code [{"id"?,"function":{"index","name","arguments":{..}}}]}: arguments as an object, as
   * Ollama sends them, or as the raw string when they are not valid JSON; no {@code id} when the
   * call has none, as older Ollama builds.
   */
  static String ollamaCalls(List<Part.ToolCall> calls) {
    StringBuilder out = new StringBuilder("[");
    for (int index = 0; index < calls.size(); index++) {
      Part.ToolCall call = calls.get(index);
      if (index > 0) {
        out.append(',');
      }
      out.append('{');
      if (!call.id().isEmpty()) {
        out.append("\"id\":").append(q(call.id())).append(',');
      }
      out.append("\"function\":{\"index\":")
          .append(index)
          .append(",\"name\":")
          .append(q(call.name()))
          .append(",\"arguments\":")
          .append(call.arguments().toJson())
          .append("}}");
    }
    return out.append(']').toString();
  }

  /** The text cut every {@link #FRAGMENT} chars, never inside a surrogate pair. */
  static List<String> fragments(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + FRAGMENT);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }
}
