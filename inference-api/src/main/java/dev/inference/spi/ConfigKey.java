package dev.inference.spi;

import java.util.Objects;

/**
 * A profile key a driver accepts beyond the common ones ({@code max_tokens_field}, {@code
 * keep_alive}); the config module uses the declared keys to reject unknown ones.
 *
 * @param name the TOML key, in snake case
 * @param type the TOML value type it takes
 * @param description one sentence on what it does
 * @since 0.1
 */
public record ConfigKey(String name, Type type, String description) {

  /** The value types a key can take. */
  public enum Type {
    /** A string. */
    STRING,
    /** An integer. */
    INTEGER,
    /** A number (integer or float). */
    NUMBER,
    /** A boolean. */
    BOOLEAN,
    /** A table of string values. */
    STRING_TABLE,
    /** A string or a boolean (Ollama's {@code think}). */
    STRING_OR_BOOLEAN
  }

  /**
   * Checks the components.
   *
   * @param name the TOML key
   * @param type the value type
   * @param description what it does
   */
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "config key names are snake case (a-z, 0-9, '_'), but was '" + name + "'");
    }
  }
}
