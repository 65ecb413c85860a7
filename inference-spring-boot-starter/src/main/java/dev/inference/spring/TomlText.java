package dev.inference.spring;

import java.util.regex.Pattern;

/** TOML spelling of keys and strings, for the document rendered from the properties. */
final class TomlText {

  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private TomlText() {}

  /** A key as TOML writes it: bare when it can be, else a quoted basic string. */
  static String key(String key) {
    return BARE_KEY.matcher(key).matches() ? key : string(key);
  }

  /**
   * A TOML basic string: quotes, backslashes and control characters escaped, everything else
   * (including characters outside the BMP) written as it is, which TOML allows.
   */
  static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\r':
          out.append("\\r");
          break;
        default:
          if (c < 0x20 || c == 0x7F) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  /** A TOML float: {@code nan} and {@code inf} spelled as TOML spells them. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return Double.toString(value);
  }
}
