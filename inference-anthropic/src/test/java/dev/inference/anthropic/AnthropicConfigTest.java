package dev.inference.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.inference.anthropic.AnthropicTestSupport.MARKER_KEY;
import static dev.inference.anthropic.AnthropicTestSupport.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.ProviderDescription;
import dev.inference.anthropic.wire.AnthropicWireFixture;
import dev.inference.config.ConfigException;
import dev.inference.config.ConfigProblem;
import dev.inference.config.InferenceConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A TOML profile with driver = "anthropic_messages" loads, is checked and calls. */
class AnthropicConfigTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static String toml(String baseUrl, String extra) {
    return "[inference.runtimes.claude]\nrequest_timeout_secs = 30\n\n"
        + "[inference.profiles.claude_fast]\n"
        + "task = \"text_generation\"\n"
        + "driver = \"anthropic_messages\"\n"
        + "runtime = \"claude\"\n"
        + "model = \"claude-haiku-4-5\"\n"
        + baseUrl
        + "api_key = \"${ANTHROPIC_API_KEY}\"\n"
        + "temperature = 0.3\n"
        + "max_output_tokens = 2048\n"
        + extra;
  }

  private static Optional<String> env(String name) {
    return name.equals("ANTHROPIC_API_KEY") ? Optional.of(MARKER_KEY) : Optional.empty();
  }

  @Test
  void aProfileLoadsWithTheDefaultEndpointAndItsKeys() {
    InferenceConfig config =
        InferenceConfig.parse(
            toml(
                "",
                "anthropic_version = \"2023-06-01\"\nanthropic_beta ="
                    + " [\"prompt-caching-2024-07-31\"]\nthinking_budget_tokens = 1024\n"),
            AnthropicConfigTest::env);

    ProviderDescription description = config.describe("claude_fast");
    assertThat(description.providerName()).isEqualTo("anthropic");
    assertThat(description.endpoint()).isEqualTo("https://api.anthropic.com/v1/messages");
    assertThat(config.settings("claude_fast").option("thinking_budget_tokens")).isPresent();
    assertThat(config.toString() + description).doesNotContain(MARKER_KEY);
  }

  @Test
  void aProfileCallsItsServerWithItsKeyAndVersion() {
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(PATH))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    AnthropicWireFixture.message("hi", FinishReason.Kind.STOP, Optional.empty()))));
    InferenceConfig config =
        InferenceConfig.parse(
            toml(
                "base_url = \"http://127.0.0.1:" + server.getPort() + PATH + "\"\n",
                "anthropic_version = \"2024-10-22\"\n"),
            AnthropicConfigTest::env);
    try (InferenceClient client = config.client("claude_fast")) {
      assertThat(client.infer(InferenceRequest.of("hello")).text()).isEqualTo("hi");
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("x-api-key", equalTo(MARKER_KEY))
            .withHeader("anthropic-version", equalTo("2024-10-22")));
  }

  @Test
  void badKeysAreReportedWithTheirPathAndNeverTheApiKey() {
    assertThatThrownBy(
            () ->
                InferenceConfig.parse(
                    toml(
                        "",
                        "auth_scheme = \"basic\"\nthinking_budget_tokens = 100\n"
                            + "anthropic_beta = 7\nheaders = { \"bad header\" = \"x\" }\n"),
                    AnthropicConfigTest::env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigProblem::path)
                  .contains(
                      "inference.profiles.claude_fast.auth_scheme",
                      "inference.profiles.claude_fast.thinking_budget_tokens",
                      "inference.profiles.claude_fast.anthropic_beta");
              assertThat(e.getMessage())
                  .contains("one of x-api-key, bearer")
                  .contains("a string or an array of strings")
                  .doesNotContain(MARKER_KEY);
            });
  }

  @Test
  void aThinkingBudgetNotBelowTheProfilesLimitIsReported() {
    assertThatThrownBy(
            () ->
                InferenceConfig.parse(
                    toml("", "thinking_budget_tokens = 4096\n"), AnthropicConfigTest::env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("thinking_budget_tokens")
                    .contains("must be below max_output_tokens (2048), but was 4096")
                    .doesNotContain(MARKER_KEY));
  }
}
