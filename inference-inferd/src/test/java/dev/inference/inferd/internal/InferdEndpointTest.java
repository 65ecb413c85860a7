package dev.inference.inferd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ProviderSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * base_url forms, the loopback rule, and the daemon's default path from an injected environment.
 */
class InferdEndpointTest {

  private static Environment env(String os, Map<String, String> variables) {
    return new Environment(
        name -> Optional.ofNullable(variables.get(name)), os, () -> OptionalInt.of(1000));
  }

  @ParameterizedTest
  @CsvSource({
    "unix:/run/inferd/infer.sock, unix:/run/inferd/infer.sock",
    "unix:///run/inferd/infer.sock, unix:/run/inferd/infer.sock",
    "tcp://127.0.0.1:47321, tcp://127.0.0.1:47321",
    "tcp://localhost:47321, tcp://localhost:47321"
  })
  void readsEachBaseUrlForm(String baseUrl, String endpoint) {
    InferdEndpoint parsed = InferdEndpoint.parse(URI.create(baseUrl));
    assertThat(parsed.uri()).hasToString(endpoint);
    assertThat(parsed.isUnix()).isEqualTo(baseUrl.startsWith("unix"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"tcp://10.0.0.5:47321", "tcp://127.evil.example:47321", "http://127.0.0.1:47321"})
  void refusesWhatIsNotALoopbackOrUnixEndpoint(String baseUrl) {
    assertThatThrownBy(() -> InferdEndpoint.parse(URI.create(baseUrl)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(baseUrl.startsWith("http") ? "unix:/path" : "loopback");
  }

  @Test
  void theDefaultPathFollowsTheDaemonsOrder() {
    Map<String, String> all =
        Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "HOME", "/home/ada", "TMPDIR", "/var/tmp/T");
    assertThat(InferdEndpoint.resolveDefault(env("Linux", all)).path())
        .contains(Path.of("/run/user/1000/inferd/infer.sock"));
    assertThat(InferdEndpoint.resolveDefault(env("Linux", Map.of("HOME", "/home/ada"))).path())
        .contains(Path.of("/home/ada/.inferd/run/infer.sock"));
    assertThat(InferdEndpoint.resolveDefault(env("Linux", Map.of("XDG_RUNTIME_DIR", " "))).path())
        .contains(Path.of("/tmp/inferd-1000/infer.sock"));
    assertThat(InferdEndpoint.resolveDefault(env("Mac OS X", all)).path())
        .contains(Path.of("/var/tmp/T/inferd/infer.sock"));
    InferdEndpoint chosen = InferdEndpoint.resolveDefault(env("Linux", all));
    assertThat(chosen.origin()).contains("$XDG_RUNTIME_DIR");
    assertThat(chosen.adminBeside()).contains(Path.of("/run/user/1000/inferd/admin.sock"));
  }

  @Test
  void aProfileWithoutBaseUrlDescribesTheDefaultPathItChose() {
    ProviderSettings settings = ProviderSettings.builder("inferd").model("m").build();
    InferdEndpoint endpoint =
        InferdClient.endpoint(settings, env("Linux", Map.of("HOME", "/home/ada")));
    assertThat(endpoint.uri()).isEqualTo(URI.create("unix:/home/ada/.inferd/run/infer.sock"));
  }
}
