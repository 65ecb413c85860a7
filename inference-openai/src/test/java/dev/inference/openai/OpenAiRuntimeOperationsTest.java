package dev.inference.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.runtime.Check;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import dev.inference.testkit.DriverServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** status and verify through GET /v1/models; ensureModel is unsupported. */
class OpenAiRuntimeOperationsTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OpenAiTestSupport::client);

  static final String MODELS =
      """
      {"object":"list","data":[
        {"id":"gpt-4.1-mini","object":"model","created":1744316542,"owned_by":"system"},
        {"id":"o4-mini","object":"model","created":1744225351,"owned_by":"system"}]}
      """;

  private RuntimeOperations operations;

  @BeforeEach
  void takeOperations() {
    operations = server.client().operations().orElseThrow();
  }

  @Test
  void statusListsTheModelsOfTheSameServer() {
    server.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withBody(MODELS)));

    RuntimeStatus status = operations.status();

    assertThat(status.ok()).isTrue();
    assertThat(status.state()).isEqualTo(RuntimeStatus.State.READY);
    assertThat(status.models())
        .extracting(RuntimeStatus.ModelInfo::name)
        .containsExactly("gpt-4.1-mini", "o4-mini");
    server.verify(
        getRequestedFor(urlEqualTo("/v1/models"))
            .withHeader("Authorization", equalTo("Bearer " + OpenAiTestSupport.MARKER_KEY)));
  }

  @Test
  void aPathPrefixIsKept() {
    server.stubFor(get(urlEqualTo("/api/v1/models")).willReturn(aResponse().withBody(MODELS)));
    try (InferenceClient prefixed =
        Inference.connect(
            OpenAiTestSupport.settings(server.getPort())
                .baseUrl(
                    URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/chat/completions"))
                .build())) {
      assertThat(prefixed.operations().orElseThrow().status().ok()).isTrue();
    }
  }

  @Test
  void verifyRunsEveryCheckByDefault() {
    server.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withBody(MODELS)));

    VerifyResult result = operations.verify(Set.of());

    assertThat(result.outcomes())
        .extracting(VerifyResult.Outcome::check, VerifyResult.Outcome::ok)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(Check.RUNTIME_READY, true),
            org.assertj.core.api.Assertions.tuple(Check.MODEL_READY, true),
            org.assertj.core.api.Assertions.tuple(Check.LOOPBACK_ONLY, true));
    assertThat(result.ok()).isTrue();
    assertThat(result.errorClass()).isEmpty();
    server.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
  }

  @Test
  void aMissingModelFailsModelReady() {
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                aResponse().withBody("{\"object\":\"list\",\"data\":[{\"id\":\"other\"}]}")));
    VerifyResult result = operations.verify(Set.of(Check.MODEL_READY));
    assertThat(result.ok()).isFalse();
    assertThat(result.firstFailure().orElseThrow().diagnostic())
        .contains("'gpt-4.1-mini' is not among the 1 models");
    assertThat(result.errorClass()).contains(RuntimeOperations.ErrorClass.VERIFY_FAILED);
  }

  @Test
  void anUnreachableRuntimeIsUnknownWithADiagnosticNeverAnException() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (InferenceClient refused = OpenAiTestSupport.client(closedPort)) {
      RuntimeStatus status = refused.operations().orElseThrow().status();
      assertThat(status.state()).isEqualTo(RuntimeStatus.State.UNKNOWN);
      assertThat(status.errorClass()).contains(RuntimeOperations.ErrorClass.PROVIDER_ERROR);
      assertThat(status.diagnostics()).singleElement().asString().contains("connection refused");
    }
  }

  @Test
  void aRefusedKeyIsFailedAndUnauthorizedWithoutTheKey() {
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        "{\"error\":{\"message\":\"Incorrect API key provided: "
                            + OpenAiTestSupport.MARKER_KEY
                            + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
    RuntimeStatus status = operations.status();
    assertThat(status.state()).isEqualTo(RuntimeStatus.State.FAILED);
    assertThat(status.errorClass()).contains(RuntimeOperations.ErrorClass.UNAUTHORIZED);
    assertThat(status.toString()).doesNotContain(OpenAiTestSupport.MARKER_KEY);
  }

  @Test
  void ensureModelIsUnsupportedWithAClearMessage() {
    EnsureModelResult result =
        operations.ensureModel("gpt-4.1-mini", EnsureModelOptions.defaults());
    assertThat(result.ok()).isFalse();
    assertThat(result.errorClass()).contains(RuntimeOperations.ErrorClass.UNSUPPORTED);
    assertThat(result.diagnostics()).singleElement().asString().contains("cannot download models");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void awaitReadyWaitsThroughALoadingServer() {
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .inScenario("loading")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withBody(
                        "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}"))
            .willSetStateTo("loaded"));
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .inScenario("loading")
            .whenScenarioStateIs("loaded")
            .willReturn(aResponse().withBody(MODELS)));

    RuntimeStatus status = operations.awaitReady(Duration.ofSeconds(10));

    assertThat(status.ok()).isTrue();
    server.verify(2, getRequestedFor(urlEqualTo("/v1/models")));
  }

  @Test
  void awaitReadyStopsAtOnceOnAPermanentFailure() {
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"error\":{\"message\":\"no\",\"code\":\"invalid_api_key\"}}")));
    assertThatThrownBy(() -> operations.awaitReady(Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION));
    server.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
  }

  @Test
  void awaitReadyTimesOutWhileTheServerIsDown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (InferenceClient refused = OpenAiTestSupport.client(closedPort)) {
      assertThatThrownBy(
              () -> refused.operations().orElseThrow().awaitReady(Duration.ofMillis(400)))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                assertThat(e.getMessage()).contains("was not ready within 400 ms");
                assertThat(e.getCause()).isInstanceOf(InferenceException.class);
              });
    }
  }
}
