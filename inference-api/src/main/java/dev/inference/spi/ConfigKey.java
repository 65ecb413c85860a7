package dev.inference.spi;

import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A typed profile key a driver accepts beyond the common ones, like the JDK's {@code
 * SocketOption<T>}: its name, what it does, the Java type it reads as, and the one check that turns
 * a {@link JsonValue} into that type. The same check runs for an option set in code ({@code
 * Inference.connect} refuses a wrongly typed value) and for one read from TOML (the config reports
 * it at the key's line and column), so both say the same thing.
 *
 * <pre>{@code
 * static final ConfigKey<Long> NUM_CTX =
 *     ConfigKey.integer("num_ctx", "the context window in tokens", 1, Integer.MAX_VALUE);
 * static final ConfigKey<JsonValue> KEEP_ALIVE =
 *     ConfigKey.of("keep_alive", "how long the model stays loaded", JsonValue.class,
 *         "a duration string like \"5m\" or a number of seconds", MyDialect::keepAlive);
 *
 * long numCtx = NUM_CTX.from(settings).orElse(2048L);
 * }</pre>
 *
 * @param <T> the type the value reads as
 * @since 0.1
 */
public final class ConfigKey<T> {

  private final String name;
  private final String description;
  private final Class<T> type;
  private final String expected;
  private final Function<JsonValue, Optional<T>> parse;

  private ConfigKey(
      String name,
      String description,
      Class<T> type,
      String expected,
      Function<JsonValue, Optional<T>> parse) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "config key names are snake case (a-z, 0-9, '_'), but was '" + name + "'");
    }
    this.name = name;
    this.description = Objects.requireNonNull(description, "description");
    this.type = Objects.requireNonNull(type, "type");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.parse = Objects.requireNonNull(parse, "parse");
  }

  /**
   * A key whose accepted shapes are the driver's own: the function returns the value read as {@code
   * T}, or empty when the value is not one of the shapes {@code expected} names.
   *
   * @param name the TOML key, in snake case
   * @param description one sentence on what it does
   * @param type the type the value reads as
   * @param expected what the key accepts, as it ends "must be ..." ({@code a duration string like
   *     "5m" or a number of seconds})
   * @param parse reads a value, or returns empty if it does not accept it; never {@code null}
   * @param <T> the type the value reads as
   * @return the key
   * @throws IllegalArgumentException if the name is not snake case
   * @since 0.2
   */
  public static <T> ConfigKey<T> of(
      String name,
      String description,
      Class<T> type,
      String expected,
      Function<JsonValue, Optional<T>> parse) {
    return new ConfigKey<>(name, description, type, expected, parse);
  }

  /**
   * A key that takes a string.
   *
   * @param name the TOML key, in snake case
   * @param description one sentence on what it does
   * @return the key
   * @since 0.2
   */
  public static ConfigKey<String> string(String name, String description) {
    return of(name, description, String.class, "a string", JsonValue::asString);
  }

  /**
   * A key that takes one of a few strings, compared exactly.
   *
   * @param name the TOML key, in snake case
   * @param description one sentence on what it does
   * @param choices the accepted strings
   * @return the key
   * @since 0.2
   */
  public static ConfigKey<String> oneOf(String name, String description, List<String> choices) {
    List<String> accepted = List.copyOf(choices);
    return of(
        name,
        description,
        String.class,
        "one of " + String.join(", ", accepted),
        value -> value.asString().filter(accepted::contains));
  }

  /**
   * A key that takes a whole number.
   *
   * @param name the TOML key, in snake case
   * @param description one sentence on what it does
   * @return the key
   * @since 0.2
   */
  public static ConfigKey<Long> integer(String name, String description) {
    return of(name, description, Long.class, "an integer", ConfigKey::wholeNumber);
  }

  /**
   * A key that takes a whole number within bounds.
   *
   * @param name the TOML key, in snake case
   * @param description one sentence on what it does
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @return the key
   * @since 0.2
   */
  public static ConfigKey<Long> integer(String name, String description, long min, long max) {
    return of(
        name,
        description,
        Long.class,
        "an integer from " + min + " to " + max,
        value -> wholeNumber(value).filter(n -> n >= min && n <= max));
  }

  /**
   * A key that takes a finite number, whole or not.
   *
   * @param name the TOML key, in snake case
   * @param description one sentence on what it does
   * @return the key
   * @since 0.2
   */
  public static ConfigKey<Double> number(String name, String description) {
    return of(
        name,
        description,
        Double.class,
        "a finite number",
        value ->
            value instanceof JsonValue.NumberValue number && Double.isFinite(number.doubleValue())
                ? Optional.of(number.doubleValue())
                : Optional.empty());
  }

  /**
   * A key that takes {@code true} or {@code false}.
   *
   * @param name the TOML key, in snake case
   * @param description one sentence on what it does
   * @return the key
   * @since 0.2
   */
  public static ConfigKey<Boolean> bool(String name, String description) {
    return of(
        name,
        description,
        Boolean.class,
        "a boolean",
        value ->
            value instanceof JsonValue.BooleanValue flag
                ? Optional.of(flag.value())
                : Optional.empty());
  }

  /**
   * A key that takes a table of strings (extra HTTP headers); its values may be credentials, so no
   * message ever shows them.
   *
   * @param name the TOML key, in snake case
   * @param description one sentence on what it does
   * @return the key; the map keeps the table's order and is unmodifiable
   * @since 0.2
   */
  @SuppressWarnings("unchecked")
  public static ConfigKey<Map<String, String>> stringTable(String name, String description) {
    return of(
        name,
        description,
        (Class<Map<String, String>>) (Class<?>) Map.class,
        "a table of strings",
        ConfigKey::strings);
  }

  /**
   * The TOML key.
   *
   * @return the name, snake case
   * @since 0.1
   */
  public String name() {
    return name;
  }

  /**
   * What the key does.
   *
   * @return one sentence
   * @since 0.1
   */
  public String description() {
    return description;
  }

  /**
   * The type a value reads as.
   *
   * @return the class, never {@code null}
   * @since 0.2
   */
  public Class<T> type() {
    return type;
  }

  /**
   * What the key accepts, as it ends "must be ...": {@code an integer}, {@code a table of strings},
   * {@code a duration string like "5m" or a number of seconds}.
   *
   * @return the description of the accepted values
   * @since 0.2
   */
  public String expected() {
    return expected;
  }

  /**
   * Reads a value as {@code T}, without failing.
   *
   * @param value the option's value
   * @return the value read, or empty if the key does not accept it
   * @since 0.2
   */
  public Optional<T> tryParse(JsonValue value) {
    return Objects.requireNonNull(parse.apply(Objects.requireNonNull(value, "value")), name);
  }

  /**
   * This option's value in a profile: the way a driver reads its options.
   *
   * @param settings the profile
   * @return the value read, or empty when the profile does not set it
   * @throws IllegalArgumentException if the value is not one the key accepts (the message names the
   *     option and what it accepts)
   * @since 0.2
   */
  public Optional<T> from(ProviderSettings settings) {
    return settings.option(name).map(this::parse);
  }

  /**
   * Reads a value as {@code T}.
   *
   * @param value the option's value
   * @return the value read, never {@code null}
   * @throws IllegalArgumentException if the key does not accept it: {@code option 'keep_alive' must
   *     be a duration string like "5m" or a number of seconds, but was true} (a table or an array
   *     is named, never shown)
   * @since 0.2
   */
  public T parse(JsonValue value) {
    return tryParse(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "option '"
                        + name
                        + "' must be "
                        + expected
                        + ", but was "
                        + (value instanceof JsonValue.ObjectValue
                            ? "a table"
                            : value instanceof JsonValue.ArrayValue
                                ? "an array"
                                : value.toJson())));
  }

  private static Optional<Long> wholeNumber(JsonValue value) {
    if (value instanceof JsonValue.NumberValue number) {
      try {
        return Optional.of(number.longValue());
      } catch (ArithmeticException notWhole) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<Map<String, String>> strings(JsonValue value) {
    if (!(value instanceof JsonValue.ObjectValue object)) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
      Optional<String> text = member.getValue().asString();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      out.put(member.getKey(), text.get());
    }
    return Optional.of(java.util.Collections.unmodifiableMap(out));
  }

  /**
   * Equal when the name, the type and what it accepts are equal.
   *
   * @param other the other object
   * @return whether it is the same key
   * @since 0.2
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ConfigKey<?> that
        && name.equals(that.name)
        && type.equals(that.type)
        && expected.equals(that.expected);
  }

  /**
   * A hash of the name, the type and what it accepts.
   *
   * @return the hash
   * @since 0.2
   */
  @Override
  public int hashCode() {
    return Objects.hash(name, type, expected);
  }

  /**
   * Shows the name and what it accepts.
   *
   * @return {@code ConfigKey[num_ctx: an integer from 1 to 2147483647]}
   * @since 0.2
   */
  @Override
  public String toString() {
    return "ConfigKey[" + name + ": " + expected + "]";
  }
}
