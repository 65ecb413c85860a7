package dev.inference.stub;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The wire dialect a {@link StubServer} speaks.
 *
 * @since 0.1
 */
public enum Dialect {
  /**
   * OpenAI chat completions: {@code POST /v1/chat/completions} (JSON, or SSE when {@code
   * "stream":true}) and {@code GET /v1/models}.
   */
  OPENAI("/v1/chat/completions"),
  /**
   * Ollama's native API: {@code POST /api/chat} (NDJSON unless {@code "stream":false}), {@code
   * /api/tags}, {@code /api/version}, {@code /api/show} and {@code /api/pull} with progress.
   */
  OLLAMA("/api/chat"),
  /**
   * Anthropic Messages: {@code POST /v1/messages} (JSON, or SSE with named events when {@code
   * "stream":true}) and {@code GET /v1/models} (and {@code /v1/models/{id}}).
   *
   * @since 0.2
   */
  ANTHROPIC("/v1/messages");

  private final String chatPath;

  Dialect(String chatPath) {
    this.chatPath = chatPath;
  }

  /**
   * The path of the chat endpoint.
   *
   * @return {@code /v1/chat/completions}, {@code /api/chat} or {@code /v1/messages}
   */
  public String chatPath() {
    return chatPath;
  }

  /**
   * The name used on command lines: {@code openai}, {@code ollama} or {@code anthropic}.
   *
   * @return the lower-case name
   */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The finish reason of an answer when the reply names none. */
  String finishReason(boolean toolCalls) {
    return switch (this) {
      case OPENAI -> toolCalls ? "tool_calls" : "stop";
      case OLLAMA -> "stop";
      case ANTHROPIC -> toolCalls ? "tool_use" : "end_turn";
    };
  }

  /**
   * The dialect of a command-line name.
   *
   * @param name {@code openai}, {@code ollama} or {@code anthropic}, in any case
   * @return the dialect
   * @throws IllegalArgumentException for any other name, listing the known ones
   */
  public static Dialect fromName(String name) {
    Objects.requireNonNull(name, "name");
    for (Dialect dialect : values()) {
      if (dialect.cliName().equalsIgnoreCase(name.strip())) {
        return dialect;
      }
    }
    throw new IllegalArgumentException(
        "unknown dialect '"
            + name
            + "'; known dialects: "
            + Arrays.stream(values()).map(Dialect::cliName).collect(Collectors.joining(", ")));
  }
}
