package dev.inference.anthropic.internal;

import static dev.inference.anthropic.internal.AnthropicResponses.string;

import dev.inference.JsonValue;
import dev.inference.http.StreamDecoder;
import dev.inference.kit.Json;
import dev.inference.kit.JsonReader;
import dev.inference.kit.ResponseSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One stream's named events: {@code message_start} (model, input usage), {@code
 * content_block_start} / {@code _delta} / {@code _stop} (text, thinking, tool input in pieces per
 * block), {@code message_delta} (stop reason, output usage), {@code message_stop} (the end), {@code
 * ping}, and {@code error}. Events of other names are ignored, as the API asks of clients. Only
 * {@code message_stop} completes the answer: a body that ends before it is truncated.
 */
final class AnthropicStream implements StreamDecoder {

  private final AnthropicResponses.Counts counts = new AnthropicResponses.Counts();

  /** Tool calls by content block index: the answer's tool calls are numbered from 0. */
  private final Map<Long, Integer> toolCalls = new HashMap<>();

  @Override
  public boolean frame(String name, byte[] data, int offset, int length, ResponseSink out)
      throws IOException {
    if (name.equals("error")) {
      out.error(errorPayload(data, offset, length));
      return true;
    }
    if (name.equals("ping") || name.equals("content_block_stop")) {
      return false;
    }
    if (name.equals("message_stop")) {
      out.complete();
      return true;
    }
    if (name.equals("content_block_delta")) {
      delta(data, offset, length, out); // the hot path: one per token, read without a tree
      return false;
    }
    JsonValue event = parse(data, offset, length);
    // without an event: line (some gateways), the data's own type names the event
    String type = name.equals("message") ? string(event, "type").orElse("") : name;
    switch (type) {
      case "content_block_delta" -> delta(event, out);
      case "content_block_start" -> start(event, out);
      case "message_start" -> {
        JsonValue message = event.get("message").orElse(event);
        string(message, "model").ifPresent(out::model);
        string(message, "id").ifPresent(out::responseId);
        message.get("usage").ifPresent(usage -> usage(usage, out));
      }
      case "message_delta" -> {
        event
            .get("delta")
            .flatMap(delta -> string(delta, "stop_reason"))
            .ifPresent(reason -> out.finishReason(AnthropicResponses.finishReason(reason)));
        event.get("usage").ifPresent(usage -> usage(usage, out));
      }
      case "message_stop" -> {
        out.complete();
        return true;
      }
      case "error" -> {
        out.error(event);
        return true;
      }
      default -> {
        if (AnthropicResponses.isError(event)) {
          out.error(event);
          return true;
        }
      }
    }
    return false;
  }

  private static JsonValue parse(byte[] data, int offset, int length) throws IOException {
    try (JsonReader in = Json.reader(data, offset, length)) {
      if (in.next() != JsonReader.Token.START_OBJECT) {
        throw in.unexpected("expected a JSON object");
      }
      return in.readValue();
    }
  }

  private static JsonValue errorPayload(byte[] data, int offset, int length) {
    String text = new String(data, offset, length, StandardCharsets.UTF_8);
    try {
      JsonValue payload = Json.parse(text);
      if (AnthropicResponses.isError(payload) && payload.get("error").isPresent()) {
        return payload;
      }
      return JsonValue.object(Map.of("type", JsonValue.of("error"), "error", payload));
    } catch (IllegalArgumentException notJson) {
      return JsonValue.object(
          Map.of(
              "type",
              JsonValue.of("error"),
              "error",
              JsonValue.object(Map.of("message", JsonValue.of(text)))));
    }
  }

  private void start(JsonValue event, ResponseSink out) {
    JsonValue block = event.get("content_block").orElse(JsonValue.ofNull());
    String type = string(block, "type").orElse("");
    if (type.equals("tool_use")) {
      int call = toolCalls.size();
      toolCalls.put(index(event), call);
      out.toolCall(call, string(block, "id").orElse(""), string(block, "name").orElse(""), "");
    } else if (type.equals("text")) {
      string(block, "text").filter(text -> !text.isEmpty()).ifPresent(out::text);
    } else if (type.equals("thinking")) {
      string(block, "thinking").ifPresent(out::reasoning);
    }
  }

  /**
   * A {@code content_block_delta} read straight from its bytes: {@code index} and {@code delta}.
   */
  private void delta(byte[] data, int offset, int length, ResponseSink out) throws IOException {
    long index = -1;
    String type = "";
    String value = null;
    try (JsonReader in = Json.reader(data, offset, length)) {
      if (in.next() != JsonReader.Token.START_OBJECT) {
        throw in.unexpected("expected a JSON object");
      }
      while (in.next() == JsonReader.Token.NAME) {
        String field = in.name();
        JsonReader.Token token = in.next();
        if (field.equals("index") && token == JsonReader.Token.INTEGER) {
          index = in.longValue();
        } else if (field.equals("delta") && token == JsonReader.Token.START_OBJECT) {
          while (in.next() == JsonReader.Token.NAME) {
            String member = in.name();
            JsonReader.Token memberToken = in.next();
            if (memberToken != JsonReader.Token.STRING) {
              in.skipChildren();
            } else if (member.equals("type")) {
              type = in.text();
            } else if (member.equals("text")
                || member.equals("thinking")
                || member.equals("partial_json")) {
              value = in.text();
            }
          }
        } else {
          in.skipChildren();
        }
      }
    }
    delta(index, type, value, out);
  }

  private void delta(long index, String type, String value, ResponseSink out) {
    switch (type) {
      case "text_delta" -> out.text(value == null ? "" : value);
      case "thinking_delta" -> {
        if (value != null) {
          out.reasoning(value);
        }
      }
      case "input_json_delta" -> {
        Integer call = toolCalls.get(index);
        if (call != null && value != null && !value.isEmpty()) {
          out.toolCall(call, "", "", value);
        }
      }
      default -> {} // signature_delta, citations_delta: nothing the answer carries
    }
  }

  /** A {@code content_block_delta} that came without its event name, already parsed. */
  private void delta(JsonValue event, ResponseSink out) {
    JsonValue delta = event.get("delta").orElse(JsonValue.ofNull());
    String type = string(delta, "type").orElse("");
    String value =
        string(delta, "text")
            .or(() -> string(delta, "thinking"))
            .or(() -> string(delta, "partial_json"))
            .orElse(null);
    delta(index(event), type, value, out);
  }

  private void usage(JsonValue usage, ResponseSink out) {
    counts.add(usage).usage().ifPresent(out::usage);
  }

  private static long index(JsonValue event) {
    OptionalLong index = AnthropicResponses.count(event, "index");
    return index.isPresent() ? index.getAsLong() : -1;
  }
}
