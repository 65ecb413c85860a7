package dev.inference.anthropic.internal;

import dev.inference.FinishReason;
import dev.inference.JsonValue;
import dev.inference.Usage;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.JsonReader;
import dev.inference.kit.ResponseSink;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads a whole Messages response, and the pieces a stream shares with it. */
final class AnthropicResponses {

  private static final String MESSAGE = "message";
  private static final JsonValue MESSAGE_TYPE = JsonValue.of(MESSAGE);
  private static final String TEXT = "text";

  private AnthropicResponses() {}

  /**
   * A whole message, read token by token with no tree but a tool call's input: content blocks, stop
   * reason, usage, model; or the error envelope, whose members (all but a message's own) are kept
   * for the error.
   *
   * @param in a reader before the body's first token
   * @param out where it goes
   * @throws IOException if the body is not a JSON object
   */
  static void readMessage(JsonReader in, ResponseSink out) throws IOException {
    if (in.next() != JsonReader.Token.START_OBJECT) {
      throw in.unexpected("expected a JSON object");
    }
    Map<String, JsonValue> others = null; // members a message does not have: an error's
    String stopReason = null;
    Counts counts = null;
    while (in.next() == JsonReader.Token.NAME) {
      String field = in.name();
      JsonReader.Token token = in.next();
      switch (field) {
        case "content" -> {
          if (token == JsonReader.Token.START_ARRAY) {
            readBlocks(in, out);
          } else {
            in.skipChildren();
          }
        }
        case "usage" -> {
          if (token == JsonReader.Token.START_OBJECT) {
            counts = new Counts().read(in);
          } else {
            in.skipChildren();
          }
        }
        case "model", "id", "stop_reason" -> {
          if (token != JsonReader.Token.STRING) {
            in.skipChildren(); // not the documented shape: left out, as a tree read would
          } else if (field.equals("model")) {
            out.model(in.text());
          } else if (field.equals("id")) {
            out.responseId(in.text());
          } else {
            stopReason = in.text();
          }
        }
        case "role", "stop_sequence" -> in.skipChildren();
        default -> {
          JsonValue value = token == JsonReader.Token.STRING ? text(in, field) : in.readValue();
          if (value != MESSAGE_TYPE) {
            others = others != null ? others : new LinkedHashMap<>();
            others.put(field, value);
          }
        }
      }
    }
    JsonValue kept = others != null ? JsonValue.object(others) : null;
    if (kept != null && isError(kept)) {
      out.error(kept);
      return;
    }
    if (stopReason != null) {
      out.finishReason(finishReason(stopReason));
    }
    if (counts != null) {
      counts.usage().ifPresent(out::usage);
    }
    out.complete();
  }

  /** A string member kept aside, or {@link #MESSAGE_TYPE} for a message's own type. */
  private static JsonValue text(JsonReader in, String field) throws IOException {
    if (!"type".equals(field)) {
      return JsonValue.of(in.text());
    }
    String type = in.text(MESSAGE);
    return type.equals(MESSAGE) ? MESSAGE_TYPE : JsonValue.of(type);
  }

  /** The content blocks, in order: text, thinking and tool use; others are not answers. */
  private static void readBlocks(JsonReader in, ResponseSink out) throws IOException {
    while (in.next() != JsonReader.Token.END_ARRAY) {
      if (in.current() != JsonReader.Token.START_OBJECT) {
        in.skipChildren();
        continue;
      }
      String type = "";
      String text = null;
      String thinking = null;
      String id = "";
      String name = "";
      JsonValue input = null;
      while (in.next() == JsonReader.Token.NAME) {
        String field = in.name();
        JsonReader.Token token = in.next();
        if ("input".equals(field)) {
          input = in.readValue();
        } else if (token != JsonReader.Token.STRING) {
          in.skipChildren();
        } else {
          switch (field) {
            case "type" -> type = in.text(TEXT);
            case "text" -> text = in.text();
            case "thinking" -> thinking = in.text();
            case "id" -> id = in.text();
            case "name" -> name = in.text();
            default -> {} // signatures, citations' strings
          }
        }
      }
      switch (type) {
        case "text" -> out.text(text != null ? text : "");
        case "thinking" -> {
          if (thinking != null) {
            out.reasoning(thinking);
          }
        }
        case "tool_use" ->
            out.toolCall(id, name, input != null ? input : JsonValue.object(Map.of()));
        default -> {} // redacted_thinking is opaque; server tool blocks are not answers
      }
    }
  }

