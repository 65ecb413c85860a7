package dev.inference.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.openai.OpenAiTestSupport.MARKER_KEY;
import static dev.inference.openai.OpenAiTestSupport.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.spi.DriverContext;
import dev.inference.testkit.DriverServer;
import dev.inference.testkit.LogCapture;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every failure is an InferenceException of the right kind, with its data and no secret. */
class OpenAiErrorsTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OpenAiTestSupport::client);

  static Stream<Arguments> providerErrors() {
    return Stream.of(
        Arguments.of(
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: "
                + MARKER_KEY
                + ". You can find your API key at https://platform.openai.com.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
            ErrorKind.AUTHENTICATION,
            false,
            "invalid_api_key"),
        Arguments.of(
            403,
            "{\"error\":{\"message\":\"Project does not have access\",\"type\":\"permission_error\",\"code\":null}}",
            ErrorKind.PERMISSION_DENIED,
            false,
            "permission_error"),
        Arguments.of(
            404,
            "{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}",
            ErrorKind.MODEL_NOT_FOUND,
            false,
            "model_not_found"),
        Arguments.of(
            400,
            "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}",
            ErrorKind.CONTEXT_LENGTH_EXCEEDED,
            false,
            "context_length_exceeded"),
        Arguments.of(
            400,
            "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":5000,\"n_ctx\":4096}}",
            ErrorKind.CONTEXT_LENGTH_EXCEEDED,
            false,
            "400"),
        Arguments.of(
            400,
            "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens'\",\"type\":\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}",
            ErrorKind.INVALID_REQUEST,
            false,
            "unsupported_parameter"),
        Arguments.of(
            429,
            "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
            ErrorKind.QUOTA_EXCEEDED,
            false,
            "insufficient_quota"),
        Arguments.of(
            429,
            "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
            ErrorKind.RATE_LIMITED,
            true,
            "rate_limit_exceeded"),
        Arguments.of(
            500,
            "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
            ErrorKind.SERVER_ERROR,
            true,
            "server_error"),
        Arguments.of(
            503,
            "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}",
            ErrorKind.UNAVAILABLE,
            true,
            "503"),
        Arguments.of(
            502,
            "{\"request_id\":\"abc\",\"error\":{\"type\":\"no_responders\",\"message\":\"no gateway\"}}",
            ErrorKind.UNAVAILABLE,
            true,
            "no_responders"),
        Arguments.of(
            400,
            "{\"object\":\"error\",\"message\":\"Invalid model: x\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"3310\"}",
            ErrorKind.INVALID_REQUEST,
            false,
            "3310"));
  }

  @ParameterizedTest(name = "HTTP {0} -> {2}")
  @MethodSource("providerErrors")
  void providerErrorsMapToKinds(
      int status, String body, ErrorKind kind, boolean retryable, String code) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
    assertThatThrownBy(
            () ->
                server
                    .client()
                    .infer(InferenceRequest.builder().userPrompt("x").requestId("rq").build()))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.isRetryable()).isEqualTo(retryable);
              assertThat(e.httpStatus()).hasValue(status);
              assertThat(e.providerCode()).contains(code);
              assertThat(e.providerName()).contains("openai");
              assertThat(e.requestId()).contains("rq");
              assertThat(e.getMessage()).contains(String.valueOf(status));
              assertThat(e.getMessage() + e).doesNotContain(MARKER_KEY);
            });
  }

  @Test
  void anErrorBodyWithStatus200IsStillAnError() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"error\":\"Unexpected endpoint or method. (POST /chat/completions)\"}")));
    assertThatThrownBy(() -> server.client().infer(InferenceRequest.of("x")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> assertThat(e.getMessage()).contains("Unexpected endpoint or method"));
  }

  @Test
  void aBodyThatIsNotJsonIsMalformed() {
    server.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("OK then")));
    assertThatThrownBy(() -> server.client().infer(InferenceRequest.of("x")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
              assertThat(e.getMessage()).contains("not valid JSON").contains("OK then");
            });
  }

  @Test
  void connectionRefusedIsATransportFailureThatSaysWhatToCheck() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (InferenceClient refused = OpenAiTestSupport.client(closedPort)) {
      assertThatThrownBy(() -> refused.infer(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.TRANSPORT);
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort);
              });
    }
  }

  @Test
  void aSlowServerHitsTheTotalTimeout() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(200).withFixedDelay(5_000).withBody("{}")));
    InferenceRequest request =
        InferenceRequest.builder().userPrompt("x").timeout(Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> server.client().infer(request))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
              assertThat(e.timeoutPhase()).contains(InferenceException.TimeoutPhase.TOTAL);
            });
    assertThatThrownBy(() -> server.client().stream(request))
        .isInstanceOfSatisfying(
            InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
  }

  @Test
  void aStreamThatStallsMidBodyHitsTheTotalTimeoutWithItsPartialText() {
    ResponseDefinitionBuilder slow =
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/event-stream")
            .withBody(
                OpenAiTestSupport.lf(
                    "data: {\"choices\":[{\"delta\":{\"content\":\"early\"},\"finish_reason\":null}]}",
                    "",
                    "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}",
                    "",
                    "data: [DONE]",
                    "",
                    ""))
            .withChunkedDribbleDelay(2, 8_000);
    server.stubFor(post(urlEqualTo(PATH)).willReturn(slow));
    InferenceRequest request =
        InferenceRequest.builder().userPrompt("x").timeout(Duration.ofMillis(1500)).build();
    assertThatThrownBy(
            () -> {
              try (var stream = server.client().stream(request)) {
                stream.forEach(event -> {});
              }
            })
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
              assertThat(e.timeoutPhase()).contains(InferenceException.TimeoutPhase.TOTAL);
            });
  }

  @Test
  void aRejectedRequestNeverReachesTheNetwork() {
    assertThatThrownBy(() -> InferenceRequest.builder().userPrompt("x").temperature(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("temperature must be a finite value >= 0, but was -1.0");
    assertThatThrownBy(() -> InferenceRequest.builder().maxOutputTokens(0))
        .hasMessageContaining("but was 0");
    assertThatThrownBy(() -> InferenceRequest.builder().build())
        .hasMessageContaining("messages must not be empty");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void noSecretInAnyMessageToStringOrLogLine() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"error\":{\"message\":\"bad key "
                            + MARKER_KEY
                            + "\",\"type\":\"invalid_request_error\"}}")));
    List<String> seen = new CopyOnWriteArrayList<>();
    InferenceListener recorder =
        new InferenceListener() {
          @Override
          public void requestFailed(
              InferenceRequest request, InferenceException failure, Duration elapsed) {
            seen.add(failure.toString());
            seen.add(String.valueOf(failure.getMessage()));
          }
        };
    try (LogCapture logs = new LogCapture();
        InferenceClient observed =
            Inference.connect(
                OpenAiTestSupport.settings(server.getPort()).build(),
                DriverContext.builder().listener(recorder).build())) {
      assertThatThrownBy(() -> observed.infer(InferenceRequest.of("x")))
          .satisfies(e -> seen.add(e.toString()));
      assertThatThrownBy(() -> observed.stream(InferenceRequest.of("x")))
          .satisfies(e -> seen.add(e.toString()));
      seen.add(observed.toString());
      seen.add(observed.describe().toString());
      seen.add(OpenAiTestSupport.settings(server.getPort()).build().toString());
      seen.addAll(logs.lines());
    }
    assertThat(seen).hasSizeGreaterThan(5);
    assertThat(String.join("\n", seen)).doesNotContain(MARKER_KEY).contains("****");
  }
}
