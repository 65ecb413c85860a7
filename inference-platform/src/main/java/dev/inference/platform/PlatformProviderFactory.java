package dev.inference.platform;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.http.EndpointRules;
import dev.inference.http.HttpTransport;
import dev.inference.openai.OpenAiProviderFactory;
import dev.inference.platform.internal.CacheRefreshingClient;
import dev.inference.platform.internal.PlatformDialect;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Driver {@code bitloops_platform_chat}, provider name {@code bitloops}: the Bitloops platform
 * gateway in the OpenAI chat completions dialect, at {@link #DEFAULT_ENDPOINT} unless the profile
 * sets {@code base_url}. The token is optional.
 *
 * <p>As in {@code bitloops-inference}: request metadata {@code bitloops_refresh_cache} set to
 * {@code true} sends {@code X-Bitloops-Refresh-Cache: true}, and a {@code JSON_OBJECT} answer with
 * no JSON object in it is asked for once more with that header.
 *
 * @since 0.1
 */
public final class PlatformProviderFactory implements ProviderFactory {

  /** The driver id. */
  public static final String ID = "bitloops_platform_chat";

  /** The production gateway. */
  public static final URI DEFAULT_ENDPOINT =
      URI.create("https://platform.bitloops.net/v1/chat/completions");

  private static final String PROVIDER_NAME = "bitloops";

  private final OpenAiProviderFactory openAi = new OpenAiProviderFactory();

  /** For {@link java.util.ServiceLoader}. */
  public PlatformProviderFactory() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Capabilities capabilities() {
    return openAi.capabilities();
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return openAi.configKeys();
  }

  @Override
  public Optional<URI> defaultBaseUrl() {
    return Optional.of(DEFAULT_ENDPOINT);
  }

  @Override
  public List<SettingsProblem> validate(ProviderSettings settings) {
    // no method reference: this runs on the way to the first answer of `inference run`
    // (StartPathTest)
    Optional<URI> baseUrl = settings.baseUrl();
    return EndpointRules.check(settings, baseUrl.isPresent() ? baseUrl : defaultBaseUrl());
  }

  @Override
  public ProviderDescription describe(ProviderSettings settings) {
    return new ProviderDescription(
        OpenAiProviderFactory.ID,
        PROVIDER_NAME,
        settings.model(),
        settings.baseUrl().orElse(DEFAULT_ENDPOINT).toString(),
        capabilities());
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    PlatformDialect dialect =
        new PlatformDialect(
            OpenAiProviderFactory.dialect(PROVIDER_NAME, settings), DEFAULT_ENDPOINT);
    return new CacheRefreshingClient(
        HttpTransport.client(settings, context, dialect, capabilities()));
  }
}
