package dev.inference.config.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * A parser of the plain subset of TOML that configs are written in, so that a start-up does not pay
 * for tomlj's first parse (its ANTLR lexer and parser take tens of milliseconds to set up in a
 * fresh JVM, most of the time {@code inference run} needs before its first line).
 *
 * <p>The subset: comments, blank lines, {@code [table.headers]} naming a new table, and {@code key
 * = value} lines with bare or quoted single keys, where a value is a one-line string (basic, with
 * the standard escapes, or literal), a decimal integer, a decimal float, a boolean or an array of
 * these (over several lines, with comments, trailing comma allowed). Anything else, and anything
 * that is not valid TOML, makes it answer empty, and tomlj reads the text: every syntax error and
 * every less common form (inline tables, dotted keys, arrays of tables, multi-line strings, dates,
 * hexadecimal, underscores, {@code inf}, a table defined twice) is tomlj's to decide. On what it
 * accepts it gives the same tree as tomlj, positions included ({@code PlainTomlTest} compares the
 * two on every config of the test corpus and on generated ones).
 */
final class PlainToml {

  /** Thrown, without a stack trace, when the text leaves the subset. */
  private static final class Outside extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Outside INSTANCE = new Outside();

    private Outside() {
      super(null, null, false, false);
    }
  }

  private final String text;
  private final TomlTree.Table root = new TomlTree.Table();
  private TomlTree.Table current = root;
  private final Set<TomlTree.Table> inline = Collections.newSetFromMap(new IdentityHashMap<>());
  private int at;
  private int line = 1;
  private int lineStart;
  private int depth;

  private PlainToml(String text) {
    this.text = text;
  }

  /**
   * Parses a document when it stays in the subset.
   *
   * @param text the TOML text, without a byte order mark
   * @return the tree, or empty when tomlj must read the text
   */
  static Optional<TomlTree.Table> parse(String text) {
    try {
      return Optional.of(new PlainToml(text).document());
    } catch (Outside outside) {
      return Optional.empty();
    }
  }

  private TomlTree.Table document() {
    loneSurrogates();
    while (true) {
      skipBlanks();
      if (at == text.length()) {
        return root;
      }
      char c = text.charAt(at);
      if (c == '\n' || c == '\r') {
        newline();
      } else if (c == '#') {
        comment();
      } else if (c == '[') {
        header();
      } else {
        keyValue();
      }
    }
  }

  /** A string from Java may hold half a surrogate pair, which is no character: tomlj refuses it. */
  private void loneSurrogates() {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw outside();
      }
    }
  }

  private void header() {
    TomlTree.Position position = position();
    at++;
    if (peek() == '[') {
      throw outside(); // an array of tables
    }
    TomlTree.Table table = root;
    while (true) {
      skipBlanks();
      String key = key();
      skipBlanks();
      Object existing = table.get(key);
      char next = peek();
      if (next == ']') {
        if (existing != null) {
          throw outside(); // defined twice, or an implicit table defined later: tomlj's to judge
        }
        TomlTree.Table created = new TomlTree.Table();
        table.put(key, created, position);
        current = created;
        at++;
        endOfLine();
        return;
      }
      if (next != '.') {
        throw outside();
      }
      at++;
      if (existing == null) {
        TomlTree.Table implicit = new TomlTree.Table();
        table.put(key, implicit, position);
        table = implicit;
      } else if (existing instanceof TomlTree.Table parent && !inline.contains(parent)) {
        table = parent;
      } else {
        throw outside();
      }
    }
  }

  private void keyValue() {
    TomlTree.Position position = position();
    String key = key();
    skipBlanks();
    if (peek() != '=') {
      throw outside(); // a dotted key, or not TOML
    }
    at++;
    skipBlanks();
    Object value = value();
    if (current.get(key) != null) {
      throw outside();
    }
    current.put(key, value, position);
    endOfLine();
  }

  private String key() {
    char c = peek();
    if (c == '"' || c == '\'') {
      String key = c == '"' ? basicString() : literalString();
      if (key.isEmpty()) {
        throw outside();
      }
      return key;
    }
    int start = at;
    while (at < text.length() && bare(text.charAt(at))) {
      at++;
    }
    if (at == start) {
      throw outside();
    }
    return text.substring(start, at);
  }

  private static boolean bare(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return basicString();
    }
    if (c == '\'') {
      return literalString();
    }
    if (c == '[') {
      return array();
    }
    if (c == '{') {
      return inlineTable();
    }
    if (c == 't' || c == 'f') {
      String word = c == 't' ? "true" : "false";
      if (!text.startsWith(word, at)) {
        throw outside();
      }
      at += word.length();
      delimiter();
      return c == 't';
    }
    if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
      return number();
    }
    throw outside();
  }

  private TomlTree.Array array() {
    if (++depth > TomlDocument.MAX_NESTING) {
      throw outside();
    }
    at++;
    TomlTree.Array array = new TomlTree.Array();
    Class<?> type = null;
    while (true) {
      skipSpace();
      if (peek() == ']') {
        break;
      }
      TomlTree.Position position = position();
      Object element = value();
      if (type != null && type != element.getClass()) {
        throw outside(); // mixed types: valid since TOML 1.0, left to tomlj
      }
      type = element.getClass();
      array.add(element, position);
      skipSpace();
      if (peek() == ',') {
        at++;
      } else if (peek() != ']') {
        throw outside();
      }
    }
    at++;
    depth--;
    delimiter();
    return array;
  }

  /** An inline table: one line, single keys, no trailing comma (TOML 1.0). */
  private TomlTree.Table inlineTable() {
    if (++depth > TomlDocument.MAX_NESTING) {
      throw outside();
    }
    at++;
    TomlTree.Table table = new TomlTree.Table();
    inline.add(table);
    skipBlanks();
    if (peek() != '}') {
      while (true) {
        TomlTree.Position position = position();
        String key = key();
        skipBlanks();
        if (peek() != '=') {
          throw outside();
        }
        at++;
        skipBlanks();
        Object value = value();
        if (table.get(key) != null) {
          throw outside();
        }
        table.put(key, value, position);
        skipBlanks();
        if (peek() != ',') {
          break;
        }
        at++;
        skipBlanks();
      }
      if (peek() != '}') {
        throw outside();
      }
    }
    at++;
    depth--;
    delimiter();
    return table;
  }

  private Object number() {
    int start = at;
    if (peek() == '+' || peek() == '-') {
      at++;
    }
    int digits = digits();
    if (digits == 0 || (digits > 1 && text.charAt(at - digits) == '0')) {
      throw outside(); // no digits, or a leading zero
    }
    boolean real = false;
    if (peek() == '.') {
      at++;
      real = true;
      if (digits() == 0) {
        throw outside();
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      real = true;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (digits() == 0) {
        throw outside();
      }
    }
    delimiter();
    String token = text.substring(start, at);
    try {
      if (!real) {
        return Long.parseLong(token);
      }
      double value = Double.parseDouble(token);
      if (Double.isInfinite(value)) {
        throw outside();
      }
      return value;
    } catch (NumberFormatException tooLarge) {
      throw outside();
    }
  }

  private int digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at - start;
  }

  /** What may follow a value: blanks, a comma, a closing bracket, a comment or a line end. */
  private void delimiter() {
    char c = peek();
    if (!(c == 0 || c == ' ' || c == '\t' || c == ',' || c == ']' || c == '#' || c == '\n')
        && !(c == '\r' && text.startsWith("\r\n", at))) {
      throw outside();
    }
  }

  private String basicString() {
    if (text.startsWith("\"\"\"", at)) {
      throw outside();
    }
    at++;
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = peek();
      at++;
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        escape(out);
      } else if (control(c)) {
        throw outside(); // also the end of the text or of the line
      } else {
        out.append(c);
      }
    }
  }

  private void escape(StringBuilder out) {
    char c = peek();
    at++;
    switch (c) {
      case 'b' -> out.append('\b');
      case 't' -> out.append('\t');
      case 'n' -> out.append('\n');
      case 'f' -> out.append('\f');
      case 'r' -> out.append('\r');
      case '"' -> out.append('"');
      case '\\' -> out.append('\\');
      case 'u', 'U' -> out.appendCodePoint(codePoint(c == 'u' ? 4 : 8));
      default -> throw outside();
    }
  }

  private int codePoint(int length) {
    if (at + length > text.length()) {
      throw outside();
    }
    int value = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(at + i);
      // ASCII only: Character.digit also takes other scripts' digits, which TOML does not
      int digit =
          c >= '0' && c <= '9'
              ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) {
        throw outside();
      }
      value = value * 16 + digit;
    }
    at += length;
    if (value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)) {
      throw outside();
    }
    return value;
  }

  private String literalString() {
    if (text.startsWith("'''", at)) {
      throw outside();
    }
    int start = ++at;
    while (peek() != '\'') {
      if (control(peek())) {
        throw outside();
      }
      at++;
    }
    return text.substring(start, at++);
  }

  /** Characters TOML allows in no string or comment (the end of the text reads as 0). */
  private static boolean control(char c) {
    return (c < 0x20 && c != '\t') || c == 0x7F;
  }

  private void comment() {
    while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
      if (control(text.charAt(at))) {
        throw outside();
      }
      at++;
    }
  }

  private void endOfLine() {
    skipBlanks();
    if (peek() == '#') {
      comment();
    }
    if (at < text.length()) {
      newline();
    }
  }

  private void newline() {
    if (text.startsWith("\r\n", at)) {
      at++;
    } else if (peek() != '\n') {
      throw outside();
    }
    at++;
    line++;
    lineStart = at;
  }

  /** Blanks, line ends and comments, as arrays allow between their elements. */
  private void skipSpace() {
    while (true) {
      skipBlanks();
      char c = peek();
      if (c == '#') {
        comment();
      } else if (c == '\n' || c == '\r') {
        newline();
      } else {
        return;
      }
    }
  }

  private void skipBlanks() {
    while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
      at++;
    }
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : 0;
  }

  private TomlTree.Position position() {
    return new TomlTree.Position(line, text.codePointCount(lineStart, at) + 1);
  }

  private static Outside outside() {
    return Outside.INSTANCE;
  }
}
