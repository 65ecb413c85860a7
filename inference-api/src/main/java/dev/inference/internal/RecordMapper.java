package dev.inference.internal;

import dev.inference.JsonValue;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps a {@link JsonValue} onto a Java type of the kinds {@link dev.inference.JsonSchema#of(Class)}
 * describes; a value that does not fit fails with the JSON path of the first member that does not
 * ({@code $.items[2].count}).
 */
public final class RecordMapper {

  private RecordMapper() {}

  /**
   * Maps a value onto a type.
   *
   * @param value the value
   * @param type the target type (a record, enum, String, boolean, number, List, Set, array or
   *     Optional of those)
   * @param <T> the type
   * @return the mapped value
   * @throws IllegalArgumentException if the value does not fit; the message starts with the path
   */
  @SuppressWarnings("unchecked")
  public static <T> T map(JsonValue value, Class<T> type) {
    return (T) map(value, (Type) type, "$");
  }

  private static @Nullable Object map(@Nullable JsonValue value, Type type, String path) {
    if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
      Type argument = generic.getActualTypeArguments()[0];
      if (raw == Optional.class) {
        return value == null || value instanceof JsonValue.NullValue
            ? Optional.empty()
            : Optional.ofNullable(map(value, argument, path));
      }
      if (raw == List.class) {
        return Collections.unmodifiableList(elements(value, argument, path));
      }
      if (raw == java.util.Set.class) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(elements(value, argument, path)));
      }
    }
    if (type instanceof GenericArrayType array) {
      return toArray(elements(value, array.getGenericComponentType(), path), array);
    }
    if (!(type instanceof Class<?> raw)) {
      throw new IllegalArgumentException(path + ": cannot map onto " + type.getTypeName());
    }
    if (value == null) {
      throw new IllegalArgumentException(path + ": missing, but " + what(raw) + " is required");
    }
    if (raw.isRecord()) {
      return record(value, raw, path);
    }
    if (raw.isArray()) {
      List<Object> items = elements(value, raw.getComponentType(), path);
      Object array = Array.newInstance(raw.getComponentType(), items.size());
      for (int i = 0; i < items.size(); i++) {
        Array.set(array, i, items.get(i));
      }
      return array;
    }
    return scalar(value, raw, path);
  }

  private static Object scalar(JsonValue value, Class<?> raw, String path) {
    if (raw == String.class && value instanceof JsonValue.StringValue string) {
      return string.value();
    }
    if ((raw == boolean.class || raw == Boolean.class)
        && value instanceof JsonValue.BooleanValue bool) {
      return bool.value();
    }
    if (raw.isEnum() && value instanceof JsonValue.StringValue string) {
      for (Object constant : raw.getEnumConstants()) {
        if (((Enum<?>) constant).name().equals(string.value())) {
          return constant;
        }
      }
      List<String> names = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      throw new IllegalArgumentException(
          path + ": expected one of " + names + ", but was " + value.toJson());
    }
    if (value instanceof JsonValue.NumberValue number && isNumber(raw)) {
      return number(number.value(), raw, path);
    }
    throw new IllegalArgumentException(
        path + ": expected " + what(raw) + ", but was " + found(value));
  }

  private static boolean isNumber(Class<?> raw) {
    return raw.isPrimitive() && raw != boolean.class && raw != char.class
        || Number.class.isAssignableFrom(raw);
  }

  private static Object number(BigDecimal number, Class<?> raw, String path) {
    try {
      if (raw == double.class || raw == Double.class) {
        return number.doubleValue();
      }
      if (raw == float.class || raw == Float.class) {
        return number.floatValue();
      }
      if (raw == BigDecimal.class) {
        return number;
      }
      BigInteger integer = number.toBigIntegerExact();
      if (raw == BigInteger.class) {
        return integer;
      }
      if (raw == long.class || raw == Long.class) {
        return integer.longValueExact();
      }
      if (raw == int.class || raw == Integer.class) {
        return integer.intValueExact();
      }
      if (raw == short.class || raw == Short.class) {
        return integer.shortValueExact();
      }
      if (raw == byte.class || raw == Byte.class) {
        return integer.byteValueExact();
      }
    } catch (ArithmeticException doesNotFit) {
      throw new IllegalArgumentException(
          path + ": expected " + what(raw) + ", but " + number.toPlainString() + " does not fit");
    }
    throw new IllegalArgumentException(path + ": cannot map a number onto " + raw.getName());
  }

  private static List<Object> elements(@Nullable JsonValue value, Type element, String path) {
    if (!(value instanceof JsonValue.ArrayValue array)) {
      throw new IllegalArgumentException(
          path + ": expected an array, but was " + (value == null ? "missing" : found(value)));
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < array.elements().size(); i++) {
      out.add(map(array.elements().get(i), element, path + "[" + i + "]"));
    }
    return out;
  }

  private static Object toArray(List<Object> items, GenericArrayType type) {
    Type component = type.getGenericComponentType();
    Class<?> raw =
        component instanceof ParameterizedType generic
            ? (Class<?>) generic.getRawType()
            : (Class<?>) component;
    Object array = Array.newInstance(raw, items.size());
    for (int i = 0; i < items.size(); i++) {
      Array.set(array, i, items.get(i));
    }
    return array;
  }

  private static Object record(JsonValue value, Class<?> type, String path) {
    if (!(value instanceof JsonValue.ObjectValue object)) {
      throw new IllegalArgumentException(
          path + ": expected an object (" + type.getSimpleName() + "), but was " + found(value));
    }
    Map<String, JsonValue> members = object.members();
    RecordComponent[] components = type.getRecordComponents();
    Object[] arguments = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      arguments[i] =
          map(
              members.get(component.getName()),
              component.getGenericType(),
              path + "." + component.getName());
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(arguments);
    } catch (InvocationTargetException refused) {
      throw new IllegalArgumentException(
          path
              + ": "
              + type.getSimpleName()
              + " refused the values: "
              + refused.getCause().getMessage(),
          refused.getCause());
    } catch (ReflectiveOperationException | RuntimeException closed) {
      throw new IllegalArgumentException(
          path
              + ": cannot create "
              + type.getName()
              + " ("
              + closed
              + "); on the module path, open its package to dev.inference",
          closed);
    }
  }

  private static String what(Class<?> raw) {
    if (raw == String.class || raw.isEnum()) {
      return "a string";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "a boolean";
    }
    if (raw.isRecord()) {
      return "an object";
    }
    if (raw.isArray()) {
      return "an array";
    }
    if (raw == double.class
        || raw == Double.class
        || raw == float.class
        || raw == Float.class
        || raw == BigDecimal.class) {
      return "a number";
    }
    return "an integer (" + raw.getSimpleName() + ")";
  }

  private static String found(JsonValue value) {
    if (value instanceof JsonValue.StringValue) {
      return "a string";
    }
    if (value instanceof JsonValue.NumberValue number) {
      return number.value().toPlainString();
    }
    if (value instanceof JsonValue.BooleanValue bool) {
      return String.valueOf(bool.value());
    }
    if (value instanceof JsonValue.ArrayValue) {
      return "an array";
    }
    if (value instanceof JsonValue.ObjectValue) {
      return "an object";
    }
    return "null";
  }
}
