package dev.inference.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.ollama.OllamaTestSupport.MARKER_KEY;
import static dev.inference.ollama.OllamaTestSupport.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.Secret;
import dev.inference.spi.DriverContext;
import dev.inference.testkit.DriverServer;
import dev.inference.testkit.LogCapture;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ollama's failures, as its server writes them, become InferenceExceptions of the right kind. */
class OllamaErrorsTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OllamaTestSupport::client);

  private static void fail(int status, String body) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(body)));
  }

  static Stream<Arguments> ollamaErrors() {
    return Stream.of(
        Arguments.of(
            404, "{\"error\":\"model 'llama9' not found\"}", ErrorKind.MODEL_NOT_FOUND, false),
        Arguments.of(
            404,
            "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}",
            ErrorKind.MODEL_NOT_FOUND,
            false),
        Arguments.of(
            503,
            "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}",
            ErrorKind.UNAVAILABLE,
            true),
        Arguments.of(
            500,
            "{\"error\":\"model requires more system memory (10.2 GiB) than is available (6.3 GiB)\"}",
            ErrorKind.SERVER_ERROR,
            true),
        Arguments.of(
            400,
            "{\"error\":\"invalid format: \\\"yaml\\\"; expected \\\"json\\\" or a valid JSON Schema object\"}",
            ErrorKind.INVALID_REQUEST,
            false),
        Arguments.of(
            400,
            "{\"error\":\"\\\"llama3.2\\\" does not support thinking\"}",
            ErrorKind.INVALID_REQUEST,
            false),
        Arguments.of(
            401,
            "{\"error\":\"unauthorized\",\"signin_url\":\"https://ollama.com/connect?name=host\\u0026key=abc\"}",
            ErrorKind.AUTHENTICATION,
            false),
        Arguments.of(502, "{\"error\":\"cloud model unreachable\"}", ErrorKind.SERVER_ERROR, true));
  }

  @ParameterizedTest(name = "HTTP {0} {1}")
  @MethodSource("ollamaErrors")
  void ollamaErrorsMapToKinds(int status, String body, ErrorKind kind, boolean retryable) {
    fail(status, body);
    assertThatThrownBy(
            () ->
                server
                    .client()
                    .infer(InferenceRequest.builder().userPrompt("x").requestId("r-9").build()))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.isRetryable()).isEqualTo(retryable);
              assertThat(e.httpStatus()).hasValue(status);
              assertThat(e.providerName()).contains("ollama");
              assertThat(e.requestId()).contains("r-9");
              assertThat(e.getMessage()).startsWith("ollama returned HTTP " + status + ": ");
            });
  }

  @Test
  void modelNotFoundSaysWhatToDo() {
    fail(404, "{\"error\":\"model 'llama9' not found\"}");
    assertThatThrownBy(() -> server.client().infer(InferenceRequest.of("x")))
        .hasMessage(
            "ollama returned HTTP 404: model 'llama9' not found. Check the model name, or install"
                + " the model on the server.");
  }

  @Test
  void anErrorBodyWithStatus200IsStillAnError() {
    fail(200, "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}");
    assertThatThrownBy(() -> server.client().infer(InferenceRequest.of("x")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
              assertThat(e.isRetryable()).isTrue();
            });
  }

  @Test
  void aRunnerFailureMidStreamIsAServerErrorEvenWhenItSaysUnknown() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-ndjson")
                    .withBody(
                        OllamaTestSupport.ndjson(
                            "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.100000001Z\",\"message\":{\"role\":\"assistant\",\"content\":\"par\"},\"done\":false}",
                            "{\"error\":\"an error was encountered while running the model: CUDA error: unknown error\"}"))));
    assertThatThrownBy(
            () -> {
              try (InferenceStream stream = server.client().stream(InferenceRequest.of("x"))) {
                stream.forEach(event -> {});
              }
            })
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
              assertThat(e.partialText()).contains("par");
            });
  }

  @Test
  void aBodyThatIsNotJsonIsMalformed() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(200).withBody("Ollama is running")));
    assertThatThrownBy(() -> server.client().infer(InferenceRequest.of("x")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
              assertThat(e.getMessage()).contains("Ollama is running");
            });
  }

  @Test
  void connectionRefusedIsATransportFailureThatSaysWhatToCheck() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (InferenceClient nowhere = OllamaTestSupport.client(port)) {
      assertThatThrownBy(() -> nowhere.infer(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.TRANSPORT);
                assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("base_url");
              });
    }
  }

  @Test
  void noSecretInAnyMessageToStringOrLogLine() {
    fail(
        401,
        "{\"error\":\"unauthorized: key "
            + MARKER_KEY
            + " is not valid\",\"signin_url\":\"https://ollama.com/connect\"}");
    List<String> seen = new CopyOnWriteArrayList<>();
    InferenceListener listener =
        new InferenceListener() {
          @Override
          public void requestFailed(
              InferenceRequest request, InferenceException failure, Duration elapsed) {
            seen.add(failure.getMessage());
            seen.add(failure.toString());
          }
        };
    try (LogCapture logs = new LogCapture();
        InferenceClient keyed =
            Inference.connect(
                OllamaTestSupport.settings(server.getPort()).apiKey(Secret.of(MARKER_KEY)).build(),
                DriverContext.builder().listener(listener).build())) {
      InferenceException infer =
          (InferenceException)
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> keyed.infer(InferenceRequest.of("x")));
      InferenceException stream =
          (InferenceException)
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> keyed.stream(InferenceRequest.of("x")));
      for (InferenceException e : List.of(infer, stream)) {
        assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(e.getMessage()).doesNotContain(MARKER_KEY).contains("unauthorized: key");
        assertThat(e.toString()).doesNotContain(MARKER_KEY);
      }
      assertThat(keyed.toString()).doesNotContain(MARKER_KEY);
      assertThat(seen).isNotEmpty().noneMatch(line -> line.contains(MARKER_KEY));
      assertThat(logs.lines()).noneMatch(line -> line.contains(MARKER_KEY));
    }
    assertThat(
            new String(
                server.getAllServeEvents().get(0).getRequest().getBody(), StandardCharsets.UTF_8))
        .as("the key travels only in the header")
        .doesNotContain(MARKER_KEY);
  }
}
