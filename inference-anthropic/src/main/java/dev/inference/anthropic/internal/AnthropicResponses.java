package dev.inference.anthropic.internal;

import dev.inference.FinishReason;
import dev.inference.JsonValue;
import dev.inference.Usage;
import dev.inference.kit.ErrorMapper;
import dev.inference.kit.ResponseSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads a whole Messages response, and the pieces a stream shares with it. */
final class AnthropicResponses {

  private AnthropicResponses() {}

  /**
   * A whole message: content blocks, stop reason, usage, model; or the error envelope.
   *
   * @param message the body
   * @param out where it goes
   */
  static void readMessage(JsonValue message, ResponseSink out) {
    if (isError(message)) {
      out.error(message);
      return;
    }
    string(message, "model").ifPresent(out::model);
    string(message, "id").ifPresent(out::responseId);
    for (JsonValue block : array(message, "content")) {
      String type = string(block, "type").orElse("");
      switch (type) {
        case "text" -> out.text(string(block, "text").orElse(""));
        case "thinking" -> string(block, "thinking").ifPresent(out::reasoning);
        case "tool_use" ->
            out.toolCall(
                string(block, "id").orElse(""),
                string(block, "name").orElse(""),
                block.get("input").orElse(JsonValue.object(Map.of())));
        default -> {} // redacted_thinking is opaque; server tool blocks are not answers
      }
    }
    string(message, "stop_reason").ifPresent(reason -> out.finishReason(finishReason(reason)));
    message.get("usage").ifPresent(usage -> new Counts().add(usage).usage().ifPresent(out::usage));
    out.complete();
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
    private OptionalLong input = OptionalLong.empty();
    private OptionalLong cacheCreation = OptionalLong.empty();
    private OptionalLong cacheRead = OptionalLong.empty();
    private OptionalLong output = OptionalLong.empty();

    /** Takes the counts a usage object has; later counts replace earlier ones. */
    Counts add(JsonValue usage) {
      input = count(usage, "input_tokens").isPresent() ? count(usage, "input_tokens") : input;
      cacheCreation =
          count(usage, "cache_creation_input_tokens").isPresent()
              ? count(usage, "cache_creation_input_tokens")
              : cacheCreation;
      cacheRead =
          count(usage, "cache_read_input_tokens").isPresent()
              ? count(usage, "cache_read_input_tokens")
              : cacheRead;
      output = count(usage, "output_tokens").isPresent() ? count(usage, "output_tokens") : output;
      return this;
    }

    /** The usage, or empty when no count came. */
    Optional<Usage> usage() {
      if (input.isEmpty() && output.isEmpty()) {
        return Optional.empty();
      }
      OptionalLong prompt =
          input.isPresent()
              ? OptionalLong.of(input.getAsLong() + cacheCreation.orElse(0) + cacheRead.orElse(0))
              : OptionalLong.empty();
      Usage usage = Usage.fromCounts(prompt, output);
      if (cacheRead.isPresent() && input.isPresent()) {
        usage = usage.withCachedInputTokens(cacheRead.getAsLong());
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
