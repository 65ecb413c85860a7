package dev.inference.cli;

import dev.inference.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A small builder of JSON objects in member order; absent values are left out, never null. */
final class Json {

  private final Map<String, JsonValue> members = new LinkedHashMap<>();

  static Json object() {
    return new Json();
  }

  Json put(String name, JsonValue value) {
    members.put(name, value);
    return this;
  }

  Json put(String name, String value) {
    return put(name, JsonValue.of(value));
  }

  Json put(String name, long value) {
    return put(name, JsonValue.of(value));
  }

  Json put(String name, boolean value) {
    return put(name, JsonValue.of(value));
  }

  Json put(String name, Json value) {
    return put(name, value.build());
  }

  Json putStrings(String name, List<String> values) {
    return put(name, JsonValue.array(values.stream().map(JsonValue::of).toList()));
  }

  Json putIfPresent(String name, Optional<? extends Object> value) {
    value.ifPresent(
        v -> put(name, v instanceof JsonValue json ? json : JsonValue.of(String.valueOf(v))));
    return this;
  }

  Json putIfPresent(String name, OptionalLong value) {
    value.ifPresent(v -> put(name, v));
    return this;
  }

  JsonValue build() {
    return JsonValue.object(members);
  }

  String toJson() {
    return build().toJson();
  }
}
