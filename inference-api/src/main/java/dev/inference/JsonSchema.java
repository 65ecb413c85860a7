package dev.inference;

import dev.inference.internal.RecordSchemas;
import java.util.Objects;

/**
 * A JSON schema with a name, as structured output and tool parameters need it; {@link #of} derives
 * one from a Java record with the JDK's reflection alone.
 *
 * <p>The schema of a record is an object with one property per component, in declaration order,
 * every property required and no other allowed (the form OpenAI's strict mode accepts). An {@code
 * Optional} component may be {@code null}. Supported component types: records (nested), enums,
 * {@code String}, {@code boolean}, the integer types and {@code BigInteger}, {@code float}, {@code
 * double} and {@code BigDecimal}, and {@code List}, {@code Set}, arrays and {@code Optional} of
 * those. {@link Description} adds descriptions. {@link JsonValue#as} maps a value back onto the
 * record.
 *
 * @since 0.2
 */
public final class JsonSchema {

  private final String name;
  private final JsonValue schema;
  private final boolean strict;

  private JsonSchema(String name, JsonValue schema, boolean strict) {
    this.name = name;
    this.schema = schema;
    this.strict = strict;
  }

  /**
   * The schema of a record type, named after the record ({@code Weather}).
   *
   * @param type a record class
   * @return the schema
   * @throws IllegalArgumentException if the type, or a type inside it, is not supported (the
   *     message names the component), or a record contains itself
   */
  public static JsonSchema of(Class<? extends Record> type) {
    Objects.requireNonNull(type, "type");
    return new JsonSchema(RecordSchemas.name(type), RecordSchemas.schema(type), true);
  }

  /**
   * A schema written by hand.
   *
   * @param name 1 to 64 of {@code a-z A-Z 0-9 _ -}
   * @param schema the JSON schema, an object
   * @return the schema
   * @throws IllegalArgumentException if the name or the schema is not valid
   */
  public static JsonSchema of(String name, JsonValue schema) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "jsonSchema name must be 1 to 64 of a-z, A-Z, 0-9, '_' and '-', but was '" + name + "'");
    }
    if (!(schema instanceof JsonValue.ObjectValue)) {
      throw new IllegalArgumentException(
          "jsonSchema schema must be a JSON object, but was " + schema.toJson());
    }
    return new JsonSchema(name, schema, false);
  }

  /**
   * The name providers show the model ({@code response_format.json_schema.name}).
   *
   * @return the name, never {@code null}
   */
  public String name() {
    return name;
  }

  /**
   * The schema itself.
   *
   * @return a JSON object, never {@code null}
   */
  public JsonValue schema() {
    return schema;
  }

  /**
   * Whether providers that can should hold the answer to the schema exactly (OpenAI's {@code
   * strict}). True for a schema derived from a record, which is in the form strict mode takes;
   * false for a schema written by hand unless {@link #withStrict} says so.
   *
   * @return the flag
   * @since 0.2
   */
  public boolean strict() {
    return strict;
  }

  /**
   * The same schema with another strict flag.
   *
   * @param strict the flag; a strict schema must list every property as required and forbid others,
   *     or OpenAI refuses it
   * @return the schema
   * @since 0.2
   */
  public JsonSchema withStrict(boolean strict) {
    return new JsonSchema(name, schema, strict);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonSchema that
        && name.equals(that.name)
        && schema.equals(that.schema)
        && strict == that.strict;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, schema, strict);
  }

  @Override
  public String toString() {
    return "JsonSchema{" + name + ": " + schema.toJson() + "}";
  }
}
