package dev.inference.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ProviderSettings;
import dev.inference.config.InferenceConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the properties become: values verbatim, escaped, never substituted twice. */
class TomlRendererTest {

  private static ProfileProperties profile() {
    ProfileProperties profile = new ProfileProperties();
    profile.setDriver("openai_chat_completions");
    profile.setModel("m");
    profile.setBaseUrl("http://127.0.0.1:9/v1/chat/completions");
    profile.setTemperature(0.5);
    profile.setMaxOutputTokens(10L);
    profile.setRequestTimeoutSecs(3L);
    return profile;
  }

  private static InferenceConfig parse(String name, ProfileProperties profile) {
    TomlRenderer.Rendered rendered = TomlRenderer.render(Map.of(name, profile));
    return InferenceConfig.parse(rendered.toml(), rendered.environment());
  }

  @Test
  void aValueThatLooksLikeAPlaceholderIsKeptAsItIs() {
    ProfileProperties profile = profile();
    profile.setModel("mo\"del ${NOT_A_VARIABLE} \\ \u00e9 \ud83d\ude00");
    profile.setApiKey("k\"${x}\\");
    ProviderSettings settings = parse("p", profile).settings("p");
    assertThat(settings.model()).isEqualTo("mo\"del ${NOT_A_VARIABLE} \\ \u00e9 \ud83d\ude00");
    assertThat(settings.apiKey().orElseThrow().reveal()).isEqualTo("k\"${x}\\");
  }

  @Test
  void theKeyIsNeverInTheDocument() {
    ProfileProperties profile = profile();
    profile.setApiKey("sk-marker-123");
    assertThat(TomlRenderer.render(Map.of("p", profile)).toml()).doesNotContain("sk-marker-123");
  }

  @Test
  void anOddProfileNameIsQuotedAndMapsBackToItsProperty() {
    ProfileProperties profile = profile();
    profile.setMaxRetries(500L);
    Map<String, ProfileProperties> profiles = new LinkedHashMap<>();
    profiles.put("my.p", profile);
    TomlRenderer.Rendered rendered = TomlRenderer.render(profiles);
    assertThat(rendered.toml()).contains("[inference.profiles.\"my.p\"]");
    try {
      InferenceConfig.parse(rendered.toml(), rendered.environment());
    } catch (dev.inference.config.ConfigException invalid) {
      assertThat(PropertyNames.describe(invalid.problems().get(0), profiles.keySet()))
          .startsWith("inference.profiles[my.p].max-retries: ");
      return;
    }
    throw new AssertionError("max-retries 500 was accepted");
  }

  @Test
  void runtimeKeysReachTheSettings() {
    ProfileProperties profile = profile();
    profile.setMaxRetries(4L);
    profile.setConnectTimeoutSecs(2L);
    profile.setCircuitBreakerFailureRate(40.0);
    ProviderSettings settings = parse("p", profile).settings("p");
    assertThat(settings.retry().maxRetries()).isEqualTo(4);
    assertThat(settings.timeouts().connect()).hasSeconds(2);
    assertThat(settings.circuitBreaker().enabled()).isTrue();
  }
}
