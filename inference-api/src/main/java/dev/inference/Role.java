package dev.inference;

/**
 * Who wrote a {@link Message}.
 *
 * @since 0.1
 */
public enum Role {
  /** Instructions that frame the conversation. */
  SYSTEM,
  /** The person or program asking. */
  USER,
  /** The model, in an earlier turn. */
  ASSISTANT,
  /**
   * The results of tools the model called, sent back to it.
   *
   * @since 0.2
   */
  TOOL
}
