package dev.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.http.EndpointRules;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The config's plain-http warning and the call guard that refuses to send a key over plain http
 * answer "is this host loopback?" with the one rule (the kit's {@code Loopback}), host for host.
 */
class OneLoopbackRuleTest {

  private static final String KEY = "sk-loopback-MARKER-93ad";

  static Stream<Arguments> hosts() {
    return Stream.of(
        Arguments.of("127.0.0.1", true),
        Arguments.of("127.1.2.3", true),
        Arguments.of("[::1]", true),
        Arguments.of("localhost", true),
        Arguments.of("LOCALHOST.", true),
        Arguments.of("api.localhost", true),
        Arguments.of("127.evil.example", false),
        Arguments.of("localhost.evil.example", false),
        Arguments.of("10.0.0.1", false));
  }

  @ParameterizedTest(name = "{0}: loopback {1}")
  @MethodSource("hosts")
  void theConfigWarningAndTheCallGuardAgree(String host, boolean loopback) {
    String url = "http://" + host + ":9/v1/chat/completions";
    InferenceConfig config =
        InferenceConfig.parse(
            String.join(
                "\n",
                "[inference.runtimes.local]",
                "request_timeout_secs = 5",
                "[inference.profiles.p]",
                "task = \"text_generation\"",
                "driver = \"openai_chat_completions\"",
                "runtime = \"local\"",
                "model = \"m\"",
                "base_url = \"" + url + "\"",
                "api_key = \"${KEY}\"",
                "temperature = 0.1",
                "max_output_tokens = 20",
                ""),
            name -> name.equals("KEY") ? Optional.of(KEY) : Optional.empty());

    boolean warned =
        config.warnings().stream().anyMatch(warning -> warning.message().contains("plain http"));
    assertThat(warned).as("the config warns about the key over plain http").isEqualTo(!loopback);
    assertThat(EndpointRules.keyInTheClear(config.settings("p"), URI.create(url)))
        .as("the call guard's rule")
        .isEqualTo(!loopback);
    if (!loopback) {
      // refused before any byte or name lookup: no server needed
      try (InferenceClient client = config.client("p")) {
        InferenceException refused =
            catchThrowableOfType(
                InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));
        assertThat(refused.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(refused.getMessage()).contains("plain http://").doesNotContain(KEY);
      }
    }
  }
}
