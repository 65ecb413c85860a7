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
    if (!snakeCase(name)) {
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
   * {@code [a-z][a-z0-9_]*}, by hand: every driver makes its keys when the drivers are found, and a
   * regular expression compiled there links lambdas inside the JDK (bench/notes.md).
   */
  private static boolean snakeCase(String name) {
    if (name.isEmpty() || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
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
    return of(name, description, String.class, "a string", new BuiltIn<>(Shape.STRING));
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
        new BuiltIn<>(Shape.ONE_OF, accepted, 0, 0));
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
    return of(name, description, Long.class, "an integer", new BuiltIn<>(Shape.INTEGER));
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
        new BuiltIn<>(Shape.INTEGER, List.of(), min, max));
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
    return of(name, description, Double.class, "a finite number", new BuiltIn<>(Shape.NUMBER));
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
    return of(name, description, Boolean.class, "a boolean", new BuiltIn<>(Shape.BOOLEAN));
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
        new BuiltIn<>(Shape.STRING_TABLE));
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
    Optional<JsonValue> value = settings.option(name);
    return value.isPresent() ? Optional.of(parse(value.get())) : Optional.empty();
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
    Optional<T> read = tryParse(value);
    if (read.isPresent()) {
      return read.get();
    }
    throw new IllegalArgumentException(
        "option '"
            + name
            + "' must be "
            + expected
            + ", but was "
            + (value instanceof JsonValue.ObjectValue
                ? "a table"
                : value instanceof JsonValue.ArrayValue ? "an array" : value.toJson()));
  }

  /** The shapes of the built-in keys. */
  private enum Shape {
    STRING,
    ONE_OF,
    INTEGER,
    NUMBER,
    BOOLEAN,
    STRING_TABLE
  }

  /**
   * How a built-in key reads a value. A class rather than a lambda per shape: every driver's keys
   * are made when the drivers are found, on the way to the first answer of {@code inference run},
   * and linking a lambda's call site costs far more there than loading a class (bench/notes.md).
   */
  private static final class BuiltIn<T> implements Function<JsonValue, Optional<T>> {
    private final Shape shape;
    private final List<String> choices;
    private final long min;
    private final long max;

    BuiltIn(Shape shape) {
      this(shape, List.of(), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    BuiltIn(Shape shape, List<String> choices, long min, long max) {
      this.shape = shape;
      this.choices = choices;
      this.min = min;
      this.max = max;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<T> apply(JsonValue value) {
      return (Optional<T>) read(value);
    }

    private Optional<?> read(JsonValue value) {
      switch (shape) {
        case STRING:
          return value.asString();
        case ONE_OF:
          Optional<String> text = value.asString();
          return text.isPresent() && choices.contains(text.get()) ? text : Optional.empty();
        case INTEGER:
          return wholeNumber(value);
        case NUMBER:
          return value instanceof JsonValue.NumberValue number
                  && Double.isFinite(number.doubleValue())
              ? Optional.of(number.doubleValue())
              : Optional.empty();
        case BOOLEAN:
          return value instanceof JsonValue.BooleanValue flag
              ? Optional.of(flag.value())
              : Optional.empty();
        case STRING_TABLE:
          return strings(value);
        default:
          throw new AssertionError(shape);
      }
    }

    private Optional<Long> wholeNumber(JsonValue value) {
      if (value instanceof JsonValue.NumberValue number) {
        try {
          long whole = number.longValue();
          return whole >= min && whole <= max ? Optional.of(whole) : Optional.empty();
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