  /** The error envelope, {@code {"type":"error","error":{...}}}, or any shape the kit knows. */
  static boolean isError(JsonValue value) {
    return string(value, "type").filter("error"::equals).isPresent()
        || ErrorMapper.isErrorPayload(value);
  }

  /**
   * A stop reason: {@code end_turn} and {@code stop_sequence} are STOP, {@code max_tokens} LENGTH,
   * {@code tool_use} TOOL_CALLS, {@code refusal} CONTENT_FILTER; {@code pause_turn} and anything
   * else OTHER, the word kept.
   */
  static FinishReason finishReason(String raw) {
    FinishReason.Kind kind =
        switch (raw) {
          case "end_turn", "stop_sequence" -> FinishReason.Kind.STOP;
          case "max_tokens", "model_context_window_exceeded" -> FinishReason.Kind.LENGTH;
          case "tool_use" -> FinishReason.Kind.TOOL_CALLS;
          case "refusal" -> FinishReason.Kind.CONTENT_FILTER;
          default -> FinishReason.Kind.OTHER;
        };
    return new FinishReason(kind, raw);
  }

  /**
   * The token counts so far. Anthropic's {@code input_tokens} leaves out the tokens written to and
   * read from the prompt cache; the prompt count is all three, and the cache reads are its cached
   * part. The total is computed only when both sides are known.
   */
  static final class Counts {
    // -1 when absent: longs rather than an OptionalLong per count read
    private long input = -1;
    private long cacheCreation = -1;
    private long cacheRead = -1;
    private long output = -1;

    /** Takes the counts a usage object has; later counts replace earlier ones. */
    Counts add(JsonValue usage) {
      if (usage instanceof JsonValue.ObjectValue object) {
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
          OptionalLong value = member.getValue().asLong();
          if (value.isPresent()) {
            take(member.getKey(), value.getAsLong());
          }
        }
      }
      return this;
    }

    /** Takes the counts of a usage object the reader is in, up to its end. */
    Counts read(JsonReader in) throws IOException {
      while (in.next() == JsonReader.Token.NAME) {
        String field = in.name();
        if (in.next() == JsonReader.Token.INTEGER) {
          take(field, in.longValue());
        } else {
          in.skipChildren(); // the nested breakdowns (cache_creation, server_tool_use)
        }
      }
      return this;
    }

    /** One member of a usage object: a count this reads, when it is one (a whole number >= 0). */
    private void take(String field, long value) {
      if (value < 0) {
        return;
      }
      switch (field) {
        case "input_tokens" -> input = value;
        case "cache_creation_input_tokens" -> cacheCreation = value;
        case "cache_read_input_tokens" -> cacheRead = value;
        case "output_tokens" -> output = value;
        default -> {}
      }
    }

    /** The usage, or empty when no count came. */
    Optional<Usage> usage() {
      if (input < 0 && output < 0) {
        return Optional.empty();
      }
      OptionalLong prompt =
          input >= 0
              ? OptionalLong.of(input + Math.max(cacheCreation, 0) + Math.max(cacheRead, 0))
              : OptionalLong.empty();
      Usage usage =
          Usage.fromCounts(prompt, output >= 0 ? OptionalLong.of(output) : OptionalLong.empty());
      if (cacheRead >= 0 && input >= 0) {
        usage = usage.withCachedInputTokens(cacheRead);
      }
      return Optional.of(usage);
    }
  }

  static OptionalLong count(JsonValue object, String name) {
    OptionalLong count = object.get(name).map(JsonValue::asLong).orElse(OptionalLong.empty());
    return count.isPresent() && count.getAsLong() >= 0 ? count : OptionalLong.empty();
  }

  static Optional<String> string(JsonValue object, String name) {
    return object.get(name).flatMap(JsonValue::asString);
  }

  static List<JsonValue> array(JsonValue object, String name) {
    return object
        .get(name)
        .filter(JsonValue.ArrayValue.class::isInstance)
        .map(value -> ((JsonValue.ArrayValue) value).elements())
        .orElse(List.of());
  }
}
