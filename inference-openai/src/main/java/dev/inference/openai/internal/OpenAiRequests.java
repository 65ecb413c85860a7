package dev.inference.openai.internal;

import dev.inference.InferenceRequest;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ResponseFormat;
import dev.inference.Role;
import dev.inference.Tool;
import dev.inference.ToolChoice;
import dev.inference.kit.CallOptions;
import dev.inference.kit.JsonWriter;
import java.io.IOException;
import java.util.List;

/** Writes a chat completions request: messages with their parts, options, format and tools. */
final class OpenAiRequests {

  private OpenAiRequests() {}

  /** The whole request body; {@code tokenField} names the output-token limit's field. */
  static void write(
      JsonWriter out, InferenceRequest request, CallOptions call, boolean stream, String tokenField)
      throws IOException {
    out.startObject();
    out.field("model", call.settings().model());
    out.startArray("messages");
    for (Message message : request.messages()) {
      writeMessage(out, message);
    }
    out.endArray();
    if (call.temperature().isPresent()) {
      out.field("temperature", call.temperature().getAsDouble());
    }
    if (call.maxOutputTokens().isPresent()) {
      out.field(tokenField, call.maxOutputTokens().getAsLong());
    }
    if (request.topP().isPresent()) {
      out.field("top_p", request.topP().getAsDouble());
    }
    if (request.seed().isPresent()) {
      out.field("seed", request.seed().getAsLong());
    }
    if (!request.stop().isEmpty()) {
      out.startArray("stop");
      for (String sequence : request.stop()) {
        out.value(sequence);
      }
      out.endArray();
    }
    writeResponseFormat(out, request.responseFormat());
    writeTools(out, request);
    out.field("stream", stream);
    if (stream) {
      out.startObject("stream_options");
      out.field("include_usage", true);
      out.endObject();
    }
    out.endObject();
  }

  /**
   * One message. Text-only messages keep {@code content} a string; a user message with images
   * becomes an array of parts; an assistant message's tool calls go in {@code tool_calls} (with
   * {@code content: null} when it has no text); each tool result is a {@code tool} message of its
   * own.
   */
  private static void writeMessage(JsonWriter out, Message message) throws IOException {
    if (message.role() == Role.TOOL) {
      for (Part.ToolResult result : message.parts(Part.ToolResult.class)) {
        out.startObject();
        out.field("role", "tool");
        out.field("tool_call_id", result.callId());
        out.field("content", result.content());
        out.endObject();
      }
      return;
    }
    out.startObject();
    out.field("role", message.role().wireName());
    if (message.isTextOnly()) {
      out.field("content", message.text()); // the common case, with nothing to collect
      out.endObject();
      return;
    }
    List<Part.ToolCall> calls = message.parts(Part.ToolCall.class);
    if (!calls.isEmpty()) {
      String text = message.text();
      if (text.isEmpty()) {
        out.name("content");
        out.nullValue();
      } else {
        out.field("content", text);
      }
      writeToolCalls(out, calls);
    } else {
      writeContentParts(out, message);
    }
    out.endObject();
  }

  /** {@code tool_calls}, each call's arguments as the text that came. */
  private static void writeToolCalls(JsonWriter out, List<Part.ToolCall> calls) throws IOException {
    out.startArray("tool_calls");
    for (Part.ToolCall call : calls) {
      out.startObject();
      out.field("id", call.id());
      out.field("type", "function");
      out.startObject("function");
      out.field("name", call.name());
      // blank arguments (a streamed call with no fragments) mean {}, as ToolCall.parse reads them
      out.field("arguments", call.rawArguments().isBlank() ? "{}" : call.rawArguments());
      out.endObject();
      out.endObject();
    }
    out.endArray();
  }

  private static void writeContentParts(JsonWriter out, Message message) throws IOException {
    out.startArray("content");
    for (Part part : message.parts()) {
      out.startObject();
      if (part instanceof Part.Image image) {
        out.field("type", "image_url");
        out.startObject("image_url");
        out.field("url", image.href());
        if (image.detail().isPresent()) {
          out.field("detail", image.detail().get().wireName());
        }
        out.endObject();
      } else if (part instanceof Part.Text text) {
        out.field("type", "text");
        out.field("text", text.text());
      }
      out.endObject();
    }
    out.endArray();
  }

  private static void writeResponseFormat(JsonWriter out, ResponseFormat format)
      throws IOException {
    if (format.kind() == ResponseFormat.Kind.JSON_OBJECT) {
      out.startObject("response_format");
      out.field("type", "json_object");
      out.endObject();
    } else if (format instanceof ResponseFormat.Schema schema) {
      out.startObject("response_format");
      out.field("type", "json_schema");
      out.startObject("json_schema");
      out.field("name", schema.schema().name());
      out.name("schema");
      out.value(schema.schema().schema());
      if (schema.schema().strict()) {
        out.field("strict", true);
      }
      out.endObject();
      out.endObject();
    }
  }

  /** {@code tools}, then {@code tool_choice} unless it is the default, then the parallel flag. */
  private static void writeTools(JsonWriter out, InferenceRequest request) throws IOException {
    if (request.tools().isEmpty()) {
      return;
    }
    out.startArray("tools");
    for (Tool tool : request.tools()) {
      out.startObject();
      out.field("type", "function");
      out.startObject("function");
      out.field("name", tool.name());
      if (!tool.description().isEmpty()) {
        out.field("description", tool.description());
      }
      out.name("parameters");
      out.value(tool.parameters());
      if (tool.strict()) {
        out.field("strict", true);
      }
      out.endObject();
      out.endObject();
    }
    out.endArray();
    ToolChoice choice = request.toolChoice();
    switch (choice.kind()) {
      case NONE -> out.field("tool_choice", "none");
      case REQUIRED -> out.field("tool_choice", "required");
      case NAMED -> {
        out.startObject("tool_choice");
        out.field("type", "function");
        out.startObject("function");
        out.field("name", choice.toolName().orElseThrow());
        out.endObject();
        out.endObject();
      }
      default -> {}
    }
    if (request.parallelToolCalls().isPresent()) {
      out.field("parallel_tool_calls", request.parallelToolCalls().get());
    }
  }
}
