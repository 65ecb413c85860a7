package dev.inference.stub;

import dev.inference.JsonValue;
import dev.inference.Part;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads a {@link Reply} from its JSON form, as {@link Reply#fromJson} documents it. */
final class ReplySpecs {

  private ReplySpecs() {}

  static Reply parse(JsonValue spec) {
    return parse(spec, Dialect.OPENAI);
  }

  /**
   * The reply of a spec sent to a server of this dialect: an error without a {@code body} gets the
   * dialect's error shape ({@link Reply#apiError}: OpenAI's {@code {"error":{"message","type",
   * "param","code"}}}, Ollama's {@code {"error":"stub error"}}, or Anthropic's {@code
   * {"type":"error","error":{"type","message"}}} with the type of the status).
   */
  static Reply parse(JsonValue spec, Dialect dialect) {
    String type = string(spec, "type").orElse("");
    Reply reply =
        switch (type) {
          case "text" -> Reply.text(required(spec, "text"));
          case "json" ->
              Reply.json(
                  spec.get("json")
                      .orElseThrow(
                          () -> new IllegalArgumentException("a json reply needs 'json'")));
          case "stream" -> {
            List<String> deltas = new ArrayList<>();
            if (spec.get("deltas").orElse(null) instanceof JsonValue.ArrayValue array) {
              array.elements().forEach(e -> deltas.add(e.asString().orElse(e.toJson())));
            }
            yield Reply.stream(deltas);
          }
          case "error" -> {
            Optional<String> code = string(spec, "code");
            if (code.isPresent()) {
              yield Reply.inferdError(code.get(), string(spec, "message").orElse("stub error"));
            }
            int status = (int) number(spec, "status").orElse(500);
            Optional<JsonValue> body = spec.get("body");
            yield body.isPresent()
                ? Reply.error(status, body.get().asString().orElse(body.get().toJson()))
                : Reply.apiError(status, string(spec, "message").orElse("stub error"));
          }
          case "stall" -> {
            OptionalLong ms = number(spec, "ms");
            yield ms.isPresent() ? Reply.stall(Duration.ofMillis(ms.getAsLong())) : Reply.stall();
          }
          case "drop" -> Reply.drop();
          case "tool_calls" -> {
            List<Part.ToolCall> calls = toolCalls(spec);
            Optional<String> text = string(spec, "text");
            yield text.isPresent()
                ? Reply.text(text.get()).withToolCalls(calls)
                : Reply.toolCalls(calls);
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown reply type '"
                      + type
                      + "'; known types: text, json, stream, tool_calls, error, stall, drop");
        };
    if (spec.get("headers").orElse(null) instanceof JsonValue.ObjectValue object) {
      for (Map.Entry<String, JsonValue> header : object.members().entrySet()) {
        JsonValue value = header.getValue();
        reply = reply.withHeader(header.getKey(), value.asString().orElse(value.toJson()));
      }
    }
    if (reply.parts().kind() != Reply.Kind.CONTENT) {
      return reply;
    }
    Optional<String> id = string(spec, "id");
    if (id.isPresent()) {
      reply = reply.withId(id.get());
    }
    JsonValue created = spec.get("created").orElse(null);
    if (created instanceof JsonValue.NumberValue seconds) {
      reply = reply.withCreated(Instant.ofEpochSecond(seconds.longValue()));
    } else if (created instanceof JsonValue.StringValue text) {
      try {
        reply = reply.withCreated(Instant.parse(text.value()));
      } catch (DateTimeParseException bad) {
        throw new IllegalArgumentException(
            "'created' must be Unix seconds or an RFC 3339 instant, but was " + text.value());
      }
    }
    Optional<String> field = string(spec, "reasoning_field");
    if (field.isPresent()) {
      reply = reply.withReasoningField(ReasoningField.fromJsonName(field.get()));
    }
    OptionalLong delay = number(spec, "delay_ms");
    if (delay.isPresent()) {
      reply = reply.withDelay(Duration.ofMillis(delay.getAsLong()));
    }
    Optional<String> reasoning = string(spec, "reasoning");
    if (reasoning.isPresent()) {
      reply = reply.withReasoning(reasoning.get());
    }
    Optional<String> finish = string(spec, "finish_reason");
    if (finish.isPresent()) {
      reply = reply.withFinishReason(finish.get());
    }
    Optional<String> model = string(spec, "model");
    if (model.isPresent()) {
      reply = reply.withModel(model.get());
    }
    Optional<String> end = string(spec, "end");
    if (end.isPresent()) {
      reply =
          switch (end.get()) {
            case "stall" -> reply.stallingAfterDeltas();
            case "truncate" -> reply.truncatedAfterDeltas();
            case "drop" -> reply.droppingAfterDeltas();
            case "error" -> reply.failingAfterDeltas(string(spec, "error").orElse("stub error"));
            default ->
                throw new IllegalArgumentException(
                    "unknown end '" + end.get() + "'; known ends: stall, truncate, drop, error");
          };
    }
    Optional<JsonValue> usage = spec.get("usage");
    if (usage.isPresent()) {
      if (usage.get() == JsonValue.BooleanValue.FALSE) {
        reply = reply.withoutUsage();
      } else {
        reply =
            reply.withUsage(
                number(usage.get(), "prompt_tokens").orElse(0),
                number(usage.get(), "completion_tokens").orElse(0));
      }
    }
    return reply;
  }

  /** {@code calls}: {@code [{"id"?,"name","arguments"?}]}, arguments an object or raw text. */
  private static List<Part.ToolCall> toolCalls(JsonValue spec) {
    if (!(spec.get("calls").orElse(null) instanceof JsonValue.ArrayValue array)
        || array.elements().isEmpty()) {
      throw new IllegalArgumentException(
          "a tool_calls reply needs 'calls': [{\"name\":..,\"arguments\":{..}}, ...]");
    }
    List<Part.ToolCall> calls = new ArrayList<>();
    for (JsonValue call : array.elements()) {
      int n = calls.size() + 1;
      String name =
          string(call, "name")
              .orElseThrow(
                  () -> new IllegalArgumentException("tool call " + n + " needs a string 'name'"));
      String id = string(call, "id").orElse("call_" + n);
      JsonValue arguments = call.get("arguments").orElse(JsonValue.object(Map.of()));
      calls.add(
          arguments instanceof JsonValue.StringValue raw
              ? Part.ToolCall.parse(id, name, raw.value())
              : Part.ToolCall.of(id, name, arguments));
    }
    return calls;
  }

  private static String required(JsonValue spec, String name) {
    return string(spec, name)
        .orElseThrow(() -> new IllegalArgumentException("the reply needs a string '" + name + "'"));
  }

  private static Optional<String> string(JsonValue spec, String name) {
    return spec.get(name).flatMap(JsonValue::asString);
  }

  private static OptionalLong number(JsonValue spec, String name) {
    return spec.get(name).orElse(null) instanceof JsonValue.NumberValue number
        ? OptionalLong.of(number.longValue())
        : OptionalLong.empty();
  }
}
