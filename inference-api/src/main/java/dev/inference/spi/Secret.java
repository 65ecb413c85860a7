package dev.inference.spi;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A credential whose value never appears in {@code toString()}, messages or logs.
 *
 * <p>{@link #ofEnv(String)} reads the environment variable each time the value is needed, so a
 * rotated key is picked up and a missing one fails with a message that names the variable.
 *
 * @since 0.1
 */
public final class Secret {

  private final String source;
  private final Supplier<@Nullable String> value;

  private Secret(String source, Supplier<@Nullable String> value) {
    this.source = source;
    this.value = value;
  }

  /**
   * A secret with a literal value.
   *
   * @param value the credential; must not be blank
   * @return the secret
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret("literal", () -> value);
  }

  /**
   * A secret read from an environment variable when it is used.
   *
   * @param name the variable's name
   * @return the secret
   */
  public static Secret ofEnv(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an environment variable name must not be blank");
    }
    return new Secret("env:" + name, () -> System.getenv(name));
  }

  /**
   * The credential, for the driver that sends it; never log or print it.
   *
   * @return the value, never {@code null}
   * @throws IllegalStateException if the value comes from an environment variable that is unset or
   *     blank; the message names the variable
   */
  public String reveal() {
    String revealed = value.get();
    if (revealed == null || revealed.isBlank()) {
      throw new IllegalStateException(
          "secret " + source + " has no value: set it before connecting");
    }
    return revealed;
  }

  /**
   * Where the value comes from ({@code literal}, {@code env:OPENAI_API_KEY}); safe to show.
   *
   * @return the source, never the value
   */
  public String source() {
    return source;
  }

  /**
   * Redacted: shows where the value comes from, never the value.
   *
   * @return {@code Secret[<source>]}
   */
  @Override
  public String toString() {
    return "Secret[" + source + "]";
  }
}
