package dev.inference;

/**
 * Who wrote a {@link Message}.
 *
 * @since 0.1
 */
public enum Role {
  /** Instructions that frame the conversation. */
  SYSTEM("system"),
  /** The person or program asking. */
  USER("user"),
  /** The model, in an earlier turn. */
  ASSISTANT("assistant"),
  /**
   * The results of tools the model called, sent back to it.
   *
   * @since 0.2
   */
  TOOL("tool");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The lower-case wire name ({@code user}), the same string every time.
   *
   * @return the wire name
   * @since 0.2
   */
  public String wireName() {
    return wireName;
  }
}
