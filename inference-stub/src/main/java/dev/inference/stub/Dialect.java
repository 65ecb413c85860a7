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
  ANTHROPIC("/v1/messages"),
  /**
   * inferd protocol v1: NDJSON frames on a Unix domain socket and/or loopback TCP (with an optional
   * key), and an admin socket with the daemon's lifecycle; see {@link InferdOptions} and {@link
   * InferdSockets}. It has no HTTP chat path: its request frames are recorded with the method
   * {@code FRAME} and the path {@code infer}, and its HTTP port serves only the control endpoints.
   *
   * @since 0.2
   */
  INFERD("infer");

  private final String chatPath;

  Dialect(String chatPath) {
    this.chatPath = chatPath;
  }

  /**
   * The path of the chat endpoint.
   *
   * @return {@code /v1/chat/completions}, {@code /api/chat}, {@code /v1/messages}, or {@code infer}
   *     for {@link #INFERD}
   */
  public String chatPath() {
    return chatPath;
  }

  /**
   * The name used on command lines: {@code openai}, {@code ollama}, {@code anthropic} or {@code
   * inferd}.
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
      case INFERD -> "end";
    };
  }

  /**
   * The dialect of a command-line name.
   *
   * @param name {@code openai}, {@code ollama}, {@code anthropic} or {@code inferd}, in any case
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
