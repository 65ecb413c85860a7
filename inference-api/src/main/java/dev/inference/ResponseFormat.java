package dev.inference;

import java.util.Locale;
import java.util.Objects;

/**
 * What shape of answer a request asks for: free text, one JSON object, or one JSON object that
 * follows a schema. In the JSON formats the object is parsed into {@link
 * InferenceResponse#parsedJson()}; prose or code fences around it are tolerated.
 *
 * @since 0.2
 */
public sealed interface ResponseFormat
    permits ResponseFormat.Text, ResponseFormat.JsonObject, ResponseFormat.Schema {

  /** The kinds of format, as a driver declares them in its {@link Capabilities}. */
  enum Kind {
    /** Free text. */
    TEXT,
    /** One JSON object. */
    JSON_OBJECT,
    /** One JSON object that follows a schema. */
    JSON_SCHEMA;

    /**
     * The lower-case wire name, as the bitloops protocol writes it ({@code json_object}).
     *
     * @return the wire name
     */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Free text: {@link InferenceResponse#parsedJson()} is always empty.
   *
   * @return the format
   */
  static ResponseFormat text() {
    return Text.INSTANCE;
  }

  /**
   * One JSON object. OpenAI requires the word "JSON" somewhere in the messages.
   *
   * @return the format
   */
  static ResponseFormat jsonObject() {
    return JsonObject.INSTANCE;
  }

  /**
   * One JSON object that follows the schema.
   *
   * @param schema the schema
   * @return the format
   */
  static ResponseFormat jsonSchema(JsonSchema schema) {
    return new Schema(schema);
  }

  /**
   * One JSON object shaped as the record: {@code jsonSchema(JsonSchema.of(type))}.
   *
   * @param type the record
   * @return the format
   */
  static ResponseFormat jsonSchema(Class<? extends Record> type) {
    return new Schema(JsonSchema.of(type));
  }

  /**
   * The kind of this format.
   *
   * @return the kind
   */
  Kind kind();

  /** Free text. */
  final class Text implements ResponseFormat {
    private static final Text INSTANCE = new Text();

    private Text() {}

    @Override
    public Kind kind() {
      return Kind.TEXT;
    }

    @Override
    public String toString() {
      return "text";
    }
  }

  /** One JSON object. */
  final class JsonObject implements ResponseFormat {
    private static final JsonObject INSTANCE = new JsonObject();

    private JsonObject() {}

    @Override
    public Kind kind() {
      return Kind.JSON_OBJECT;
    }

    @Override
    public String toString() {
      return "json_object";
    }
  }

  /**
   * One JSON object that follows a schema.
   *
   * @param schema the schema, with its name
   */
  record Schema(JsonSchema schema) implements ResponseFormat {
    /**
     * Checks the schema.
     *
     * @param schema the schema
     */
    public Schema {
      Objects.requireNonNull(schema, "schema");
    }

    @Override
    public Kind kind() {
      return Kind.JSON_SCHEMA;
    }
  }
}
