package dev.inference.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ProviderSettings;
import dev.inference.spi.SettingsProblem;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An HTTP driver refuses a socket endpoint at its base_url line, before any client exists. */
class EndpointRulesTest {

  @Test
  void aSocketEndpointIsNotAnHttpDriversEndpoint() {
    URI socket = URI.create("unix:/run/inferd/infer.sock");
    ProviderSettings settings =
        ProviderSettings.builder("openai_chat_completions").model("m").baseUrl(socket).build();
    List<SettingsProblem> problems = EndpointRules.check(settings, settings.baseUrl());
    assertThat(problems)
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.key()).isEqualTo("base_url");
              assertThat(problem.message())
                  .isEqualTo(
                      "must be an http:// or https:// URL for this driver, but was"
                          + " 'unix:/run/inferd/infer.sock'");
            });
    assertThat(EndpointRules.isHttp(URI.create("HTTPS://x/y"))).isTrue();
    assertThat(EndpointRules.check(settings, Optional.of(URI.create("http://127.0.0.1:1/v1"))))
        .isEmpty();
  }
}
