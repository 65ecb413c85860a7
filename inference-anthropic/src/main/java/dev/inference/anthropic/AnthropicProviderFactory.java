package dev.inference.anthropic;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.anthropic.internal.AnthropicDialect;
import dev.inference.http.EndpointRules;
import dev.inference.http.HttpTransport;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Driver {@code anthropic_messages}, provider name {@code anthropic}: POSTs to {@link
 * #DEFAULT_ENDPOINT} unless the profile's {@code base_url} names another Messages endpoint (a
 * gateway, an Anthropic-compatible server).
 *
 * <p>Driver-specific profile keys: {@code anthropic_version} (default {@code 2023-06-01}), {@code
 * anthropic_beta} (a string or an array of strings, sent as {@code anthropic-beta}), {@code
 * auth_scheme} ({@code x-api-key}, the default, or {@code bearer} for gateways that want {@code
 * Authorization: Bearer}), {@code thinking_budget_tokens} (extended thinking), {@code
 * structured_outputs} ({@code true} by default: JSON schemas as {@code output_config.format}),
 * {@code user_id} (sent as {@code metadata.user_id}) and {@code headers} (a table of extra
 * headers).
 *
 * @since 0.2
 */
public final class AnthropicProviderFactory implements ProviderFactory {

  /** The driver id. */
  public static final String ID = "anthropic_messages";

  /** The Messages endpoint of Anthropic's API. */
  public static final URI DEFAULT_ENDPOINT = AnthropicDialect.DEFAULT_ENDPOINT;

  private static final Capabilities CAPABILITIES =
      Capabilities.builder()
          .responseFormats(EnumSet.allOf(ResponseFormat.Kind.class))
          .usageReporting(true)
          .streaming(true)
          .reasoning(true)
          .tools(true)
          .parallelToolCalls(true)
          .imageInput(true)
          .imageUrls(true)
          .build();

  /** For {@link java.util.ServiceLoader}. */
  public AnthropicProviderFactory() {}

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
    return AnthropicDialect.CONFIG_KEYS;
  }

  @Override
  public Optional<URI> defaultBaseUrl() {
    return Optional.of(DEFAULT_ENDPOINT);
  }

  @Override
  public List<SettingsProblem> validate(ProviderSettings settings) {
    // no method references here: this runs on the way to the first answer of `inference run`
    // (StartPathTest)
    Optional<URI> baseUrl = settings.baseUrl();
    List<SettingsProblem> problems =
        new ArrayList<>(
            EndpointRules.check(settings, baseUrl.isPresent() ? baseUrl : defaultBaseUrl()));
    problems.addAll(AnthropicDialect.problems(settings));
    return problems;
  }

  @Override
  public ProviderDescription describe(ProviderSettings settings) {
    return new ProviderDescription(
        ID,
        AnthropicDialect.PROVIDER_NAME,
        settings.model(),
        settings.baseUrl().orElse(DEFAULT_ENDPOINT).toString(),
        CAPABILITIES);
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    return HttpTransport.client(settings, context, AnthropicDialect.of(settings), CAPABILITIES);
  }
}
