package dev.inference.bus;

import dev.inference.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of one JSON object of a request: only the allowed keys, each of its type. A
 * diagnostic names the field and the type it got, never the value (it may be a secret), and names
 * no unknown key of {@code credentials}.
 */
final class Fields {

  private final String where;
  private final Map<String, JsonValue> members;

  private Fields(String where, Map<String, JsonValue> members) {
    this.where = where;
    this.members = members;
  }

  /**
   * The object {@code value}, named {@code where} in diagnostics ({@code "payload"}, {@code
   * "runtime"}), refusing any key outside {@code allowed}.
   */
  static Fields of(String where, JsonValue value, Set<String> allowed) {
    if (!(value instanceof JsonValue.ObjectValue object)) {
      throw Refusal.badRequest(where + " must be a JSON object, but was " + typeOf(value));
    }
    Set<String> unknown = new TreeSet<>(object.members().keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty() && where.equals("credentials")) {
      // a key of credentials may itself be a pasted secret: name the count, not the keys
      throw Refusal.badRequest(
          unknown.size()
              + (unknown.size() == 1 ? " unknown key" : " unknown keys")
              + " in credentials (not repeated here, in case one is a secret); allowed: "
              + quoted(new TreeSet<>(allowed)));
    }
    if (!unknown.isEmpty()) {
      throw Refusal.badRequest(
          (unknown.size() == 1 ? "unknown key " : "unknown keys ")
              + quoted(unknown)
              + " in "
              + where
              + "; allowed: "
              + quoted(new TreeSet<>(allowed)));
    }
    return new Fields(where, object.members());
  }

  boolean has(String key) {
    return members.containsKey(key);
  }

  Optional<JsonValue> value(String key) {
    return Optional.ofNullable(members.get(key));
  }

  /**
   * The field's full name in diagnostics: {@code runtime.listen}, or {@code node_id} at the top.
   */
  String name(String key) {
    return where.equals("payload") ? key : where + "." + key;
  }

  String requiredString(String key) {
    return optionalString(key)
        .orElseThrow(() -> Refusal.badRequest(name(key) + " is required (a string)"));
  }

  Optional<String> optionalString(String key) {
    JsonValue value = members.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonValue.StringValue string)) {
      throw wrongType(key, "a string", value);
    }
    if (string.value().isBlank()) {
      throw Refusal.badRequest(name(key) + " must not be empty");
    }
    return Optional.of(string.value());
  }

  boolean bool(String key, boolean fallback) {
    JsonValue value = members.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof JsonValue.BooleanValue bool)) {
      throw wrongType(key, "a boolean", value);
    }
    return bool.value();
  }

  /** A whole number of at least 1. */
  Optional<Long> positiveLong(String key) {
    JsonValue value = members.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value.asLong().isEmpty()) {
      throw wrongType(key, "an integer", value);
    }
    long number = value.asLong().getAsLong();
    if (number < 1) {
      throw Refusal.badRequest(name(key) + " must be >= 1, but was " + number);
    }
    return Optional.of(number);
  }

  Refusal wrongType(String key, String wanted, JsonValue value) {
    return Refusal.badRequest(name(key) + " must be " + wanted + ", but was " + typeOf(value));
  }

  /** The JSON type of a value, as diagnostics name it; a number that is not whole says so. */
  static String typeOf(JsonValue value) {
    if (value instanceof JsonValue.ObjectValue) {
      return "an object";
    }
    if (value instanceof JsonValue.ArrayValue) {
      return "an array";
    }
    if (value instanceof JsonValue.StringValue) {
      return "a string";
    }
    if (value instanceof JsonValue.NumberValue) {
      return "a number";
    }
    if (value instanceof JsonValue.BooleanValue) {
      return "a boolean";
    }
    return "null";
  }

  static String quoted(Set<String> names) {
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      text.append(text.length() == 0 ? "" : ", ").append('\'').append(name).append('\'');
    }
    return text.toString();
  }
}
