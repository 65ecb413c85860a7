package dev.inference.opentelemetry.internal;

import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prompts and answers as the GenAI conventions' JSON ({@code gen_ai.system_instructions}, {@code
 * gen_ai.input.messages}, {@code gen_ai.output.messages}); used only when content capture is on. An
 * inline image is described by its media type, never copied.
 */
public final class Content {

  private Content() {}

  /**
   * The parts of the request's system messages, as JSON.
   *
   * @param request the request
   * @return the JSON array, or empty text when there is no system message
   */
  public static String systemInstructions(InferenceRequest request) {
    List<JsonValue> parts = new ArrayList<>();
    for (Message message : request.messages()) {
      if (message.role() == Role.SYSTEM) {
        for (Part part : message.parts()) {
          parts.add(part(part));
        }
      }
    }
    return parts.isEmpty() ? "" : JsonValue.array(parts).toJson();
  }

  /**
   * The request's other messages, as JSON.
   *
   * @param request the request
   * @return the JSON array
   */
  public static String inputMessages(InferenceRequest request) {
    List<JsonValue> messages = new ArrayList<>();
    for (Message message : request.messages()) {
      if (message.role() != Role.SYSTEM) {
        messages.add(message(message, null));
      }
    }
    return JsonValue.array(messages).toJson();
  }

  /**
   * The answer as one assistant message, with its finish reason, as JSON.
   *
   * @param response the response
   * @return the JSON array of one message
   */
  public static String outputMessages(InferenceResponse response) {
    String finish = response.finishReason().map(GenAi::finishReason).orElse("stop");
    return JsonValue.array(List.of(message(response.message(), finish))).toJson();
  }

  private static JsonValue message(Message message, @Nullable String end) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("role", JsonValue.of(message.role().wireName()));
    List<JsonValue> parts = new ArrayList<>();
    for (Part part : message.parts()) {
      parts.add(part(part));
    }
    members.put("parts", JsonValue.array(parts));
    if (end != null) {
      members.put("finish_reason", JsonValue.of(end));
    }
    return JsonValue.object(members);
  }

  private static JsonValue part(Part part) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    if (part instanceof Part.Text text) {
      members.put("type", JsonValue.of("text"));
      members.put("content", JsonValue.of(text.text()));
    } else if (part instanceof Part.ToolCall call) {
      members.put("type", JsonValue.of("tool_call"));
      members.put("id", JsonValue.of(call.id()));
      members.put("name", JsonValue.of(call.name()));
      members.put(
          "arguments",
          call.argumentsValid() ? call.arguments() : JsonValue.of(call.rawArguments()));
    } else if (part instanceof Part.ToolResult result) {
      members.put("type", JsonValue.of("tool_call_response"));
      members.put("id", JsonValue.of(result.callId()));
      members.put("response", JsonValue.of(result.content()));
    } else if (part instanceof Part.Image image) {
      if (image.isInline()) {
        members.put("type", JsonValue.of("blob"));
        members.put("modality", JsonValue.of("image"));
        image.mediaType().ifPresent(type -> members.put("mime_type", JsonValue.of(type)));
      } else {
        members.put("type", JsonValue.of("uri"));
        members.put("modality", JsonValue.of("image"));
        members.put("uri", JsonValue.of(image.href()));
      }
    }
    return JsonValue.object(members);
  }
}
