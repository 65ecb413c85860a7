package dev.inference;

import java.util.Locale;
import java.util.Objects;

/**
 * Why generation stopped: a normalised {@link Kind} plus the provider's own word for it.
 *
 * @param kind the normalised reason, never {@code null}
 * @param raw what the provider sent ({@code "stop"}, {@code "model_length"}, Ollama {@code
 *     "load"}), never {@code null}
 * @since 0.1
 */
public record FinishReason(Kind kind, String raw) {

  /** The normalised reasons. */
  public enum Kind {
    /** A natural end or a stop sequence. */
    STOP,
    /** The output-token limit or the context window was reached. */
    LENGTH,
    /** The provider's content filter cut the answer. */
    CONTENT_FILTER,
    /** The model asked for tool calls. */
    TOOL_CALLS,
    /** The provider reported an error as the finish reason. */
    ERROR,
    /** A reason this library does not know; see {@link FinishReason#raw()}. */
    OTHER
  }

  /**
   * Checks the components.
   *
   * @param kind the normalised reason
   * @param raw the provider's word
   */
  public FinishReason {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(raw, "raw");
  }

  /**
   * Normalises a provider's finish reason: {@code stop}, {@code length} (and Mistral's {@code
   * model_length}), {@code content_filter}, {@code tool_calls} (and the deprecated {@code
   * function_call}), {@code error}; anything else is {@link Kind#OTHER}.
   *
   * @param raw the provider's word
   * @return the finish reason, keeping {@code raw}
   */
  public static FinishReason fromProvider(String raw) {
    Kind kind =
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
          case "stop", "end_turn", "stop_sequence" -> Kind.STOP;
          case "length", "model_length", "max_tokens" -> Kind.LENGTH;
          case "content_filter" -> Kind.CONTENT_FILTER;
          case "tool_calls", "function_call", "tool_use" -> Kind.TOOL_CALLS;
          case "error" -> Kind.ERROR;
          default -> Kind.OTHER;
        };
    return new FinishReason(kind, raw);
  }

  /**
   * Whether this reason is of the given kind.
   *
   * @param kind the kind to compare with
   * @return {@code true} when {@link #kind()} is {@code kind}
   */
  public boolean is(Kind kind) {
    return this.kind == kind;
  }
}
