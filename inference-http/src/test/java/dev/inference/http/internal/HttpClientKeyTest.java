package dev.inference.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.http.EndpointRules;
import dev.inference.http.HttpTransport;
import dev.inference.spi.DriverContext;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code http_client}: the built-in {@code jdk} by default or by name; others must be installed.
 */
class HttpClientKeyTest {

  private static ProviderSettings profile(Optional<String> engine) {
    ProviderSettings.Builder settings =
        ProviderSettings.builder("test_chat")
            .model("m")
            .baseUrl(URI.create("http://127.0.0.1:9/v1/chat"));
    engine.ifPresent(name -> settings.option("http_client", JsonValue.of(name)));
    return settings.build();
  }

  @Test
  void everyHttpDriverDeclaresTheKey() {
    assertThat(HttpTransport.CONFIG_KEYS).contains(HttpTransport.HTTP_CLIENT);
    assertThat(HttpTransport.HTTP_CLIENT.name()).isEqualTo("http_client");
  }

  @Test
  void jdkAbsentOrNamedIsNoProblem() {
    assertThat(EndpointRules.check(profile(Optional.empty()), profile(Optional.empty()).baseUrl()))
        .isEmpty();
    ProviderSettings jdk = profile(Optional.of("jdk"));
    assertThat(EndpointRules.check(jdk, jdk.baseUrl())).isEmpty();
  }

  @Test
  void anEngineThatIsNotInstalledIsAProblemNamingTheInstalledOnes() {
    ProviderSettings unknown = profile(Optional.of("okhttp"));
    assertThat(EndpointRules.check(unknown, unknown.baseUrl()))
        .containsExactly(
            SettingsProblem.error(
                "http_client",
                "no HTTP client 'okhttp'; installed HTTP clients: jdk (another one comes with its"
                    + " module, such as inference-http-apache)"));
    assertThatThrownBy(() -> TestDialect.client(unknown, DriverContext.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("http_client: no HTTP client 'okhttp'");
  }
}
