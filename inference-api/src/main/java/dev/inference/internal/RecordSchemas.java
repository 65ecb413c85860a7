package dev.inference.internal;

import dev.inference.Description;
import dev.inference.JsonValue;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Derives JSON schemas from Java types for {@link dev.inference.JsonSchema#of(Class)}. */
public final class RecordSchemas {

  private static final Set<Class<?>> INTEGERS =
      Set.of(
          int.class,
          Integer.class,
          long.class,
          Long.class,
          short.class,
          Short.class,
          byte.class,
          Byte.class,
          BigInteger.class);
  private static final Set<Class<?>> NUMBERS =
      Set.of(double.class, Double.class, float.class, Float.class, BigDecimal.class);

  private RecordSchemas() {}

  /**
   * A schema name for a type: its simple name, cut to what providers accept.
   *
   * @param type the type
   * @return 1 to 64 of {@code a-z A-Z 0-9 _ -}
   */
  public static String name(Class<?> type) {
    String name = type.getSimpleName().replaceAll("[^a-zA-Z0-9_-]", "_");
    name = name.isEmpty() ? "response" : name;
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  /**
   * The schema of a record.
   *
   * @param type a record class
   * @return the schema
   * @throws IllegalArgumentException if a type inside is not supported or a record contains itself
   */
  public static JsonValue schema(Class<? extends Record> type) {
    return new RecordSchemas.Walk().of(type, type.getSimpleName());
  }

  /** One derivation: the records on the way down, to refuse a record that contains itself. */
  private static final class Walk {
    private final Deque<Class<?>> open = new ArrayDeque<>();

    JsonValue of(Type type, String where) {
      if (type instanceof Class<?> raw) {
        return ofClass(raw, where);
      }
      if (type instanceof ParameterizedType generic
          && generic.getRawType() instanceof Class<?> raw) {
        Type[] arguments = generic.getActualTypeArguments();
        if (raw == Optional.class) {
          return nullable(of(arguments[0], where));
        }
        if (Collection.class.isAssignableFrom(raw) && (raw == List.class || raw == Set.class)) {
          return array(of(arguments[0], where + "[]"));
        }
      }
      if (type instanceof GenericArrayType array) {
        return array(of(array.getGenericComponentType(), where + "[]"));
      }
      throw unsupported(type, where);
    }

    private JsonValue ofClass(Class<?> raw, String where) {
      if (raw == String.class) {
        return type("string");
      }
      if (raw == boolean.class || raw == Boolean.class) {
        return type("boolean");
      }
      if (INTEGERS.contains(raw)) {
        return type("integer");
      }
      if (NUMBERS.contains(raw)) {
        return type("number");
      }
      if (raw.isEnum()) {
        List<JsonValue> names = new ArrayList<>();
        for (Object constant : raw.getEnumConstants()) {
          names.add(JsonValue.of(((Enum<?>) constant).name()));
        }
        Map<String, JsonValue> schema = new LinkedHashMap<>();
        schema.put("type", JsonValue.of("string"));
        schema.put("enum", JsonValue.array(names));
        describe(raw, schema);
        return JsonValue.object(schema);
      }
      if (raw.isArray() && raw != byte[].class) {
        return array(ofClass(raw.getComponentType(), where + "[]"));
      }
      if (raw.isRecord()) {
        return record(raw, where);
      }
      throw unsupported(raw, where);
    }

    private JsonValue record(Class<?> type, String where) {
      if (open.contains(type)) {
        throw new IllegalArgumentException(
            where
                + ": record "
                + type.getName()
                + " contains itself; a JSON schema here cannot describe a recursive type");
      }
      open.push(type);
      Map<String, JsonValue> properties = new LinkedHashMap<>();
      List<JsonValue> required = new ArrayList<>();
      for (RecordComponent component : type.getRecordComponents()) {
        Map<String, JsonValue> property =
            new LinkedHashMap<>(
                ((JsonValue.ObjectValue)
                        of(component.getGenericType(), where + "." + component.getName()))
                    .members());
        describe(component, property);
        properties.put(component.getName(), JsonValue.object(property));
        required.add(JsonValue.of(component.getName()));
      }
      open.pop();
      Map<String, JsonValue> schema = new LinkedHashMap<>();
      schema.put("type", JsonValue.of("object"));
      describe(type, schema);
      schema.put("properties", JsonValue.object(properties));
      schema.put("required", JsonValue.array(required));
      schema.put("additionalProperties", JsonValue.of(false));
      return JsonValue.object(schema);
    }
  }

  private static void describe(AnnotatedElement element, Map<String, JsonValue> schema) {
    Description description = element.getAnnotation(Description.class);
    if (description != null) {
      schema.put("description", JsonValue.of(description.value()));
    }
  }

  private static JsonValue type(String name) {
    return JsonValue.object(Map.of("type", JsonValue.of(name)));
  }

  private static JsonValue array(JsonValue items) {
    Map<String, JsonValue> schema = new LinkedHashMap<>();
    schema.put("type", JsonValue.of("array"));
    schema.put("items", items);
    return JsonValue.object(schema);
  }

  /**
   * The value's schema or {@code null}: {@code anyOf}, which every provider's strict mode reads.
   */
  private static JsonValue nullable(JsonValue schema) {
    return JsonValue.object(Map.of("anyOf", JsonValue.array(List.of(schema, type("null")))));
  }

  private static IllegalArgumentException unsupported(Type type, String where) {
    return new IllegalArgumentException(
        where
            + ": "
            + type.getTypeName()
            + " has no JSON schema here; use a record, an enum, String, boolean, a number type,"
            + " or a List, Set, array or Optional of those");
  }
}
