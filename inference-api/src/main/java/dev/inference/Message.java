package dev.inference;

import java.util.Objects;

/**
 * One turn of a conversation: a {@link Role} and its text.
 *
 * @param role who wrote it, never {@code null}
 * @param content the text, never {@code null}; may be empty
 * @since 0.1
 */
public record Message(Role role, String content) {

  /**
   * Checks the components.
   *
   * @param role who wrote it
   * @param content the text
   */
  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /**
   * A system message.
   *
   * @param content the instructions
   * @return the message
   */
  public static Message system(String content) {
    return new Message(Role.SYSTEM, content);
  }

  /**
   * A user message.
   *
   * @param content the question or task
   * @return the message
   */
  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  /**
   * An assistant message, for an earlier turn of a multi-turn conversation.
   *
   * @param content what the model answered
   * @return the message
   */
  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }
}
