package dev.inference;

import java.util.Objects;

/**
 * A function the model may call: its name, what it does, and its parameters as a JSON schema.
 *
 * <pre>{@code
 * record Weather(@Description("a city name") String city) {}
 * Tool weather = Tool.of("get_weather", "The current weather in a city", Weather.class);
 * }</pre>
 *
 * @param name 1 to 64 of {@code a-z A-Z 0-9 _ -}
 * @param description what the tool does, for the model; may be empty
 * @param parameters the JSON schema of the arguments, an object
 * @param strict whether the provider must keep the arguments to the schema exactly (OpenAI's {@code
 *     strict}); providers without such a mode ignore it
 * @since 0.2
 */
public record Tool(String name, String description, JsonValue parameters, boolean strict) {

  /**
   * Checks the components.
   *
   * @param name the name
   * @param description the description
   * @param parameters the schema
   * @param strict the strict flag
   */
  public Tool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "a tool name must be 1 to 64 of a-z, A-Z, 0-9, '_' and '-', but was '" + name + "'");
    }
    if (!(parameters instanceof JsonValue.ObjectValue)) {
      throw new IllegalArgumentException(
          "the parameters of tool "
              + name
              + " must be a JSON schema object, but were "
              + parameters.toJson());
    }
  }

  /**
   * A tool with a hand-written schema, not strict.
   *
   * @param name the name
   * @param description what it does
   * @param parameters the JSON schema of its arguments
   * @return the tool
   */
  public static Tool of(String name, String description, JsonValue parameters) {
    return new Tool(name, description, parameters, false);
  }

  /**
   * A tool whose arguments are a record: the schema is {@link JsonSchema#of(Class)}, and the tool
   * is strict, since that schema is in the form strict mode takes.
   *
   * @param name the name
   * @param description what it does
   * @param arguments the record its arguments map onto ({@link Part.ToolCall#argumentsAs})
   * @return the tool
   */
  public static Tool of(String name, String description, Class<? extends Record> arguments) {
    return new Tool(name, description, JsonSchema.of(arguments).schema(), true);
  }

  /**
   * The same tool with another strict flag.
   *
   * @param strict the flag
   * @return the tool
   */
  public Tool withStrict(boolean strict) {
    return new Tool(name, description, parameters, strict);
  }
}
