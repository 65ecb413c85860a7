package dev.inference.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Secret;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Bitloops platform driver against a gateway on loopback. */
class PlatformDriverTest {

  private static final String TOKEN = "bl-token-MARKER-51c2";
  private static final String PATH = "/v1/chat/completions";
  private static final String JSON_ANSWER =
      "{\"model\":\"bitloops-summary\",\"choices\":[{\"message\":{\"content\":\"{\\\"summary\\\":\\\"ok\\\"}\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":3,\"total_tokens\":7}}";
  private static final String PROSE_ANSWER =
      "{\"choices\":[{\"message\":{\"content\":\"Sorry, no JSON today.\"},\"finish_reason\":\"stop\"}]}";

  @RegisterExtension
  static WireMockExtension gateway =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static ProviderSettings.Builder settings() {
    return ProviderSettings.builder("bitloops_platform_chat")
        .model("bitloops-summary")
        .baseUrl(URI.create("http://127.0.0.1:" + gateway.getPort() + PATH))
        .temperature(0.1)
        .maxOutputTokens(200);
  }

  private static InferenceRequest json(String id) {
    return InferenceRequest.builder()
        .systemPrompt("You summarise in JSON.")
        .userPrompt("Summarise.")
        .responseFormat(ResponseFormat.jsonObject())
        .requestId(id)
        .build();
  }

  @Test
  void describeShowsTheProductionGatewayByDefaultAndTheOpenAiKind() {
    try (InferenceClient client =
        Inference.connect(
            ProviderSettings.builder("bitloops_platform_chat").model("bitloops-summary").build())) {
      ProviderDescription description = client.describe();
      assertThat(description.kind()).isEqualTo("openai_chat_completions");
      assertThat(description.providerName()).isEqualTo("bitloops");
      assertThat(description.endpoint())
          .isEqualTo("https://platform.bitloops.net/v1/chat/completions");
    }
    assertThat(Inference.drivers()).contains("bitloops_platform_chat", "openai_chat_completions");
  }

  @Test
  void theTokenIsOptional() {
    gateway.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withBody(JSON_ANSWER)));
    try (InferenceClient client = Inference.connect(settings().build())) {
      InferenceResponse response = client.infer(json("r1"));
      assertThat(response.providerName()).isEqualTo("bitloops");
      assertThat(response.parsedJson()).contains(JsonValue.parse("{\"summary\":\"ok\"}"));
    }
    try (InferenceClient client = Inference.connect(settings().apiKey(Secret.of(TOKEN)).build())) {
      client.infer(json("r2"));
    }
    gateway.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", absent()));
    gateway.verify(
        1,
        postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void theGatewayEnvelopeForNoRespondersIsUnavailable() {
    gateway.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"request_id\":\"req-9\",\"error\":{\"type\":\"no_responders\",\"message\":\"no inference workers are available for model bitloops-summary\"}}")));
    try (InferenceClient client = Inference.connect(settings().apiKey(Secret.of(TOKEN)).build())) {
      assertThatThrownBy(() -> client.infer(json("r")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.httpStatus()).hasValue(502);
                assertThat(e.providerCode()).contains("no_responders");
                assertThat(e.providerName()).contains("bitloops");
                assertThat(e.getMessage()).contains("no inference workers").doesNotContain(TOKEN);
              });
    }
  }

  @Test
  void metadataAsksForAFreshAnswer() {
    gateway.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withBody(JSON_ANSWER)));
    try (InferenceClient client = Inference.connect(settings().build())) {
      client.infer(
          json("r").toBuilder().metadata("bitloops_refresh_cache", JsonValue.of("TRUE")).build());
      client.infer(json("plain"));
    }
    gateway.verify(
        1,
        postRequestedFor(urlEqualTo(PATH)).withHeader("X-Bitloops-Refresh-Cache", equalTo("true")));
    gateway.verify(
        1, postRequestedFor(urlEqualTo(PATH)).withHeader("X-Bitloops-Refresh-Cache", absent()));
  }

  private static void proseThenJson() {
    gateway.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("cache")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withBody(PROSE_ANSWER))
            .willSetStateTo("refreshed"));
    gateway.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("cache")
            .whenScenarioStateIs("refreshed")
            .willReturn(aResponse().withBody(JSON_ANSWER)));
  }

  @Test
  void anUnparsableJsonAnswerIsAskedForOnceMoreWithTheRefreshHeader() throws Exception {
    proseThenJson();
    try (InferenceClient client = Inference.connect(settings().build())) {
      assertThat(client.infer(json("r")).parsedJson()).isPresent();
    }
    gateway.verify(2, postRequestedFor(urlEqualTo(PATH)));
    gateway.verify(
        postRequestedFor(urlEqualTo(PATH)).withHeader("X-Bitloops-Refresh-Cache", equalTo("true")));

    gateway.resetAll();
    proseThenJson();
    try (InferenceClient client = Inference.connect(settings().build())) {
      assertThat(client.inferAsync(json("a")).get(10, TimeUnit.SECONDS).parsedJson()).isPresent();
    }
    gateway.verify(2, postRequestedFor(urlEqualTo(PATH)));

    // the retry is the same call: a request id the library generated stays the answer's
    gateway.resetAll();
    proseThenJson();
    InferenceRequest generatedId =
        InferenceRequest.builder()
            .userPrompt("Summarise.")
            .responseFormat(ResponseFormat.jsonObject())
            .build();
    try (InferenceClient client = Inference.connect(settings().build())) {
      assertThat(client.infer(generatedId).requestId()).isEqualTo(generatedId.requestId());
    }
  }

  @Test
  void theRetryHappensOnceAndNeverWhenTheFirstCallAlreadyRefreshed() {
    gateway.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withBody(PROSE_ANSWER)));
    try (InferenceClient client = Inference.connect(settings().build())) {
      assertThatThrownBy(() -> client.infer(json("r")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                assertThat(e.partialText()).contains("Sorry, no JSON today.");
              });
      gateway.verify(2, postRequestedFor(urlEqualTo(PATH)));

      gateway.resetRequests();
      assertThatThrownBy(
              () ->
                  client.infer(
                      json("r2").toBuilder()
                          .metadata("bitloops_refresh_cache", JsonValue.of(true))
                          .build()))
          .isInstanceOf(InferenceException.class);
      gateway.verify(1, postRequestedFor(urlEqualTo(PATH)));

      gateway.resetRequests();
      assertThat(client.infer(InferenceRequest.of("text mode")).text())
          .isEqualTo("Sorry, no JSON today.");
      gateway.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }
  }

  @Test
  void theOpenAiDriverDoesNotRetryByDefault() {
    gateway.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withBody(PROSE_ANSWER)));
    try (InferenceClient client =
        Inference.connect(
            ProviderSettings.builder("openai_chat_completions")
                .model("m")
                .baseUrl(URI.create("http://127.0.0.1:" + gateway.getPort() + PATH))
                .build())) {
      assertThatThrownBy(() -> client.infer(json("r"))).isInstanceOf(InferenceException.class);
    }
    gateway.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }
}
