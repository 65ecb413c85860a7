package dev.inference.config;

import java.util.Objects;

/**
 * Something in a valid config that is likely a mistake, such as an API key written inline. It never
 * contains a secret.
 *
 * @param path the TOML path it concerns ({@code inference.profiles.openai_fast.api_key})
 * @param line the 1-based line, or 0 when it has no place in the text
 * @param column the 1-based column, or 0 when {@code line} is 0
 * @param message what looks wrong and what to do instead
 * @since 0.1
 */
public record ConfigWarning(String path, int line, int column, String message) {

  /**
   * Checks the components.
   *
   * @param path the TOML path
   * @param line the line, or 0
   * @param column the column, or 0
   * @param message what looks wrong
   */
  public ConfigWarning {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException(
          "line and column must be >= 0, but were " + line + ":" + column);
    }
  }

  /**
   * The warning as one line: {@code path (line:column): message}.
   *
   * @return the line
   */
  @Override
  public String toString() {
    return Locations.format(path, line, column, message);
  }
}
