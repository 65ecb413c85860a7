package dev.inference.config.internal;

import dev.inference.Secret;
import org.jspecify.annotations.Nullable;

/** How config messages show a TOML value without ever showing a secret. */
final class Shown {

  private Shown() {}

  /** A TOML value for a message: strings quoted, tables and arrays by kind. */
  static String show(@Nullable Object value) {
    if (value instanceof String text) {
      return showString(text);
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Double real) {
      return real.isNaN() ? "nan" : real.isInfinite() ? (real > 0 ? "inf" : "-inf") : real + "";
    }
    return kind(value);
  }

  /** The raw TOML text of a string; placeholders stay as written, substituted values are hidden. */
  static String showString(String raw) {
    String quoted = "'" + raw + "'";
    return raw.contains("${") ? quoted + " (the value from the environment is not shown)" : quoted;
  }

  static String showUrl(String raw, String url) {
    return showString(raw.contains("${") ? raw : redactUserInfo(url));
  }

  static String redactUserInfo(String url) {
    return Secret.redactUserInfo(url);
  }

  /** The TOML type of a value, for messages that must not show it. */
  static String kind(@Nullable Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Long) {
      return "an integer";
    }
    if (value instanceof Double) {
      return "a float";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof TomlTree.Table) {
      return "a table";
    }
    if (value instanceof TomlTree.Array) {
      return "an array";
    }
    return "a date/time";
  }

  static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
