package dev.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderSettingsTest {

  private static final String MARKER = "sk-test-MARKER-123";

  private static ProviderSettings.Builder minimal() {
    return ProviderSettings.builder("openai_chat_completions").model("gpt-test");
  }

  @Test
  void defaults() {
    ProviderSettings settings = minimal().build();

    assertThat(settings.driver()).isEqualTo("openai_chat_completions");
    assertThat(settings.model()).isEqualTo("gpt-test");
    assertThat(settings.profileName()).isEmpty();
    assertThat(settings.baseUrl()).isEmpty();
    assertThat(settings.apiKey()).isEmpty();
    assertThat(settings.temperature()).isEmpty();
    assertThat(settings.maxOutputTokens()).isEmpty();
    assertThat(settings.timeouts().connect()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.timeouts().request()).isEqualTo(Duration.ofSeconds(300));
    assertThat(settings.options()).isEmpty();
  }

  @Test
  void aModelIsRequired() {
    assertThatThrownBy(() -> ProviderSettings.builder("d").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("model is required");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://my_ollama:11434/api/chat",
        "http://ollama_1/api/chat",
        "HTTPS://api.openai.com/v1/chat/completions",
        "Http://localhost:11434/api/chat"
      })
  void dockerServiceNamesAndUpperCaseSchemesAreAccepted(String url) {
    assertThat(minimal().baseUrl(URI.create(url)).build().baseUrl()).contains(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://:8080/v1", "http://user@:8080/v1", "http:///v1"})
  void aBaseUrlWithoutAHostIsRejected(String url) {
    assertThatThrownBy(() -> minimal().baseUrl(URI.create(url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl must be an absolute http:// or https:// URL");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://user:MARKER@api.example.com/v1/chat/completions",
        "http://user:MARKER@my_ollama:11434/api/chat",
        "HTTPS://MARKER@api.example.com:8443/v1?x=1"
      })
  void toStringRedactsTheUserInfoOfTheBaseUrl(String url) {
    ProviderSettings settings = minimal().baseUrl(URI.create(url)).build();

    assertThat(settings.baseUrl()).contains(URI.create(url)); // the driver still gets it whole
    assertThat(settings.toString()).contains("://****@").doesNotContain("MARKER");
  }

  @Test
  void theRedactedBaseUrlKeepsEverythingButTheUserInfo() {
    ProviderSettings settings =
        minimal().baseUrl(URI.create("https://user:MARKER@api.example.com:8443/v1?x=1#f")).build();

    assertThat(settings.toString()).contains("baseUrl=https://****@api.example.com:8443/v1?x=1#f,");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://user:MARKER@example.com/v1",
        "http://user:MARKER@:8080/v1",
        "user:MARKER@example.com"
      })
  void aRejectedBaseUrlIsRedactedInTheMessage(String url) {
    assertThatThrownBy(() -> minimal().baseUrl(URI.create(url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl must be an absolute http:// or https:// URL")
        .hasMessageContaining("****@")
        .message()
        .doesNotContain("MARKER");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "\t"})
  void aBlankModelIsRejected(String blank) {
    assertThatThrownBy(() -> ProviderSettings.builder("d").model(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must not be blank, but was '" + blank + "'");
  }

  @Test
  void aBlankDriverIsRejectedAndNamesAreTrimmed() {
    assertThatThrownBy(() -> ProviderSettings.builder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("driver must not be blank");
    ProviderSettings settings = ProviderSettings.builder(" d ").model(" m ").build();
    assertThat(settings.driver()).isEqualTo("d");
    assertThat(settings.model()).isEqualTo("m");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://example.com/v1", "file:///tmp/x", "localhost:11434", "/v1/chat", "http:/x"})
  void aBaseUrlThatIsNotAnAbsoluteHttpUrlIsRejected(String url) {
    assertThatThrownBy(() -> minimal().baseUrl(URI.create(url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "baseUrl must be an absolute http:// or https:// URL, but was '"
                + url
                + "' (a socket driver takes unix:/path or tcp://host:port)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix:/run/inferd/infer.sock", "unix:///tmp/s", "tcp://127.0.0.1:47321"})
  void aSocketEndpointIsABaseUrlForSocketDrivers(String url) {
    assertThat(minimal().baseUrl(URI.create(url)).build().baseUrl()).contains(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix:relative", "unix://host/p", "unix:/", "tcp://127.0.0.1", "tcp:/x"})
  void aSocketEndpointWithoutAPathOrAPortIsRejected(String url) {
    assertThatThrownBy(() -> minimal().baseUrl(URI.create(url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unix:/path or tcp://host:port");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:11434/api/chat",
        "https://api.openai.com/v1/chat/completions",
        "http://127.0.0.1:8080",
        "http://[::1]:8080/v1"
      })
  void httpAndHttpsUrlsAreAccepted(String url) {
    assertThat(minimal().baseUrl(URI.create(url)).build().baseUrl()).contains(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1})
  void nonPositiveTimeoutsAreRejected(long seconds) {
    Duration bad = Duration.ofSeconds(seconds);
    assertThatThrownBy(() -> minimal().connectTimeout(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive, but was " + bad);
    assertThatThrownBy(() -> minimal().requestTimeout(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be positive, but was " + bad);
  }

  @Test
  void temperatureAndTokenBoundsAreChecked() {
    assertThatThrownBy(() -> minimal().temperature(-0.5))
        .hasMessage("temperature must be a finite value >= 0, but was -0.5");
    assertThatThrownBy(() -> minimal().temperature(Double.NaN))
        .hasMessage("temperature must be a finite value >= 0, but was NaN");
    assertThatThrownBy(() -> minimal().maxOutputTokens(0))
        .hasMessage("maxOutputTokens must be between 1 and 4294967295, but was 0");
    assertThatThrownBy(() -> minimal().maxOutputTokens(4_294_967_296L))
        .hasMessage("maxOutputTokens must be between 1 and 4294967295, but was 4294967296");
  }

  @Test
  void toBuilderKeepsEveryValue() {
    Secret key = Secret.of(MARKER);
    ProviderSettings original =
        minimal()
            .profileName("fast")
            .baseUrl(URI.create("https://api.example.com/v1/chat/completions"))
            .apiKey(key)
            .temperature(0.2)
            .maxOutputTokens(512)
            .connectTimeout(Duration.ofMillis(1500))
            .requestTimeout(Duration.ofSeconds(42))
            .option("max_tokens_field", JsonValue.of("max_completion_tokens"))
            .option("keep_alive", JsonValue.of(30))
            .build();

    ProviderSettings copy = original.toBuilder().build();

    assertThat(copy.driver()).isEqualTo(original.driver());
    assertThat(copy.profileName()).contains("fast");
    assertThat(copy.model()).isEqualTo("gpt-test");
    assertThat(copy.baseUrl()).isEqualTo(original.baseUrl());
    assertThat(copy.apiKey()).containsSame(key);
    assertThat(copy.temperature()).hasValue(0.2);
    assertThat(copy.maxOutputTokens()).hasValue(512);
    assertThat(copy.timeouts().connect()).isEqualTo(Duration.ofMillis(1500));
    assertThat(copy.timeouts().request()).isEqualTo(Duration.ofSeconds(42));
    assertThat(copy.options()).containsExactlyEntriesOf(original.options());
    assertThat(copy.option("keep_alive")).contains(JsonValue.of(30));
    assertThat(copy.option("missing")).isEmpty();
    assertThat(copy.toString()).isEqualTo(original.toString());
  }

  @Test
  void toStringShowsTheSettingsButNeverTheKey() {
    ProviderSettings settings =
        minimal()
            .profileName("fast")
            .baseUrl(URI.create("https://api.example.com/v1"))
            .apiKey(Secret.of(MARKER))
            .option("organisation", JsonValue.of(MARKER))
            .build();

    assertThat(settings.toString())
        .contains("openai_chat_completions", "fast", "gpt-test", "api.example.com", "literal")
        .doesNotContain(MARKER)
        .doesNotContain("MARKER");
  }
}
