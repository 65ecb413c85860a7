package dev.inference;

import dev.inference.internal.JsonText;
import dev.inference.internal.OwnedMembers;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An immutable JSON value: object, array, string, number, boolean or null. It keeps the API free of
 * any JSON library; values compare by content.
 *
 * @since 0.1
 */
public sealed interface JsonValue
    permits JsonValue.ObjectValue,
        JsonValue.ArrayValue,
        JsonValue.StringValue,
        JsonValue.NumberValue,
        JsonValue.BooleanValue,
        JsonValue.NullValue {

  /**
   * Parses one JSON document (RFC 8259); whitespace around it is allowed, anything else is not.
   *
   * <p>Of two members with the same name the later one wins, in the earlier one's place. This is
   * the one rule of the whole library (the drivers' parsers and {@code dev.inference.kit.Json}
   * follow it too), and the rule of serde_json, Jackson and the providers' own parsers: RFC 8259
   * leaves the meaning of repeated names open, and refusing them would fail answers that every
   * other client reads.
   *
   * @param json the text
   * @return the value
   * @throws IllegalArgumentException if the text is not one valid JSON value; the message gives the
   *     offset
   */
  static JsonValue parse(String json) {
    return JsonText.parse(json);
  }

  /**
   * This value as a Java type of the kinds {@link JsonSchema#of(Class)} describes: typically a
   * record, such as the answer to a request made with that record's schema. Members the record does
   * not declare are ignored; an {@code Optional} component may be missing or {@code null}.
   *
   * <pre>{@code
   * Weather weather = response.parsedJson().orElseThrow().as(Weather.class);
   * }</pre>
   *
   * @param type the type
   * @param <T> the type
   * @return the value, never {@code null}
   * @throws IllegalArgumentException if the value does not fit; the message starts with the JSON
   *     path of the first member that does not ({@code $.items[2].count: expected an integer (int),
   *     but was a string})
   * @since 0.2
   */
  default <T> T as(Class<T> type) {
    return dev.inference.internal.RecordMapper.map(this, java.util.Objects.requireNonNull(type));
  }

  /**
   * A string value.
   *
   * @param value the string
   * @return the value
   */
  static StringValue of(String value) {
    return new StringValue(value);
  }

  /**
   * A number value.
   *
   * @param value the number
   * @return the value
   */
  static NumberValue of(long value) {
    return new NumberValue(BigDecimal.valueOf(value));
  }

  /**
   * A number value.
   *
   * @param value a finite number
   * @return the value
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  static NumberValue of(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON numbers must be finite, but was " + value);
    }
    return new NumberValue(BigDecimal.valueOf(value));
  }

  /**
   * A boolean value.
   *
   * @param value the boolean
   * @return the value
   */
  static BooleanValue of(boolean value) {
    return value ? BooleanValue.TRUE : BooleanValue.FALSE;
  }

  /**
   * The JSON {@code null}.
   *
   * @return the null value
   */
  static NullValue ofNull() {
    return NullValue.INSTANCE;
  }

  /**
   * An object with the given members, in the map's iteration order.
   *
   * @param members the members
   * @return the value
   */
  static ObjectValue object(Map<String, ? extends JsonValue> members) {
    return new ObjectValue(Collections.unmodifiableMap(members)); // copied once, by ObjectValue
  }

  /**
   * Builds an object member by member, without the copy {@link #object(Map)} makes: what a parser
   * reading a large document wants.
   *
   * @return a new builder
   * @since 0.2
   */
  static ObjectBuilder objectBuilder() {
    return new ObjectBuilder();
  }

  /**
   * An array of the given elements.
   *
   * @param elements the elements
   * @return the value
   */
  static ArrayValue array(List<? extends JsonValue> elements) {
    return new ArrayValue(List.copyOf(elements));
  }

  /**
   * Compact JSON text for this value.
   *
   * <p>Lone surrogates in strings are written as <code>&#92;uXXXX</code> escapes, so the text can
   * always be encoded as UTF-8 and reads back as the same value.
   *
   * @return the JSON text, never {@code null}
   */
  default String toJson() {
    return JsonText.write(this);
  }

  /**
   * The member of an object with the given name.
   *
   * @param name the member name
   * @return the member, or empty if this is not an object or has no such member
   */
  default Optional<JsonValue> get(String name) {
    Objects.requireNonNull(name, "name");
    return this instanceof ObjectValue object
        ? Optional.ofNullable(object.members().get(name))
        : Optional.empty();
  }

  /**
   * This value as a string.
   *
   * @return the string, or empty if this is not a string
   */
  default Optional<String> asString() {
    return this instanceof StringValue string ? Optional.of(string.value()) : Optional.empty();
  }

  /**
   * This value as a whole number: a number with no fractional part that fits a {@code long} ({@code
   * 12} and {@code 12.0}, not {@code 12.5}).
   *
   * @return the number, or empty for any other value
   * @since 0.2
   */
  default OptionalLong asLong() {
    if (this instanceof NumberValue number) {
      try {
        return OptionalLong.of(number.value().longValueExact());
      } catch (ArithmeticException notWhole) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /**
   * A JSON object; members keep their order, and equality ignores it.
   *
   * @param members the members, unmodifiable
   */
  record ObjectValue(Map<String, JsonValue> members) implements JsonValue {
    /**
     * Copies the members.
     *
     * @param members the members
     */
    public ObjectValue {
      if (!(members instanceof OwnedMembers)) { // a builder's members are checked and nobody's
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
          String name = Objects.requireNonNull(member.getKey(), "name");
          copy.put(name, Objects.requireNonNull(member.getValue(), name));
        }
        members = Collections.unmodifiableMap(copy);
      }
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  /**
   * Builds a {@link ObjectValue} member by member; {@link #build()} hands the members over without
   * copying them. Not thread-safe; used once.
   *
   * @since 0.2
   */
  final class ObjectBuilder {
    private @Nullable LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

    private ObjectBuilder() {}

    /**
     * Adds a member, or replaces the value of one with the same name (keeping its place).
     *
     * @param name the member's name
     * @param value its value
     * @return this builder
     * @throws IllegalStateException after {@link #build()}
     */
    public ObjectBuilder put(String name, JsonValue value) {
      open().put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
      return this;
    }

    /**
     * The object; the builder cannot be used again.
     *
     * @return the object, with the members in the order they were first put
     * @throws IllegalStateException if called twice
     */
    public ObjectValue build() {
      LinkedHashMap<String, JsonValue> built = open();
      members = null;
      return new ObjectValue(OwnedMembers.takeOver(built));
    }

    private LinkedHashMap<String, JsonValue> open() {
      LinkedHashMap<String, JsonValue> current = members;
      if (current == null) {
        throw new IllegalStateException("this ObjectBuilder was built already");
      }
      return current;
    }
  }

  /**
   * A JSON array.
   *
   * @param elements the elements, unmodifiable
   */
  record ArrayValue(List<JsonValue> elements) implements JsonValue {
    /**
     * Copies the elements.
     *
     * @param elements the elements
     */
    public ArrayValue {
      elements = List.copyOf(elements);
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  /**
   * A JSON string.
   *
   * @param value the string
   */
  record StringValue(String value) implements JsonValue {
    /**
     * Checks the value.
     *
     * @param value the string
     */
    public StringValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  /**
   * A JSON number; {@code 1}, {@code 1.0} and {@code 1e0} are equal.
   *
   * @param value the number
   */
  record NumberValue(BigDecimal value) implements JsonValue {
    /**
     * Checks the value.
     *
     * @param value the number
     */
    public NumberValue {
      Objects.requireNonNull(value, "value");
    }

    /**
     * The number as a {@code long}.
     *
     * @return the value
     * @throws ArithmeticException if it has a fraction or does not fit
     */
    public long longValue() {
      return value.longValueExact();
    }

    /**
     * The number as a {@code double}, rounded if needed.
     *
     * @return the value
     */
    public double doubleValue() {
      return value.doubleValue();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof NumberValue that && value.compareTo(that.value) == 0;
    }

    @Override
    public int hashCode() {
      return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  /** A JSON boolean. */
  enum BooleanValue implements JsonValue {
    /** {@code true}. */
    TRUE,
    /** {@code false}. */
    FALSE;

    /**
     * The boolean.
     *
     * @return the value
     */
    public boolean value() {
      return this == TRUE;
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  /** The JSON {@code null}. */
  enum NullValue implements JsonValue {
    /** The only instance. */
    INSTANCE;

    @Override
    public String toString() {
      return "null";
    }
  }
}
