package dev.inference.benchmarks.contenders;

import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Secret;
import dev.inference.StreamEvent;
import dev.inference.benchmarks.Fixtures;
import dev.inference.config.InferenceConfig;
import java.net.URI;
import java.time.Duration;

/**
 * This library, configured as a user would: a TOML profile with the default runtime settings, or
 * the same settings built in code.
 */
final class InferenceLibrary implements Contender {

  private final InferenceClient client;

  private InferenceLibrary(InferenceClient client) {
    this.client = client;
  }

  /** The client of profile {@code bench} of {@link Fixtures#toml}, through inference-config. */
  static InferenceLibrary fromToml(String driver, URI endpoint) {
    return new InferenceLibrary(
        InferenceConfig.parse(Fixtures.toml(driver, endpoint.toString())).client("bench"));
  }

  /**
   * The client of profile {@code bench} of {@link Fixtures#toml} with more keys in the profile,
   * such as {@code http_client = "apache"}.
   */
  static InferenceLibrary fromToml(String driver, URI endpoint, String moreKeys) {
    return new InferenceLibrary(
        InferenceConfig.parse(Fixtures.toml(driver, endpoint.toString()) + moreKeys)
            .client("bench"));
  }

  /** The same client as {@link #fromToml}, with its settings built in code: no TOML, no config. */
  static InferenceLibrary inCode(String driver, URI endpoint) {
    return new InferenceLibrary(Inference.connect(settings(driver, endpoint)));
  }

  /**
   * {@link #inCode} on another HTTP engine ({@code http_client}, such as {@code "apache"}). The
   * option is made here, not in {@link Contenders}: a raw contender's cold start must not load this
   * library's classes.
   */
  static InferenceLibrary inCode(String driver, URI endpoint, String httpClient) {
    return new InferenceLibrary(
        Inference.connect(
            settings(driver, endpoint).toBuilder()
                .option("http_client", JsonValue.of(httpClient))
                .build()));
  }

  /** The settings profile {@code bench} of {@link Fixtures#toml} holds, built in code. */
  static ProviderSettings settings(String driver, URI endpoint) {
    ProviderSettings.Builder settings =
        ProviderSettings.builder(driver)
            .profileName("bench")
            .model(Fixtures.MODEL)
            .baseUrl(endpoint)
            .temperature(Fixtures.TEMPERATURE)
            .maxOutputTokens(Fixtures.MAX_TOKENS)
            .requestTimeout(Duration.ofSeconds(Fixtures.REQUEST_TIMEOUT_SECS));
    if (Fixtures.keyed(driver)) {
      settings.apiKey(Secret.of(Fixtures.API_KEY));
    }
    return settings.build();
  }

  private static InferenceRequest request(ResponseFormat format) {
    return InferenceRequest.builder()
        .userPrompt(Fixtures.PROMPT)
        .temperature(Fixtures.TEMPERATURE)
        .maxOutputTokens(Fixtures.MAX_TOKENS)
        .responseFormat(format)
        .build();
  }

  @Override
  public String chat() {
    return client.infer(request(ResponseFormat.text())).text();
  }

  @Override
  public long stream() {
    long chars = 0;
    try (InferenceStream events = client.stream(request(ResponseFormat.text()))) {
      for (StreamEvent event : events) {
        if (event instanceof StreamEvent.TextDelta delta) {
          chars += delta.text().length();
        }
      }
    }
    return chars;
  }

  @Override
  public Object json() {
    return client.infer(request(ResponseFormat.jsonObject())).parsedJson().orElseThrow();
  }

  @Override
  public void close() {
    client.close();
  }
}
