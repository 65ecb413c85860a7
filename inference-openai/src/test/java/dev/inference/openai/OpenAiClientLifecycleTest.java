package dev.inference.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.inference.openai.OpenAiTestSupport.MARKER_KEY;
import static dev.inference.openai.OpenAiTestSupport.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.ErrorKind;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import dev.inference.spi.DriverContext;
import dev.inference.testkit.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listener events, concurrency, closing the client, and what the trace log shows. */
class OpenAiClientLifecycleTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static String answer(String text) {
    return "{\"choices\":[{\"message\":{\"content\":\""
        + text
        + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
  }

  /** Records every listener event as one line. */
  static final class Recorder extends InferenceListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void requestStarted(InferenceRequest request) {
      events.add("started " + request.requestId());
    }

    @Override
    public void firstToken(InferenceRequest request, Duration elapsed) {
      events.add("first-token " + request.requestId() + (elapsed.isNegative() ? " negative" : ""));
    }

    @Override
    public void requestCompleted(
        InferenceRequest request, InferenceResponse response, Duration elapsed) {
      events.add("completed " + request.requestId() + " " + response.text());
    }

    @Override
    public void requestFailed(
        InferenceRequest request, InferenceException failure, Duration elapsed) {
      events.add("failed " + request.requestId() + " " + failure.kind());
    }
  }

  @Test
  void theListenerSeesStartFirstTokenAndExactlyOneEndPerCall() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("\"stream\":false"))
            .willReturn(aResponse().withStatus(200).withBody(answer("plain"))));
    server.stubFor(
        post(urlEqualTo(PATH))
            .withRequestBody(containing("\"stream\":true"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(OpenAiStreamingTest.OPENAI_BODY)));
    Recorder recorder = new Recorder();
    try (InferenceClient client =
        Inference.connect(
            OpenAiTestSupport.settings(server.getPort()).build(),
            DriverContext.builder().listener(recorder).build())) {
      client.infer(InferenceRequest.builder().userPrompt("x").requestId("a").build());
      try (InferenceStream stream =
          client.stream(InferenceRequest.builder().userPrompt("x").requestId("b").build())) {
        stream.forEach(event -> {});
      }
      InferenceStream abandoned =
          client.stream(InferenceRequest.builder().userPrompt("x").requestId("c").build());
      abandoned.close();
    }
    assertThat(recorder.events)
        .containsExactly(
            "started a",
            "completed a plain",
            "started b",
            "first-token b",
            "completed b Héllo wörld ✓ 🌍",
            "started c",
            "failed c CANCELLED");
  }

  @Test
  void manyParallelCallsOnOneClientGetTheirOwnAnswers() throws Exception {
    int calls = 64;
    for (int i = 0; i < calls; i++) {
      server.stubFor(
          post(urlEqualTo(PATH))
              .withRequestBody(containing("\"content\":\"question " + i + "\""))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withUniformRandomDelay(0, 20)
                      .withBody(answer("answer " + i))));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (InferenceClient client = OpenAiTestSupport.client(server.getPort())) {
      List<Future<InferenceResponse>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        InferenceRequest request =
            InferenceRequest.builder().userPrompt("question " + i).requestId("id-" + i).build();
        futures.add(
            i % 2 == 0 ? pool.submit(() -> client.infer(request)) : client.inferAsync(request));
      }
      for (int i = 0; i < calls; i++) {
        InferenceResponse response = futures.get(i).get(30, TimeUnit.SECONDS);
        assertThat(response.text()).isEqualTo("answer " + i);
        assertThat(response.requestId()).isEqualTo("id-" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingTheClientCancelsCallsInFlightAndRefusesNewOnes() throws Exception {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse().withStatus(200).withFixedDelay(30_000).withBody(answer("late"))));
    InferenceClient client = OpenAiTestSupport.client(server.getPort());
    CompletableFuture<InferenceResponse> pending = client.inferAsync(InferenceRequest.of("x"));

    client.close();

    assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(InferenceException.class)
        .satisfies(
            e ->
                assertThat(((InferenceException) e.getCause()).kind())
                    .isEqualTo(ErrorKind.CANCELLED));
    assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
              assertThat(e.getMessage()).contains("closed");
            });
  }

  @Test
  void theTraceLogShowsTheRequestWithTheKeyRedacted() {
    server.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(answer("ok"))));
    Logger logger = Logger.getLogger("dev.inference.kit.CallPipeline");
    Level before = logger.getLevel();
    logger.setLevel(Level.ALL);
    try (LogCapture logs = new LogCapture();
        InferenceClient client = OpenAiTestSupport.client(server.getPort())) {
      client.infer(InferenceRequest.of("x"));
      assertThat(String.join("\n", logs.lines()))
          .contains("POST http://127.0.0.1:" + server.getPort() + PATH)
          .contains("Authorization=[****]")
          .doesNotContain(MARKER_KEY);
    } finally {
      logger.setLevel(before);
    }
  }

  @Test
  void aStreamReadThroughTheCallbackFormCanBeCancelled() throws Exception {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(OpenAiStreamingTest.OPENAI_BODY)
                    .withChunkedDribbleDelay(4, 20_000)));
    try (InferenceClient client = OpenAiTestSupport.client(server.getPort())) {
      List<StreamEvent> seen = new CopyOnWriteArrayList<>();
      CompletableFuture<InferenceResponse> reading =
          client.stream(InferenceRequest.of("x")).forEachAsync(seen::add);
      reading.cancel(true);
      assertThat(reading).isCancelled();
    }
  }
}
