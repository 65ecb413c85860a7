package dev.inference.testkit.internal;

import dev.inference.JsonValue;
import java.util.Optional;

/** JSON Pointer (RFC 6901) look-ups on {@link JsonValue}. */
public final class Json {

  private Json() {}

  /**
   * The value at a pointer.
   *
   * @param root the document
   * @param pointer the pointer, such as {@code /messages/0/content}
   * @return the value, or empty when the path does not exist
   */
  public static Optional<JsonValue> at(JsonValue root, String pointer) {
    if (pointer.isEmpty()) {
      return Optional.of(root);
    }
    JsonValue current = root;
    for (String raw : pointer.substring(1).split("/", -1)) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      if (current instanceof JsonValue.ObjectValue object) {
        current = object.members().get(token);
      } else if (current instanceof JsonValue.ArrayValue array && token.matches("\\d+")) {
        int index = Integer.parseInt(token);
        current = index < array.elements().size() ? array.elements().get(index) : null;
      } else {
        current = null;
      }
      if (current == null) {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }
}
