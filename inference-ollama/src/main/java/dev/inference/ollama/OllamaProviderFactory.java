package dev.inference.ollama;

import dev.inference.Capabilities;
import dev.inference.InferenceClient;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.http.EndpointRules;
import dev.inference.http.HttpTransport;
import dev.inference.ollama.internal.OllamaDialect;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.SettingsProblem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Driver {@code ollama_chat}, provider name {@code ollama}: POSTs to the profile's {@code
 * base_url}, which must be Ollama's full chat endpoint ({@code http://localhost:11434/api/chat}),
 * as written.
 *
 * <p>Driver-specific profile keys: {@code keep_alive} (how long the model stays loaded: a Go
 * duration such as {@code "5m"}, or a number of seconds; {@code 0} unloads it at once, a negative
 * value keeps it loaded), {@code num_ctx} (the context window, in tokens) and {@code think} ({@code
 * true}, {@code false}, or one of {@code "low"}, {@code "medium"}, {@code "high"}).
 *
 * <p>{@code Authorization: Bearer} is sent only when the profile has an API key, for Ollama's cloud
 * and for authenticating proxies in front of a local server; a plain local server ignores it.
 * ({@code bitloops-inference} never sends it.)
 *
 * @since 0.1
 */
public final class OllamaProviderFactory implements ProviderFactory {

  /** The driver id. */
  public static final String ID = "ollama_chat";

  private static final Capabilities CAPABILITIES =
      Capabilities.builder()
          .responseFormats(EnumSet.allOf(ResponseFormat.Kind.class))
          .usageReporting(true)
          .streaming(true)
          .reasoning(true)
          .parallelToolCalls(true)
          .imageInput(true)
          .build();

  /** For {@link java.util.ServiceLoader}. */
  public OllamaProviderFactory() {}

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
    return OllamaDialect.CONFIG_KEYS;
  }

  @Override
  public List<SettingsProblem> validate(ProviderSettings settings) {
    List<SettingsProblem> problems =
        new ArrayList<>(EndpointRules.check(settings, settings.baseUrl()));
    if (onlyWarnings(problems) && !OllamaDialect.targetsChat(settings.baseUrl().orElseThrow())) {
      problems.add(
          0,
          SettingsProblem.error(
              "base_url",
              "must target the Ollama chat endpoint '" + OllamaDialect.CHAT_PATH + "'"));
    }
    return problems;
  }

  // a loop, not a stream: this runs on the way to the first answer of `inference run`
  // (StartPathTest)
  private static boolean onlyWarnings(List<SettingsProblem> problems) {
    for (SettingsProblem problem : problems) {
      if (!problem.warning()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public ProviderDescription describe(ProviderSettings settings) {
    return new ProviderDescription(
        ID,
        "ollama",
        settings.model(),
        settings.baseUrl().isPresent() ? settings.baseUrl().get().toString() : "",
        CAPABILITIES);
  }

  @Override
  public InferenceClient create(ProviderSettings settings, DriverContext context) {
    return HttpTransport.client(settings, context, OllamaDialect.of(settings), CAPABILITIES);
  }
}
