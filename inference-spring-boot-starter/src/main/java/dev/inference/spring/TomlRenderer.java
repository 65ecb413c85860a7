package dev.inference.spring;

import dev.inference.Inference;
import dev.inference.spi.ConfigKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The profiles of {@code inference.profiles.*} as a Bitloops TOML document, so that {@code
 * inference-config} checks them with its one set of rules: per profile a {@code
 * [inference.runtimes.<name>]} table with the runtime keys and a {@code [inference.profiles.<name>]}
 * table with {@code runtime = "<name>"} and the profile keys.
 *
 * <p>Spring has already resolved its placeholders, so no value may be substituted again: a string
 * that contains {@code ${} (and the API key, always, so it is never in the text) is written as a
 * placeholder named after its property, which {@link #environment()} answers with the value
 * verbatim (substituted values are not rescanned).
 */
final class TomlRenderer {

  private final StringBuilder toml = new StringBuilder();
  private final Map<String, String> values = new HashMap<>();

  private TomlRenderer() {}

  /** The document and its environment. */
  record Rendered(String toml, Function<String, Optional<String>> environment) {}

  static Rendered render(Map<String, ProfileProperties> profiles) {
    TomlRenderer renderer = new TomlRenderer();
    profiles.forEach(renderer::profile);
    Map<String, String> values = Map.copyOf(renderer.values);
    return new Rendered(renderer.toml.toString(), name -> Optional.ofNullable(values.get(name)));
  }

  private void profile(String name, ProfileProperties profile) {
    String key = TomlText.key(name);
    String property = PropertyNames.profile(name);
    toml.append("[inference.runtimes.").append(key).append("]\n");
    profile.runtimeValues().forEach((k, v) -> entry(property, k, v));
    toml.append("\n[inference.profiles.").append(key).append("]\n");
    toml.append("runtime = ").append(TomlText.string(name)).append('\n');
    profile.profileValues().forEach((k, v) -> entry(property, k, v));
    String apiKey = profile.getApiKey();
    if (apiKey != null) {
      toml.append("api_key = ").append(placeholder(property + ".api-key", apiKey)).append('\n');
    }
    Map<String, ConfigKey<?>> declared = declaredKeys(profile.getDriver());
    profile
        .getOptions()
        .forEach(
            (k, v) -> {
              toml.append(TomlText.key(k)).append(" = ");
              toml.append(value(property + ".options." + k, v, declared.get(k))).append('\n');
            });
    toml.append('\n');
  }

  private void entry(String property, String key, Object value) {
    String name = property + "." + PropertyNames.kebab(key);
    toml.append(key).append(" = ").append(value(name, value, null)).append('\n');
  }

  /**
   * A value as TOML. An option's string is written as the type its driver declares when it reads as
   * one (a {@code .properties} file gives every value as a string), else as a string, so the
   * driver's own check reports it.
   */
  private String value(String property, Object value, @Nullable ConfigKey<?> key) {
    if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      return value.toString();
    }
    if (value instanceof Number number) {
      return TomlText.number(number.doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder table = new StringBuilder("{ ");
      map.forEach(
          (k, v) -> {
            if (table.length() > 2) {
              table.append(", ");
            }
            String entry = String.valueOf(k);
            table.append(TomlText.key(entry)).append(" = ");
            table.append(value(property + "." + entry, v, null));
          });
      return table.append(" }").toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder array = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        array.append(i == 0 ? "" : ", ").append(value(property + "[" + i + "]", list.get(i), null));
      }
      return array.append(']').toString();
    }
    String text = String.valueOf(value);
    if (key != null) {
      Optional<String> typed = typed(text.trim(), key.type());
      if (typed.isPresent()) {
        return typed.get();
      }
    }
    return text.contains("${") ? placeholder(property, text) : TomlText.string(text);
  }

  private static Optional<String> typed(String text, Class<?> type) {
    try {
      if (type == Long.class) {
        return Optional.of(Long.toString(Long.parseLong(text)));
      }
      if (type == Double.class) {
        return Optional.of(TomlText.number(Double.parseDouble(text)));
      }
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
    if (type == Boolean.class && (text.equals("true") || text.equals("false"))) {
      return Optional.of(text);
    }
    return Optional.empty();
  }

  /** A placeholder for the value, named after its property (a name without a closing brace). */
  private String placeholder(String property, String value) {
    String name = property.contains("}") ? "inference.value." + values.size() : property;
    values.put(name, value);
    return TomlText.string("${" + name + "}");
  }

  /** The driver's declared keys by name; none when the driver is not installed. */
  private static Map<String, ConfigKey<?>> declaredKeys(@Nullable String driver) {
    Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
    if (driver != null && Inference.drivers().contains(driver)) {
      Inference.factory(driver).configKeys().forEach(k -> keys.put(k.name(), k));
    }
    return keys;
  }
}
