package dev.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The conversation of an {@link InferenceRequest.Builder}: either the shorthand (a system and a
 * user prompt) or messages, never both, and how a shorthand inherited from {@link
 * InferenceRequest#toBuilder()} turns into messages when the caller goes on with messages.
 */
final class ConversationDraft {

  // List.of() until a message comes (a shorthand request never makes a list), then an ArrayList
  private List<Message> messages = List.of();
  private @Nullable String systemPrompt;
  private @Nullable String userPrompt;
  // true while the shorthand came from toBuilder() and the caller has not touched it
  private boolean inheritedShorthand;

  /** Starts from a built request's conversation: its shorthand if it had one, else its messages. */
  void inherit(@Nullable String system, @Nullable String user, List<Message> built) {
    if (user != null) {
      systemPrompt = system;
      userPrompt = user;
      inheritedShorthand = true;
    } else {
      mutableMessages().addAll(built);
    }
  }

  void systemPrompt(String text) {
    systemPrompt = Objects.requireNonNull(text, "systemPrompt");
    inheritedShorthand = false;
  }

  void userPrompt(String text) {
    userPrompt = Objects.requireNonNull(text, "userPrompt");
    inheritedShorthand = false;
  }

  void messages(List<Message> replacement) {
    List<Message> copy = List.copyOf(replacement);
    shorthandToMessages();
    messages = new ArrayList<>(copy);
  }

  void add(Message message) {
    Objects.requireNonNull(message, "message");
    shorthandToMessages();
    mutableMessages().add(message);
  }

  /** The system prompt of a shorthand conversation, for toBuilder(); null otherwise. */
  @Nullable String shorthandSystemPrompt() {
    return userPrompt == null ? null : systemPrompt;
  }

  /** The user prompt of a shorthand conversation, for toBuilder(); null otherwise. */
  @Nullable String shorthandUserPrompt() {
    return userPrompt;
  }

  /**
   * The conversation as messages, to be copied (a list given as messages is this draft's own);
   * fails when it is empty or mixes the two forms.
   */
  List<Message> toMessages() {
    if (systemPrompt != null || userPrompt != null) {
      if (!messages.isEmpty()) {
        throw new IllegalStateException("set either systemPrompt/userPrompt or messages, not both");
      }
      if (userPrompt == null) {
        throw new IllegalStateException("systemPrompt was set without a userPrompt");
      }
      // immutable already, so the request's List.copyOf keeps it as it is
      return systemPrompt != null
          ? List.of(Message.system(systemPrompt), Message.user(userPrompt))
          : List.of(Message.user(userPrompt));
    }
    if (messages.isEmpty()) {
      throw new IllegalStateException(
          "messages must not be empty: set userPrompt(...) or messages(...)");
    }
    return messages;
  }

  private List<Message> mutableMessages() {
    if (!(messages instanceof ArrayList)) {
      messages = new ArrayList<>(messages);
    }
    return messages;
  }

  /** Turns a shorthand inherited from toBuilder() into messages, to go on with messages. */
  private void shorthandToMessages() {
    if (!inheritedShorthand) {
      return;
    }
    List<Message> list = mutableMessages();
    if (systemPrompt != null) {
      list.add(Message.system(systemPrompt));
    }
    list.add(Message.user(Objects.requireNonNull(userPrompt)));
    systemPrompt = null;
    userPrompt = null;
    inheritedShorthand = false;
  }
}
