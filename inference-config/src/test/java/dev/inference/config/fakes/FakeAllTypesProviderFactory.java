package dev.inference.config.fakes;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import java.util.List;

/**
 * TEST-ONLY driver {@code fake_all_types}: declares one key of every {@link ConfigKey.Type}, and
 * refuses {@code strict = true}, to test how the config converts and checks driver keys.
 */
public final class FakeAllTypesProviderFactory implements ProviderFactory {

  /** The id. */
  public static final String ID = "fake_all_types";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().build();
  }

  @Override
  public List<ConfigKey> configKeys() {
    return List.of(
        new ConfigKey("label", ConfigKey.Type.STRING, "a string"),
        new ConfigKey("retries", ConfigKey.Type.INTEGER, "an integer"),
        new ConfigKey("ratio", ConfigKey.Type.NUMBER, "a number"),
        new ConfigKey("strict", ConfigKey.Type.BOOLEAN, "a boolean"),
        new ConfigKey("headers", ConfigKey.Type.STRING_TABLE, "a table of strings"),
        new ConfigKey("think", ConfigKey.Type.STRING_OR_BOOLEAN, "a string or a boolean"));
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    if (settings.option("strict").map(v -> v.toJson().equals("true")).orElse(false)) {
      throw new IllegalArgumentException("strict mode is not supported by this fake");
    }
    return new FakeClient(
        settings,
        new ProviderDescription(
            ID, "fake", settings.model(), String.valueOf(settings.baseUrl()), capabilities()));
  }
}
