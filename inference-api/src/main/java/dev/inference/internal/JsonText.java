package dev.inference.internal;

import dev.inference.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JDK-only JSON reader and writer for {@link JsonValue}; strict RFC 8259, and of two members with
 * the same name the later one wins (the library's one rule, see {@link JsonValue#parse}).
 */
public final class JsonText {

  /** Nesting deeper than this is refused instead of risking the stack. */
  static final int MAX_DEPTH = 512;

  private final String text;
  private int pos;

  private JsonText(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON document.
   *
   * @param text the text
   * @return the value
   * @throws IllegalArgumentException with the offset when the text is not valid JSON
   */
  public static JsonValue parse(String text) {
    JsonText reader = new JsonText(text);
    reader.skipWhitespace();
    JsonValue value = reader.readValue(0);
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.error("unexpected text after the JSON value");
    }
    return value;
  }

  /**
   * Writes compact JSON.
   *
   * @param value the value
   * @return the JSON text
   */
  public static String write(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(JsonValue value, StringBuilder out) {
    if (value instanceof JsonValue.ObjectValue object) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(member.getKey(), out);
        out.append(':');
        write(member.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof JsonValue.ArrayValue array) {
      out.append('[');
      for (int i = 0; i < array.elements().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(array.elements().get(i), out);
      }
      out.append(']');
    } else if (value instanceof JsonValue.StringValue string) {
      writeString(string.value(), out);
    } else if (value instanceof JsonValue.NumberValue number) {
      out.append(number.value().toString());
    } else if (value instanceof JsonValue.BooleanValue bool) {
      out.append(bool.value());
    } else {
      out.append("null");
    }
  }

  /**
   * Appends a JSON string literal. Control characters, U+2028, U+2029 and lone surrogates are
   * written as <code>&#92;uXXXX</code> escapes, so the text can always be encoded as UTF-8.
   *
   * @param value the string
   * @param out where to write
   */
  public static void writeString(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i)); // a valid pair: one code point
          } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
            // A lone surrogate has no UTF-8 encoding (an encoder would write '?'); escaped, the
            // text stays valid and still reads back as the same Java string.
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private JsonValue readValue(int depth) {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    if ((c == '{' || c == '[') && depth >= MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    return switch (c) {
      case '{' -> readObject(depth);
      case '[' -> readArray(depth);
      case '"' -> JsonValue.of(readString());
      case 't' -> literal("true", JsonValue.of(true));
      case 'f' -> literal("false", JsonValue.of(false));
      case 'n' -> literal("null", JsonValue.ofNull());
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield readNumber();
        }
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  private JsonValue readObject(int depth) {
    pos++;
    JsonValue.ObjectBuilder members = JsonValue.objectBuilder();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return members.build();
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String name = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      members.put(name, readValue(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return members.build();
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private JsonValue readArray(int depth) {
    pos++;
    List<JsonValue> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return new JsonValue.ArrayValue(elements);
    }
    while (true) {
      skipWhitespace();
      elements.add(readValue(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == ']') {
        return new JsonValue.ArrayValue(elements);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String readString() {
    expect('"');
    StringBuilder out = null;
    int start = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out == null ? text.substring(start, pos - 1) : out.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character in string");
      }
      if (c == '\\') {
        if (out == null) {
          out = new StringBuilder().append(text, start, pos - 1);
        }
        char e = next();
        switch (e) {
          case '"' -> out.append('"');
          case '\\' -> out.append('\\');
          case '/' -> out.append('/');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> out.append(readHex());
          default -> {
            pos--;
            throw error("invalid escape '\\" + e + "'");
          }
        }
      } else if (out != null) {
        out.append(c);
      }
    }
  }

  private char readHex() {
    if (pos + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      char c = text.charAt(pos++);
      int digit = c < 0x80 ? Character.digit(c, 16) : -1; // ASCII only, as RFC 8259 says
      if (digit < 0) {
        pos--;
        throw error("invalid \\u escape");
      }
      value = value * 16 + digit;
    }
    return (char) value;
  }

  private JsonValue readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("invalid number");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("invalid number: digits must follow '.'");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("invalid number: digits must follow the exponent");
      }
      digits();
    }
    try {
      return new JsonValue.NumberValue(new BigDecimal(text.substring(start, pos)));
    } catch (NumberFormatException tooLarge) { // an exponent beyond what BigDecimal holds
      pos = start;
      throw error("number out of range");
    }
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private JsonValue literal(String word, JsonValue value) {
    if (!text.startsWith(word, pos)) {
      throw error("invalid literal");
    }
    pos += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos++);
  }

  private void expect(char c) {
    if (next() != c) {
      pos--;
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what);
  }
}
