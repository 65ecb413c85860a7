package dev.inference;

import java.util.Objects;

/**
 * One event of an {@link InferenceStream}: text, reasoning and tool-call deltas in order, then
 * exactly one {@link Completed}. New kinds of event may be added in a minor version: switch over
 * events with a default branch.
 *
 * @since 0.1
 */
public sealed interface StreamEvent {

  /**
   * A piece of the answer's text, in order.
   *
   * @param text the new text, never {@code null}
   */
  record TextDelta(String text) implements StreamEvent {
    /**
     * Checks the text.
     *
     * @param text the new text
     */
    public TextDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A piece of the model's reasoning, kept apart from the answer's text.
   *
   * @param text the new reasoning text, never {@code null}
   */
  record ReasoningDelta(String text) implements StreamEvent {
    /**
     * Checks the text.
     *
     * @param text the new reasoning text
     */
    public ReasoningDelta {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A piece of a tool call, as the provider streams it: the first piece of a call carries its id
   * and name, later pieces a fragment of its arguments' JSON text. Fragments may be cut anywhere,
   * even inside a JSON string; the {@link Completed} response holds every call assembled and parsed
   * ({@link InferenceResponse#toolCalls()}).
   *
   * @param index which call of the answer this piece belongs to, from 0
   * @param id the call's id on its first piece; empty on the others or when the provider gives none
   * @param name the tool's name on the call's first piece; empty on the others
   * @param argumentsFragment the next piece of the arguments' text; may be empty
   * @since 0.2
   */
  record ToolCallDelta(int index, String id, String name, String argumentsFragment)
      implements StreamEvent {
    /**
     * Checks the components.
     *
     * @param index the call's index
     * @param id the id, or empty
     * @param name the name, or empty
     * @param argumentsFragment the fragment
     */
    public ToolCallDelta {
      if (index < 0) {
        throw new IllegalArgumentException("index must be >= 0, but was " + index);
      }
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(argumentsFragment, "argumentsFragment");
    }
  }

  /**
   * The last event: the same response a non-streaming call returns, usage and finish reason
   * included; its text is the concatenation of every {@link TextDelta}.
   *
   * @param response the complete response, never {@code null}
   */
  record Completed(InferenceResponse response) implements StreamEvent {
    /**
     * Checks the response.
     *
     * @param response the complete response
     */
    public Completed {
      Objects.requireNonNull(response, "response");
    }
  }
}
