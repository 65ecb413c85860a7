package dev.inference.spi;

import dev.inference.JsonValue;
import java.math.BigDecimal;
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

  /**
   * Whether a value set in code ({@link ProviderSettings.Builder#option}) has this key's type, the
   * same rule the config applies to a TOML value.
   *
   * @param value the value
   * @return {@code true} if the driver can read it
   * @since 0.2
   */
  public boolean accepts(JsonValue value) {
    Objects.requireNonNull(value, "value");
    return switch (type) {
      case STRING -> value instanceof JsonValue.StringValue;
      case INTEGER -> value instanceof JsonValue.NumberValue number && isIntegral(number.value());
      case NUMBER -> value instanceof JsonValue.NumberValue;
      case BOOLEAN -> value instanceof JsonValue.BooleanValue;
      case STRING_TABLE ->
          value instanceof JsonValue.ObjectValue table
              && table.members().values().stream()
                  .allMatch(JsonValue.StringValue.class::isInstance);
      case STRING_OR_BOOLEAN ->
          value instanceof JsonValue.StringValue || value instanceof JsonValue.BooleanValue;
    };
  }

  private static boolean isIntegral(BigDecimal number) {
    return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
  }
}
