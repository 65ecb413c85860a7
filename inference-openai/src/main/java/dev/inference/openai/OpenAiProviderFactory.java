package dev.inference.openai;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.http.EndpointRules;
import dev.inference.http.HttpDialect;
import dev.inference.http.HttpTransport;
import dev.inference.openai.internal.OpenAiDialect;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;

/**
 * Driver {@code openai_chat_completions}, provider name {@code openai}: POSTs to the profile's
 * {@code base_url}, the full chat completions endpoint, as written.
 *
 * <p>Driver-specific profile keys: {@code max_tokens_field} ({@code "max_tokens"}, the default, or
 * {@code "max_completion_tokens"} for OpenAI's reasoning models), {@code organization}, {@code
 * project} and {@code headers} (a table of extra headers).
 *
 * @since 0.1
 */
public final class OpenAiProviderFactory implements ProviderFactory {

  /** The driver id. */
  public static final String ID = "openai_chat_completions";

  private static final Capabilities CAPABILITIES =
      Capabilities.builder()
          .responseFormats(EnumSet.allOf(ResponseFormat.Kind.class))
          .usageReporting(true)
          .streaming(true)
          .reasoning(true)
          .parallelToolCalls(true)
          .imageUrls(true)
          .build();

  /** For {@link java.util.ServiceLoader}. */
  public OpenAiProviderFactory() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return OpenAiDialect.CONFIG_KEYS;
  }

  @Override
  public List<SettingsProblem> validate(ProviderSettings settings) {
    return EndpointRules.check(settings, settings.baseUrl());
  }

  @Override
  public ProviderDescription describe(ProviderSettings settings) {
    return new ProviderDescription(
        ID, "openai", settings.model(), endpoint(settings), CAPABILITIES);
  }

  private static String endpoint(ProviderSettings settings) {
    return settings.baseUrl().map(URI::toString).orElse("");
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    return HttpTransport.client(settings, context, dialect("openai", settings), CAPABILITIES);
  }

  /**
   * The chat completions dialect for a profile, for drivers of servers that speak it (the platform
   * driver): they may wrap it to add headers or change the endpoint.
   *
   * @param providerName the provider name responses and errors carry
   * @param settings the profile
   * @return the dialect; its endpoint is the profile's {@code base_url}
   * @throws IllegalArgumentException if an option has a bad value
   * @since 0.2
   */
  public static HttpDialect dialect(String providerName, ProviderSettings settings) {
    return OpenAiDialect.of(providerName, settings);
  }
}
