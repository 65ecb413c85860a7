package dev.inference.config.fakes;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import java.util.List;
import java.util.Optional;

/**
 * TEST-ONLY driver {@code fake_all_types}: declares one key of each kind {@link ConfigKey} has, and
 * refuses {@code strict = true}, to test how the config converts and checks driver keys.
 */
public final class FakeAllTypesProviderFactory implements ProviderFactory {

  /** The id. */
  public static final String ID = "fake_all_types";

  @Override
  public String id() {
    return ID;
  }

  private static final ConfigKey<Boolean> STRICT = ConfigKey.bool("strict", "a boolean");

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().build();
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return List.of(
        ConfigKey.string("label", "a string"),
        ConfigKey.integer("retries", "an integer"),
        ConfigKey.number("ratio", "a number"),
        STRICT,
        ConfigKey.stringTable("headers", "a table of strings"),
        ConfigKey.of(
            "think",
            "a string or a boolean",
            JsonValue.class,
            "a string or a boolean",
            value ->
                value instanceof JsonValue.StringValue || value instanceof JsonValue.BooleanValue
                    ? Optional.of(value)
                    : Optional.empty()));
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    if (STRICT.from(settings).orElse(false)) {
      throw new IllegalArgumentException("strict mode is not supported by this fake");
    }
    return new FakeClient(
        settings,
        new ProviderDescription(
            ID, "fake", settings.model(), String.valueOf(settings.baseUrl()), capabilities()));
  }
}
