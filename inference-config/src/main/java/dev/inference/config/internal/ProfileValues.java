package dev.inference.config.internal;

import dev.inference.JsonValue;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** The numeric and driver-specific values of one profile, read for {@link ProfileReader}. */
final class ProfileValues {

  private final ProfileReader profile;

  ProfileValues(ProfileReader profile) {
    this.profile = profile;
  }

  OptionalDouble temperature() {
    String key = "temperature";
    Object value = profile.table.get(List.of(key));
    if (value == null) {
      profile.fail(key, "is required");
      return OptionalDouble.empty();
    }
    double number;
    String shown;
    if (value instanceof Double real) {
      number = RustNumbers.asF32Range(real);
      shown = Shown.show(value);
    } else if (value instanceof Long integer) {
      number = integer;
      shown = Shown.show(value);
    } else if (value instanceof String raw) {
      Optional<String> text = profile.interpolate(key, raw);
      if (text.isEmpty()) {
        return OptionalDouble.empty();
      }
      OptionalDouble parsed = RustNumbers.parseF32(text.get().trim());
      shown = Shown.showString(raw);
      if (parsed.isEmpty()) {
        profile.fail(key, "must be a valid number, but was " + shown);
        return OptionalDouble.empty();
      }
      number = parsed.getAsDouble();
    } else {
      profile.fail(key, "must be a string or number, but was " + Shown.show(value));
      return OptionalDouble.empty();
    }
    if (!Double.isFinite(number) || number < 0) {
      profile.fail(key, "must be a finite value greater than or equal to 0, but was " + shown);
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(number);
  }

  OptionalLong maxOutputTokens() {
    String key = "max_output_tokens";
    Object value = profile.table.get(List.of(key));
    if (value == null) {
      profile.fail(key, "is required");
      return OptionalLong.empty();
    }
    String allowed = " (allowed: 1 to " + RustNumbers.U32_MAX + ")";
    long number;
    if (value instanceof Long integer) {
      if (integer < 0 || integer > RustNumbers.U32_MAX) {
        profile.fail(key, "must fit within a u32" + allowed + ", but was " + integer);
        return OptionalLong.empty();
      }
      number = integer;
    } else if (value instanceof String raw) {
      Optional<String> text = profile.interpolate(key, raw);
      if (text.isEmpty()) {
        return OptionalLong.empty();
      }
      String trimmed = text.get().trim();
      switch (RustNumbers.parseU32(trimmed)) {
        case INVALID:
          profile.fail(key, "must be an integer" + allowed + ", but was " + Shown.showString(raw));
          return OptionalLong.empty();
        case TOO_LARGE:
          profile.fail(
              key, "must fit within a u32" + allowed + ", but was " + Shown.showString(raw));
          return OptionalLong.empty();
        default:
          number = Long.parseLong(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
      }
    } else {
      profile.fail(key, "must be an integer" + allowed + ", but was " + Shown.show(value));
      return OptionalLong.empty();
    }
    if (number == 0) {
      profile.fail(key, "must be greater than 0, but was " + Shown.show(value));
      return OptionalLong.empty();
    }
    return OptionalLong.of(number);
  }

  void options(ProviderFactory factory, Map<String, JsonValue> options) {
    for (ConfigKey<?> key : factory.configKeys()) {
      if (ConfigReader.COMMON_KEYS.contains(key.name())) {
        continue;
      }
      Object value = profile.table.get(List.of(key.name()));
      if (value != null) {
        Optional<JsonValue> json = option(key, value);
        if (json.isPresent()) {
          options.put(key.name(), json.get());
        }
      }
    }
  }

  /**
   * The TOML value as JSON, strings interpolated, checked by the driver's own key: the check {@code
   * Inference.connect} runs on options set in code, so TOML and code agree.
   */
  private Optional<JsonValue> option(ConfigKey<?> key, Object value) {
    String name = key.name();
    // the values of a table key may be credentials (headers): only their kind is ever shown
    boolean tableKey = key.tryParse(JsonValue.object(Map.of())).isPresent();
    if (value instanceof TomlTree.Table table && tableKey) {
      return table(key, table);
    }
    Optional<JsonValue> json;
    if (value instanceof String raw) {
      Optional<String> text = profile.interpolate(name, raw);
      if (text.isEmpty()) {
        return Optional.empty(); // reported by interpolate
      }
      json = Optional.of(JsonValue.of(text.get()));
    } else {
      json = plain(value);
    }
    if (json.isPresent() && key.tryParse(json.get()).isPresent()) {
      return json;
    }
    String shown = tableKey ? Shown.kind(value) : Shown.show(value);
    profile.fail(name, "must be " + key.expected() + ", but was " + shown);
    return Optional.empty();
  }

  /** A table for a table key: each entry interpolated and checked, each problem at its entry. */
  private Optional<JsonValue> table(ConfigKey<?> key, TomlTree.Table table) {
    String name = key.name();
    Map<String, JsonValue> members = new LinkedHashMap<>();
    boolean ok = true;
    for (String entry : table.keySet()) {
      Object member = table.get(List.of(entry));
      List<String> memberPath = Findings.append(profile.at(name), entry);
      Optional<JsonValue> json;
      if (member instanceof String raw) {
        Interpolation.Result result = Interpolation.interpolate(raw, profile.environment());
        if (result.error().isPresent()) {
          profile
              .findings()
              .problem(
                  memberPath,
                  profile.field(name)
                      + " entry '"
                      + entry
                      + "' cannot be read: "
                      + result.error().get());
          ok = false;
          continue;
        }
        json = Optional.of(JsonValue.of(result.value().orElseThrow()));
      } else {
        json = plain(member);
      }
      if (json.isEmpty() || key.tryParse(JsonValue.object(Map.of(entry, json.get()))).isEmpty()) {
        profile
            .findings()
            .problem(
                memberPath,
                profile.field(name)
                    + " must be "
                    + key.expected()
                    + ", but '"
                    + entry
                    + "' was "
                    + Shown.kind(member));
        ok = false;
        continue;
      }
      members.put(entry, json.get());
    }
    if (!ok) {
      return Optional.empty();
    }
    JsonValue json = JsonValue.object(members);
    if (key.tryParse(json).isPresent()) {
      return Optional.of(json);
    }
    profile.fail(name, "must be " + key.expected() + ", but was " + Shown.kind(table));
    return Optional.empty();
  }

  /** A TOML value that needs no interpolation as JSON; empty for what JSON cannot hold. */
  private static Optional<JsonValue> plain(@Nullable Object value) {
    if (value instanceof Long integer) {
      return Optional.of(JsonValue.of(integer));
    }
    if (value instanceof Double real) {
      return Double.isFinite(real) ? Optional.of(JsonValue.of(real)) : Optional.empty();
    }
    if (value instanceof Boolean flag) {
      return Optional.of(JsonValue.of(flag));
    }
    if (value instanceof String text) {
      return Optional.of(JsonValue.of(text));
    }
    if (value instanceof TomlTree.Table nested) {
      Map<String, JsonValue> members = new LinkedHashMap<>();
      for (String entry : nested.keySet()) {
        Optional<JsonValue> member = plain(nested.get(List.of(entry)));
        if (member.isEmpty()) {
          return Optional.empty();
        }
        members.put(entry, member.get());
      }
      return Optional.of(JsonValue.object(members));
    }
    if (value instanceof TomlTree.Array array) {
      List<JsonValue> elements = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        Optional<JsonValue> element = plain(array.get(i));
        if (element.isEmpty()) {
          return Optional.empty();
        }
        elements.add(element.get());
      }
      return Optional.of(JsonValue.array(elements));
    }
    return Optional.empty();
  }
}
