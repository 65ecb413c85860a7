package dev.inference.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.inference.anthropic.AnthropicTestSupport.MARKER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.runtime.Check;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Status and verify through GET /v1/models, with the call's headers. */
class AnthropicRuntimeOperationsTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String MODELS =
      "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\",\"display_name\":"
          + "\"Claude Sonnet 4.5\",\"created_at\":\"2025-09-29T00:00:00Z\"},"
          + "{\"type\":\"model\",\"id\":\"claude-haiku-4-5-20251001\",\"display_name\":"
          + "\"Claude Haiku 4.5\",\"created_at\":\"2025-10-01T00:00:00Z\"}],"
          + "\"has_more\":false,\"first_id\":\"claude-sonnet-4-5\","
          + "\"last_id\":\"claude-haiku-4-5-20251001\"}";

  @Test
  void statusAndVerifyReadTheModelsList() {
    server.stubFor(
        get(urlEqualTo("/v1/models?limit=1000")).willReturn(aResponse().withBody(MODELS)));
    try (InferenceClient client = AnthropicTestSupport.client(server.getPort())) {
      RuntimeOperations operations = client.operations().orElseThrow();

      RuntimeStatus status = operations.status();
      assertThat(status.state()).isEqualTo(RuntimeStatus.State.READY);
      assertThat(status.models())
          .extracting(RuntimeStatus.ModelInfo::name)
          .containsExactly("claude-sonnet-4-5", "claude-haiku-4-5-20251001");

      VerifyResult result = operations.verify(Set.of(Check.RUNTIME_READY, Check.MODEL_READY));
      assertThat(result.outcomes())
          .extracting(VerifyResult.Outcome::check, VerifyResult.Outcome::ok)
          .containsExactly(tuple(Check.RUNTIME_READY, true), tuple(Check.MODEL_READY, true));
    }
    server.verify(
        getRequestedFor(urlEqualTo("/v1/models?limit=1000"))
            .withHeader("x-api-key", equalTo(MARKER_KEY))
            .withHeader("anthropic-version", equalTo("2023-06-01")));
  }

  @Test
  void aRefusedKeyIsFailedWithoutTheKeyAndAMissingModelFailsModelReady() {
    server.stubFor(
        get(urlEqualTo("/v1/models?limit=1000"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                            + "\"message\":\"invalid x-api-key\"}}")));
    try (InferenceClient client = AnthropicTestSupport.client(server.getPort())) {
      RuntimeStatus status = client.operations().orElseThrow().status();
      assertThat(status.state()).isEqualTo(RuntimeStatus.State.FAILED);
      assertThat(String.join(" ", status.diagnostics()))
          .contains("invalid x-api-key")
          .doesNotContain(MARKER_KEY);
    }
    server.resetAll();
    server.stubFor(
        get(urlEqualTo("/gateway/v1/models?limit=1000")).willReturn(aResponse().withBody(MODELS)));
    try (InferenceClient client =
        Inference.connect(
            AnthropicTestSupport.settings(server.getPort())
                .model("claude-opus-9")
                .baseUrl(
                    java.net.URI.create(
                        "http://127.0.0.1:" + server.getPort() + "/gateway/v1/messages"))
                .build())) {
      VerifyResult result = client.operations().orElseThrow().verify(Set.of(Check.MODEL_READY));
      assertThat(result.ok()).isFalse();
      assertThat(result.firstFailure().orElseThrow().diagnostic())
          .contains("'claude-opus-9' is not among the 2 models");
    }
  }
}
