package dev.inference.config;

import java.util.Objects;

/**
 * One mistake in a config: where it is and what is wrong. The message never contains a secret nor a
 * value read from the environment.
 *
 * @param path the TOML path of the bad or missing value ({@code
 *     inference.profiles.openai_fast.temperature}); empty for a problem of the whole document, such
 *     as a TOML syntax error
 * @param line the 1-based line of the value (of its table when the value is missing), or 0 when the
 *     problem has no place in the text
 * @param column the 1-based column, or 0 when {@code line} is 0
 * @param message what is wrong, the bad value and what is allowed
 * @since 0.1
 */
public record ConfigProblem(String path, int line, int column, String message) {

  /**
   * Checks the components.
   *
   * @param path the TOML path, possibly empty
   * @param line the line, or 0
   * @param column the column, or 0
   * @param message what is wrong
   */
  public ConfigProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException(
          "line and column must be >= 0, but were " + line + ":" + column);
    }
  }

  /**
   * The problem as one line: {@code path (line:column): message}; the parts that are absent are
   * left out.
   *
   * @return the line
   */
  @Override
  public String toString() {
    return Locations.format(path, line, column, message);
  }
}
