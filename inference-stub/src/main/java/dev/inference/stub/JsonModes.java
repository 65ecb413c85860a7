package dev.inference.stub;

import dev.inference.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which JSON mode a chat request asks for, and the default answer in it: an object shaped by the
 * request's JSON schema when it has one, else {@code {"answer","words"}}.
 *
 * <p>OpenAI: {@code response_format} of type {@code json_object} or {@code json_schema} ({@code
 * text} or {@code null} is no JSON mode). Ollama: {@code format} {@code "json"} or a schema object
 * ({@code ""} or {@code null} is none). Anthropic: {@code output_format} or {@code
 * output_config.format} with a {@code schema}, or a system prompt that asks for JSON.
 */
final class JsonModes {

  private static final int MAX_DEPTH = 8;

  /** A JSON mode; {@code schema} is {@code null} for a plain JSON object. */
  record Mode(@Nullable JsonValue schema) {}

  private JsonModes() {}

  /** The JSON mode of a request, if it asks for one. */
  static Optional<Mode> of(JsonValue request, Dialect dialect, String system) {
    return switch (dialect) {
      case OPENAI -> {
        JsonValue format = request.get("response_format").orElse(JsonValue.ofNull());
        String type = format.get("type").flatMap(JsonValue::asString).orElse("");
        yield switch (type) {
          case "json_object" -> Optional.of(new Mode(null));
          case "json_schema" ->
              Optional.of(
                  new Mode(format.get("json_schema").flatMap(s -> s.get("schema")).orElse(null)));
          default -> Optional.empty();
        };
      }
      case OLLAMA -> {
        JsonValue format = request.get("format").orElse(JsonValue.ofNull());
        if (format instanceof JsonValue.ObjectValue schema) {
          yield Optional.of(new Mode(schema));
        }
        yield format.asString().filter("json"::equals).map(json -> new Mode(null));
      }
      case ANTHROPIC -> {
        Optional<JsonValue> format =
            request
                .get("output_format")
                .or(() -> request.get("output_config").flatMap(c -> c.get("format")))
                .filter(f -> !(f instanceof JsonValue.NullValue));
        if (format.isPresent()) {
          yield Optional.of(new Mode(format.get().get("schema").orElse(null)));
        }
        // a system prompt asking for JSON is obeyed, as a model would
        yield system.contains("JSON") ? Optional.of(new Mode(null)) : Optional.empty();
      }
      // inferd v1 has no JSON mode: a grammar constrains the text, the stub ignores it
      case INFERD -> Optional.empty();
    };
  }

  /** The answer in a mode: the schema's shape, strings the answer, numbers the word count. */
  static JsonValue answer(Mode mode, String answer, long words) {
    JsonValue plain =
        JsonValue.object(linked("answer", JsonValue.of(answer), "words", JsonValue.of(words)));
    JsonValue schema = mode.schema();
    if (schema == null) {
      return plain;
    }
    JsonValue value = new Shaper(schema, answer, words).value(schema, 0);
    return value instanceof JsonValue.NullValue ? plain : value;
  }

  private static Map<String, JsonValue> linked(String a, JsonValue va, String b, JsonValue vb) {
    Map<String, JsonValue> map = new LinkedHashMap<>();
    map.put(a, va);
    map.put(b, vb);
    return map;
  }

  /** A value that a schema accepts: every property of an object, one element of an array. */
  private record Shaper(JsonValue root, String answer, long words) {

    JsonValue value(JsonValue schema, int depth) {
      if (depth > MAX_DEPTH) {
        return JsonValue.ofNull();
      }
      Optional<JsonValue> constant = schema.get("const");
      if (constant.isPresent()) {
        return constant.get();
      }
      if (schema.get("enum").orElse(null) instanceof JsonValue.ArrayValue values
          && !values.elements().isEmpty()) {
        return values.elements().get(0);
      }
      for (String choice : List.of("anyOf", "oneOf", "allOf")) {
        if (schema.get(choice).orElse(null) instanceof JsonValue.ArrayValue options
            && !options.elements().isEmpty()) {
          return value(options.elements().get(0), depth + 1);
        }
      }
      Optional<String> ref = schema.get("$ref").flatMap(JsonValue::asString);
      if (ref.isPresent()) {
        return value(resolve(ref.get()), depth + 1);
      }
      String type = type(schema);
      return switch (type) {
        case "object" -> object(schema, depth);
        case "array" -> {
          JsonValue items = schema.get("items").orElse(JsonValue.object(Map.of()));
          yield JsonValue.array(List.of(value(items, depth + 1)));
        }
        case "string" -> JsonValue.of(string(schema));
        case "integer", "number" -> JsonValue.of(words);
        case "boolean" -> JsonValue.of(true);
        case "null" -> JsonValue.ofNull();
        default -> JsonValue.of(answer);
      };
    }

    private JsonValue object(JsonValue schema, int depth) {
      Map<String, JsonValue> members = new LinkedHashMap<>();
      if (schema.get("properties").orElse(null) instanceof JsonValue.ObjectValue properties) {
        for (Map.Entry<String, JsonValue> property : properties.members().entrySet()) {
          members.put(property.getKey(), value(property.getValue(), depth + 1));
        }
      }
      if (members.isEmpty()) {
        return JsonValue.object(
            linked("answer", JsonValue.of(answer), "words", JsonValue.of(words)));
      }
      return JsonValue.object(members);
    }

    private String string(JsonValue schema) {
      return switch (schema.get("format").flatMap(JsonValue::asString).orElse("")) {
        case "date-time" -> "2025-01-01T00:00:00Z";
        case "date" -> "2025-01-01";
        case "time" -> "00:00:00Z";
        case "email" -> "stub@example.com";
        case "uri" -> "https://example.com/stub";
        case "uuid" -> "00000000-0000-4000-8000-000000000000";
        default -> answer;
      };
    }

    private static String type(JsonValue schema) {
      JsonValue type = schema.get("type").orElse(JsonValue.ofNull());
      if (type instanceof JsonValue.ArrayValue types) {
        return types.elements().stream()
            .map(t -> t.asString().orElse(""))
            .filter(t -> !t.equals("null"))
            .findFirst()
            .orElse("null");
      }
      return type.asString().orElse(schema.get("properties").isPresent() ? "object" : "string");
    }

    /** {@code #/$defs/X} or {@code #/definitions/X} in the root schema; else an empty schema. */
    private JsonValue resolve(String ref) {
      JsonValue at = root;
      if (!ref.startsWith("#/")) {
        return JsonValue.object(Map.of());
      }
      for (String name : ref.substring(2).split("/")) {
        at = at.get(name.replace("~1", "/").replace("~0", "~")).orElse(null);
        if (at == null) {
          return JsonValue.object(Map.of());
        }
      }
      return at;
    }
  }
}
