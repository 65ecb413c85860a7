package dev.inference.kit;

import dev.inference.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the JSON object in a model's answer for the JSON response modes, exactly as {@code
 * bitloops-inference}'s {@code extract_json_object} does.
 *
 * <ol>
 *   <li>The stripped text is parsed strictly; if it is an object, that object is the answer.
 *   <li>Otherwise the raw text is scanned for brace-balanced top-level {@code {...}} spans,
 *       tracking {@code "..."} strings and backslash escapes (quotes are tracked outside braces
 *       too). Each span is parsed; the first that is an object wins. So prose around the object and
 *       {@code ```json} fences work, and {@code [{"a":1}]} yields {@code {"a":1}}. A stray {@code
 *       "} in the prose before the object can hide it, as in the reference.
 * </ol>
 *
 * <p>Linear: spans are disjoint, each is parsed at most once, and a span that fails moves the scan
 * past it.
 *
 * @since 0.2
 */
public final class JsonObjects {

  private JsonObjects() {}

  /**
   * The first JSON object in the text.
   *
   * @param text a model's answer
   * @return the object, or empty when the text holds none
   */
  public static Optional<JsonValue> extractObject(String text) {
    return extractObject(text, JsonObjects::parseObject);
  }

  /** The same, with the parser given, so that tests can count the work. */
  static Optional<JsonValue> extractObject(
      String text, java.util.function.Function<String, Optional<JsonValue>> parseObject) {
    Objects.requireNonNull(text, "text");
    String stripped = text.strip();
    if (stripped.startsWith("{")) {
      Optional<JsonValue> whole = parseObject.apply(stripped);
      if (whole.isPresent()) {
        return whole;
      }
    }
    int depth = 0;
    int start = -1;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        if (depth == 0) {
          start = i;
        }
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
        if (depth == 0) {
          Optional<JsonValue> span = parseObject.apply(text.substring(start, i + 1));
          if (span.isPresent()) {
            return span;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonValue> parseObject(String candidate) {
    try {
      JsonValue value = Json.parse(candidate);
      return value instanceof JsonValue.ObjectValue ? Optional.of(value) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
