package dev.inference.config.fakes;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ResponseMode;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.ProviderSettings;
import java.util.EnumSet;
import java.util.List;

/**
 * TEST-ONLY FAKE of driver {@code ollama_chat}, registered in the test class path's {@code
 * META-INF/services}. It stands in until the real {@code inference-ollama} driver lands; then it is
 * deleted, and the tests use the real driver as a test dependency.
 */
public final class FakeOllamaProviderFactory implements ProviderFactory {

  /** The real driver's id. */
  public static final String ID = "ollama_chat";

  static final Capabilities CAPABILITIES =
      Capabilities.builder()
          .responseModes(EnumSet.of(ResponseMode.TEXT, ResponseMode.JSON_OBJECT))
          .usageReporting(true)
          .build();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<ConfigKey> configKeys() {
    return List.of(
        new ConfigKey("keep_alive", ConfigKey.Type.STRING, "how long Ollama keeps the model"),
        new ConfigKey("think", ConfigKey.Type.STRING_OR_BOOLEAN, "Ollama's think flag"),
        new ConfigKey("num_ctx", ConfigKey.Type.INTEGER, "the context window"));
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    String endpoint =
        settings
            .baseUrl()
            .orElseThrow(() -> new IllegalArgumentException("ollama_chat needs base_url"))
            .toString();
    return new FakeClient(
        settings,
        new ProviderDescription("ollama_chat", "ollama", settings.model(), endpoint, CAPABILITIES));
  }
}
