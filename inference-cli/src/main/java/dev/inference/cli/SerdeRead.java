package dev.inference.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The byte reader under {@link SerdeJson}, after serde_json's {@code read.rs} ({@code SliceRead}):
 * the input and the index into it, the two positions an error can have, serde_json's error texts,
 * and strings with their escapes (validated, as a {@code &str} needs).
 */
abstract class SerdeRead {

  // serde_json's ErrorCode texts
  static final String EOF_LIST = "EOF while parsing a list";
  static final String EOF_OBJECT = "EOF while parsing an object";
  static final String EOF_STRING = "EOF while parsing a string";
  static final String EOF_VALUE = "EOF while parsing a value";
  static final String EXPECTED_COLON = "expected `:`";
  static final String EXPECTED_LIST_COMMA_OR_END = "expected `,` or `]`";
  static final String EXPECTED_OBJECT_COMMA_OR_END = "expected `,` or `}`";
  static final String EXPECTED_IDENT = "expected ident";
  static final String EXPECTED_VALUE = "expected value";
  static final String INVALID_ESCAPE = "invalid escape";
  static final String INVALID_NUMBER = "invalid number";
  static final String NUMBER_OUT_OF_RANGE = "number out of range";
  static final String CONTROL_CHARACTER =
      "control character (\\u0000-\\u001F) found while parsing a string";
  static final String KEY_MUST_BE_A_STRING = "key must be a string";
  static final String LONE_LEADING_SURROGATE = "lone leading surrogate in hex escape";
  static final String TRAILING_COMMA = "trailing comma";
  static final String TRAILING_CHARACTERS = "trailing characters";
  static final String UNEXPECTED_END_OF_HEX_ESCAPE = "unexpected end of hex escape";
  static final String RECURSION_LIMIT = "recursion limit exceeded";

  /** A serde_json error: its text and, once known, its column. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String text;
    private int column;

    Failure(String text, int column) {
      super(text, null, false, false);
      this.text = text;
      this.column = column;
    }

    /** A "custom" error, positioned later by {@link SerdeJson#fixPosition}. */
    static Failure custom(String text) {
      return new Failure(text, -1);
    }

    /** serde_json's {@code Display}: {@code <text> at line 1 column <n>}. */
    String display() {
      return text + " at line 1 column " + column;
    }
  }

  final byte[] slice;
  final int length;
  int index;

  SerdeRead(byte[] slice, int length) {
    this.slice = slice;
    this.length = length;
  }

  // --- read.rs: positions ---

  private int position() {
    return index;
  }

  private int peekPosition() {
    return Math.min(length, index + 1);
  }

  Failure error(String code) {
    return new Failure(code, position());
  }

  Failure peekError(String code) {
    return new Failure(code, peekPosition());
  }

  /** {@code Deserializer::fix_position}: a custom error gets the current position. */
  Failure fixPosition(Failure failure) {
    if (failure.column < 0) {
      failure.column = position();
    }
    return failure;
  }

  int peek() {
    return index < length ? slice[index] & 0xff : -1;
  }

  void eatChar() {
    index++;
  }

  int nextChar() {
    return index < length ? slice[index++] & 0xff : -1;
  }

  int parseWhitespace() {
    while (true) {
      int peek = peek();
      if (peek == ' ' || peek == '\n' || peek == '\t' || peek == '\r') {
        eatChar();
      } else {
        return peek;
      }
    }
  }

  // --- strings (read.rs, validate = true) ---

  /** {@code parse_str}, after the opening quote was eaten. */
  String parseStr() throws Failure {
    ByteArrayOutputStream scratch = new ByteArrayOutputStream();
    int start = index;
    while (true) {
      while (index < length) {
        int b = slice[index] & 0xff;
        if (b == '"' || b == '\\' || b < 0x20) {
          break;
        }
        index++;
      }
      if (index == length) {
        throw error(EOF_STRING);
      }
      int b = slice[index] & 0xff;
      if (b == '"') {
        scratch.write(slice, start, index - start);
        index++;
        return scratch.toString(StandardCharsets.UTF_8);
      }
      if (b == '\\') {
        scratch.write(slice, start, index - start);
        index++;
        parseEscape(scratch);
        start = index;
      } else {
        index++;
        throw error(CONTROL_CHARACTER);
      }
    }
  }

  private void parseEscape(ByteArrayOutputStream scratch) throws Failure {
    int ch = nextOrEof();
    switch (ch) {
      case '"' -> scratch.write('"');
      case '\\' -> scratch.write('\\');
      case '/' -> scratch.write('/');
      case 'b' -> scratch.write('\b');
      case 'f' -> scratch.write('\f');
      case 'n' -> scratch.write('\n');
      case 'r' -> scratch.write('\r');
      case 't' -> scratch.write('\t');
      case 'u' -> parseUnicodeEscape(scratch);
      default -> throw error(INVALID_ESCAPE);
    }
  }

  private void parseUnicodeEscape(ByteArrayOutputStream scratch) throws Failure {
    int n = decodeHexEscape();
    if (n >= 0xDC00 && n <= 0xDFFF) {
      throw error(LONE_LEADING_SURROGATE);
    }
    if (n < 0xD800 || n > 0xDBFF) {
      writeCodePoint(n, scratch);
      return;
    }
    for (char expected : new char[] {'\\', 'u'}) {
      if (peekOrEof() != expected) {
        index++;
        throw error(UNEXPECTED_END_OF_HEX_ESCAPE);
      }
      index++;
    }
    int n2 = decodeHexEscape();
    if (n2 < 0xDC00 || n2 > 0xDFFF) {
      throw error(LONE_LEADING_SURROGATE);
    }
    writeCodePoint((((n - 0xD800) << 10) | (n2 - 0xDC00)) + 0x1_0000, scratch);
  }

  private int decodeHexEscape() throws Failure {
    if (length - index < 4) {
      index = length;
      throw error(EOF_STRING);
    }
    int value = 0;
    boolean valid = true;
    for (int i = 0; i < 4; i++) {
      int digit = hexDigit(slice[index + i] & 0xff);
      valid &= digit >= 0;
      value = value * 16 + Math.max(digit, 0);
    }
    index += 4;
    if (!valid) {
      throw error(INVALID_ESCAPE);
    }
    return value;
  }

  private static int hexDigit(int b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
  }

  private int nextOrEof() throws Failure {
    int next = nextChar();
    if (next < 0) {
      throw error(EOF_STRING);
    }
    return next;
  }

  private int peekOrEof() throws Failure {
    int peek = peek();
    if (peek < 0) {
      throw error(EOF_STRING);
    }
    return peek;
  }

  private static void writeCodePoint(int codePoint, ByteArrayOutputStream scratch) {
    byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
    scratch.write(bytes, 0, bytes.length);
  }
}
