package dev.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation: a {@link Role} and its {@link Part}s.
 *
 * <p>{@code Message.user("text")} is the one-liner; {@link #of} takes parts. Which parts a role may
 * hold is checked here, so a driver never sees a conversation no provider could take: images only
 * in user messages, tool calls only in assistant messages, and a {@link Role#TOOL} message holds
 * tool results and nothing else. System messages hold text.
 *
 * @since 0.1
 */
public final class Message {

  private final Role role;
  private final List<Part> parts;

  private Message(Role role, List<Part> parts) {
    this.role = role;
    this.parts = parts;
  }

  /**
   * A message of parts.
   *
   * @param role who wrote it
   * @param parts its parts, in order
   * @return the message
   * @throws IllegalArgumentException if the role may not hold one of the parts, or a tool message
   *     holds no result
   * @since 0.2
   */
  public static Message of(Role role, List<? extends Part> parts) {
    Objects.requireNonNull(role, "role");
    List<Part> copy = List.copyOf(parts);
    for (Part part : copy) {
      check(role, part);
    }
    if (role == Role.TOOL && copy.isEmpty()) {
      throw new IllegalArgumentException("a TOOL message needs at least one ToolResult");
    }
    return new Message(role, copy);
  }

  /**
   * A message of parts.
   *
   * @param role who wrote it
   * @param parts its parts, in order
   * @return the message
   * @throws IllegalArgumentException as {@link #of(Role, List)}
   * @since 0.2
   */
  public static Message of(Role role, Part... parts) {
    return of(role, List.of(parts));
  }

  /**
   * A message of one text part.
   *
   * @param role who wrote it; not {@link Role#TOOL}
   * @param text the text; may be empty
   * @return the message
   */
  public static Message of(Role role, String text) {
    return of(role, List.of(new Part.Text(text)));
  }

  private static void check(Role role, Part part) {
    Objects.requireNonNull(part, "part");
    boolean allowed;
    if (part instanceof Part.Image) {
      allowed = role == Role.USER;
    } else if (part instanceof Part.ToolCall) {
      allowed = role == Role.ASSISTANT;
    } else if (part instanceof Part.ToolResult) {
      allowed = role == Role.TOOL;
    } else {
      allowed = role != Role.TOOL;
    }
    if (!allowed) {
      throw new IllegalArgumentException(
          "a "
              + role
              + " message cannot hold "
              + part.getClass().getSimpleName()
              + " parts: images go in USER messages, tool calls in ASSISTANT messages, tool"
              + " results in TOOL messages");
    }
  }

  /**
   * A system message.
   *
   * @param text the instructions
   * @return the message
   */
  public static Message system(String text) {
    return of(Role.SYSTEM, text);
  }

  /**
   * A user message.
   *
   * @param text the question or task
   * @return the message
   */
  public static Message user(String text) {
    return of(Role.USER, text);
  }

  /**
   * A user message with images: the text, then the images.
   *
   * @param text the question about the images
   * @param images the images
   * @return the message
   * @since 0.2
   */
  public static Message user(String text, Part.Image... images) {
    List<Part> parts = new ArrayList<>();
    parts.add(new Part.Text(text));
    parts.addAll(List.of(images));
    return of(Role.USER, parts);
  }

  /**
   * An assistant message, for an earlier turn of a multi-turn conversation.
   *
   * @param text what the model answered
   * @return the message
   */
  public static Message assistant(String text) {
    return of(Role.ASSISTANT, text);
  }

  /**
   * A tool message carrying results, in answer to the tool calls of the assistant message before
   * it.
   *
   * @param results the results
   * @return the message
   * @since 0.2
   */
  public static Message toolResults(List<Part.ToolResult> results) {
    return of(Role.TOOL, results);
  }

  /**
   * Who wrote the message.
   *
   * @return the role
   */
  public Role role() {
    return role;
  }

  /**
   * The parts, in order.
   *
   * @return an unmodifiable list
   * @since 0.2
   */
  public List<Part> parts() {
    return parts;
  }

  /**
   * The text parts, joined.
   *
   * @return the text; empty when there is none
   * @since 0.2
   */
  public String text() {
    if (parts.size() == 1 && parts.get(0) instanceof Part.Text only) {
      return only.text();
    }
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Part.Text piece) {
        text.append(piece.text());
      }
    }
    return text.toString();
  }

  /**
   * Whether every part is text: the message as v0.1 knew it.
   *
   * @return {@code true} when there are only text parts
   * @since 0.2
   */
  public boolean isTextOnly() {
    for (Part part : parts) {
      if (!(part instanceof Part.Text)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The parts of one kind, in order.
   *
   * @param kind the part class, such as {@code Part.ToolCall.class}
   * @param <P> the part type
   * @return an unmodifiable list, possibly empty
   * @since 0.2
   */
  public <P extends Part> List<P> parts(Class<P> kind) {
    List<P> found = new ArrayList<>();
    for (Part part : parts) {
      if (kind.isInstance(part)) {
        found.add(kind.cast(part));
      }
    }
    return List.copyOf(found);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Message that && role == that.role && parts.equals(that.parts);
  }

  @Override
  public int hashCode() {
    return 31 * role.hashCode() + parts.hashCode();
  }

  @Override
  public String toString() {
    return "Message{" + role + ", " + parts + '}';
  }
}
