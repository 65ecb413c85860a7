package dev.inference.config.internal;

import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * A config's text as a {@link TomlTree}: read by {@link PlainToml} when it stays in the plain
 * subset, otherwise by tomlj, with blank and comment-only runs dropped where that cannot change the
 * meaning (with each kept line's original number), nesting bounded, and parser messages mapped back
 * to the original lines with long quoted tokens hidden.
 */
final class TomlDocument {

  private TomlDocument() {}

  /** Patterns for parser messages, compiled on first use: a valid file never needs them. */
  private static final class Messages {
    static final Pattern QUOTED_TOKEN = Pattern.compile("'([^']{3,})'");
    static final Pattern LINE_IN_MESSAGE = Pattern.compile("\\bline (\\d+)");

    private Messages() {}
  }

  /**
   * Parses a config's text; a syntax error is a {@link ConfigException} at the original line.
   *
   * @param text the TOML text
   * @return the document, every position at its original line
   */
  static TomlTree.Table parse(String text) {
    // a UTF-8 byte order mark is not part of the document (the Rust toml crate skips it too)
    String document = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Optional<TomlTree.Table> plain = PlainToml.parse(document);
    return plain.isPresent() ? plain.get() : parseWithTomlj(document);
  }

  /**
   * Parses a document with tomlj, whatever TOML it uses.
   *
   * @param document the TOML text, without a byte order mark
   * @return the document, every position at its original line
   */
  static TomlTree.Table parseWithTomlj(String document) {
    Prepared prepared = prepare(document);
    TomlParseResult toml;
    try {
      toml = Toml.parse(prepared.document());
    } catch (RuntimeException | StackOverflowError | AssertionError broken) {
      // a defect of the parser on hostile input (tomlj 2.2.0 fails an internal assertion on some
      // broken table headers); prepare() keeps recursion shallow; this is the last guard so that
      // bad input is always a ConfigException
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  "",
                  0,
                  0,
                  "invalid TOML: the parser failed (" + broken.getClass().getName() + ")")));
    }
    if (toml.hasErrors()) {
      List<ConfigProblem> syntax = new ArrayList<>();
      for (TomlParseError error : toml.errors()) {
        TomlPosition position = error.position();
        syntax.add(
            new ConfigProblem(
                "",
                position == null ? 0 : prepared.original(position.line()),
                position == null ? 0 : position.column(),
                "invalid TOML: "
                    + originalLines(redactTokens(String.valueOf(error.getMessage())), prepared)));
      }
      throw new ConfigException(syntax);
    }
    return tree(toml, prepared);
  }

  private static TomlTree.Table tree(TomlTable table, Prepared prepared) {
    TomlTree.Table out = new TomlTree.Table();
    for (String key : table.keySet()) {
      List<String> path = List.of(key);
      out.put(
          key, value(table.get(path), prepared), position(table.inputPositionOf(path), prepared));
    }
    return out;
  }

  private static Object value(@Nullable Object value, Prepared prepared) {
    if (value instanceof TomlTable table) {
      return tree(table, prepared);
    }
    if (value instanceof TomlArray array) {
      TomlTree.Array out = new TomlTree.Array();
      for (int i = 0; i < array.size(); i++) {
        out.add(value(array.get(i), prepared), position(array.inputPositionOf(i), prepared));
      }
      return out;
    }
    if (value == null) {
      throw new IllegalStateException("tomlj gave no value for a key it listed");
    }
    return value;
  }

  private static TomlTree.Position position(@Nullable TomlPosition position, Prepared prepared) {
    return position == null
        ? new TomlTree.Position(0, 0)
        : new TomlTree.Position(prepared.original(position.line()), position.column());
  }

  /** How deep arrays and inline tables may nest; real configs use 2 or 3 levels. */
  static final int MAX_NESTING = 64;

  /**
   * The document tomlj parses, and the original line of each of its lines. tomlj 2.2.0 takes time
   * that grows faster than the square of the length of a run of blank or comment-only lines (4096
   * blank lines take 45 s), so such lines are dropped where that cannot change the meaning (outside
   * strings and inline tables) and positions are mapped back. The same scan refuses arrays and
   * inline tables nested more than {@link #MAX_NESTING} deep, so that the recursive parser never
   * sees them.
   */
  record Prepared(String document, int[] lines) {

    /** The original line of a line of {@link #document()}; lines past the end follow the last. */
    int original(int line) {
      if (line <= 0) {
        return line;
      }
      if (line <= lines.length) {
        return lines[line - 1];
      }
      return (lines.length == 0 ? 0 : lines[lines.length - 1]) + line - lines.length;
    }
  }

  static Prepared prepare(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<Integer> kept = new ArrayList<>();
    char[] open = new char[MAX_NESTING + 1];
    int depth = 0;
    char inString = 0; // the quote of an open multi-line string
    int line = 0;
    int at = 0;
    while (at < text.length()) {
      line++;
      int end = text.indexOf('\n', at);
      end = end < 0 ? text.length() : end + 1;
      if (inString == 0
          && (depth == 0 || open[depth - 1] == '[')
          && blankOrComment(text, at, end)) {
        at = end;
        continue;
      }
      kept.add(line);
      out.append(text, at, end);
      int i = at;
      while (i < end) {
        char c = text.charAt(i);
        if (inString != 0) {
          if (inString == '"' && c == '\\') {
            i += 2;
          } else if (c == inString && text.startsWith(inString == '"' ? "\"\"\"" : "'''", i)) {
            inString = 0;
            i += 3;
          } else {
            i++;
          }
        } else if (c == '#') {
          i = end;
        } else if (c == '"' || c == '\'') {
          if (text.startsWith(c == '"' ? "\"\"\"" : "'''", i)) {
            inString = c;
            i += 3;
            continue;
          }
          i++;
          while (i < end && text.charAt(i) != c && text.charAt(i) != '\n') {
            i += c == '"' && text.charAt(i) == '\\' ? 2 : 1;
          }
          i++;
        } else if (c == '[' || c == '{') {
          if (depth == MAX_NESTING) {
            throw new ConfigException(
                List.of(
                    new ConfigProblem(
                        "",
                        line,
                        i - at + 1,
                        "invalid TOML: arrays and inline tables nest more than "
                            + MAX_NESTING
                            + " levels deep")));
          }
          open[depth++] = c;
          i++;
        } else if (c == ']' || c == '}') {
          depth = Math.max(0, depth - 1);
          i++;
        } else {
          i++;
        }
      }
      at = end;
    }
    // a loop, not an IntStream: nothing else on the way to a first call needs the primitive
    // stream classes, and loading them costs a cold JVM about a millisecond
    int[] lines = new int[kept.size()];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = kept.get(i);
    }
    return new Prepared(out.toString(), lines);
  }

  private static boolean blankOrComment(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '#' || c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Parser messages name lines of the prepared document ("previously defined at line 7"). */
  static String originalLines(String message, Prepared prepared) {
    Matcher matcher = Messages.LINE_IN_MESSAGE.matcher(message);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      int line;
      try {
        line = Integer.parseInt(matcher.group(1));
      } catch (NumberFormatException huge) {
        continue;
      }
      matcher.appendReplacement(out, "line " + prepared.original(line));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** TOML syntax errors quote the offending token, which may be a pasted key: hide long ones. */
  static String redactTokens(String message) {
    Matcher matcher = Messages.QUOTED_TOKEN.matcher(message);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          out, Matcher.quoteReplacement("text (" + matcher.group(1).length() + " characters)"));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
