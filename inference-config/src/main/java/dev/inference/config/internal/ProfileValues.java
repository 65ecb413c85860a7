package dev.inference.config.internal;

import dev.inference.JsonValue;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.ProviderFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.tomlj.TomlTable;

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
    for (ConfigKey key : factory.configKeys()) {
      if (ConfigReader.COMMON_KEYS.contains(key.name())) {
        continue;
      }
      Object value = profile.table.get(List.of(key.name()));
      if (value != null) {
        option(key, value).ifPresent(json -> options.put(key.name(), json));
      }
    }
  }

  private Optional<JsonValue> option(ConfigKey key, Object value) {
    String name = key.name();
    switch (key.type()) {
      case STRING:
        if (value instanceof String raw) {
          return profile.interpolate(name, raw).map(JsonValue::of);
        }
        profile.fail(name, "must be a string, but was " + Shown.show(value));
        return Optional.empty();
      case INTEGER:
        if (value instanceof Long integer) {
          return Optional.of(JsonValue.of(integer));
        }
        profile.fail(name, "must be an integer, but was " + Shown.show(value));
        return Optional.empty();
      case NUMBER:
        if (value instanceof Long integer) {
          return Optional.of(JsonValue.of(integer));
        }
        if (value instanceof Double real && Double.isFinite(real)) {
          return Optional.of(JsonValue.of(real));
        }
        profile.fail(name, "must be a finite number, but was " + Shown.show(value));
        return Optional.empty();
      case BOOLEAN:
        if (value instanceof Boolean flag) {
          return Optional.of(JsonValue.of(flag));
        }
        profile.fail(name, "must be a boolean, but was " + Shown.show(value));
        return Optional.empty();
      case STRING_OR_BOOLEAN:
        if (value instanceof Boolean flag) {
          return Optional.of(JsonValue.of(flag));
        }
        if (value instanceof String raw) {
          return profile.interpolate(name, raw).map(JsonValue::of);
        }
        profile.fail(name, "must be a string or a boolean, but was " + Shown.show(value));
        return Optional.empty();
      case STRING_TABLE:
        return stringTable(name, value);
      default:
        throw new IllegalStateException("unknown config key type " + key.type());
    }
  }

  private Optional<JsonValue> stringTable(String key, Object value) {
    if (!(value instanceof TomlTable nested)) {
      profile.fail(key, "must be a table of strings, but was " + Shown.kind(value));
      return Optional.empty();
    }
    Map<String, JsonValue> members = new LinkedHashMap<>();
    boolean ok = true;
    for (String entry : nested.keySet()) {
      Object member = nested.get(List.of(entry));
      List<String> memberPath = Findings.append(profile.at(key), entry);
      if (!(member instanceof String raw)) {
        // values of such tables may be credentials (headers): never show them
        profile
            .findings()
            .problem(
                memberPath,
                profile.field(key)
                    + " must be a table of strings, but '"
                    + entry
                    + "' was "
                    + Shown.kind(member));
        ok = false;
        continue;
      }
      Interpolation.Result result = Interpolation.interpolate(raw, profile.environment());
      if (result.error().isPresent()) {
        profile
            .findings()
            .problem(
                memberPath,
                profile.field(key)
                    + " entry '"
                    + entry
                    + "' cannot be read: "
                    + result.error().get());
        ok = false;
        continue;
      }
      members.put(entry, JsonValue.of(result.value().orElseThrow()));
    }
    return ok ? Optional.of(JsonValue.object(members)) : Optional.empty();
  }
}
