package dev.inference;

import java.util.Objects;

/**
 * One event of an {@link InferenceStream}: text and reasoning deltas in order, then exactly one
 * {@link Completed}.
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
