package dev.inference.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.ProviderSettings;
import dev.inference.StreamEvent;
import dev.inference.kit.Resilience;
import dev.inference.spi.DriverContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries, timeouts in four layers, the circuit breaker, the bulkhead and the rate limiter. */
class ResilienceTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String OK = "{\"text\":\"fine\",\"finish\":\"stop\"}";

  private static ProviderSettings.Builder settings() {
    return TestDialect.settings(server.getPort())
        .retryInitialBackoff(Duration.ofMillis(10))
        .retryMaxBackoff(Duration.ofSeconds(2));
  }

  /** Records retries and circuit changes. */
  static final class Recorder extends InferenceListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Duration> delays = new CopyOnWriteArrayList<>();

    @Override
    public void retrying(
        InferenceRequest request, int attempt, InferenceException cause, Duration delay) {
      events.add("retry " + attempt + " " + cause.kind());
      delays.add(delay);
    }

    @Override
    public void circuitStateChanged(String client, String from, String to) {
      events.add("circuit " + client + " " + from + "->" + to);
    }
  }

  private static InferenceClient client(ProviderSettings settings, InferenceListener listener) {
    return TestDialect.client(settings, DriverContext.builder().listener(listener).build());
  }

  private static void stub(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(first)
            .willSetStateTo("second"));
    server.stubFor(
        post(urlEqualTo("/chat")).inScenario("s").whenScenarioStateIs("second").willReturn(then));
  }

  private static ResponseDefinitionBuilder sse(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRateLimitIsRetriedAfterItsRetryAfterAndNotBefore() {
    stub(
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "1")
            .withBody("{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}"),
        aResponse().withStatus(200).withBody(OK));
    Recorder recorder = new Recorder();
    try (InferenceClient client = client(settings().build(), recorder)) {
      long before = System.nanoTime();
      InferenceResponse response = client.infer(InferenceRequest.of("x"));
      long waited = System.nanoTime() - before;

      assertThat(response.text()).isEqualTo("fine");
      assertThat(recorder.events).containsExactly("retry 1 RATE_LIMITED");
      assertThat(recorder.delays).containsExactly(Duration.ofSeconds(1));
      assertThat(Duration.ofNanos(waited))
          .as("the wait is at least what Retry-After asked for")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    server.verify(2, postRequestedFor(urlEqualTo("/chat")));
  }

  @Test
  void aRetryAfterLongerThanTheLongestBackoffFailsAtOnceCarryingIt() {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "120")
                    .withBody("{\"error\":{\"message\":\"later\"}}")));
    try (InferenceClient client = client(settings().build(), new Recorder())) {
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
              });
    }
    server.verify(1, postRequestedFor(urlEqualTo("/chat")));
  }

  @Test
  void serverErrorsAreRetriedUpToTheLimitWithBackoff() {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
    Recorder recorder = new Recorder();
    try (InferenceClient client = client(settings().maxRetries(3).build(), recorder)) {
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }
    server.verify(4, postRequestedFor(urlEqualTo("/chat")));
    assertThat(recorder.events)
        .containsExactly("retry 1 UNAVAILABLE", "retry 2 UNAVAILABLE", "retry 3 UNAVAILABLE");
    assertThat(recorder.delays.get(0)).isLessThanOrEqualTo(Duration.ofMillis(10));
    assertThat(recorder.delays.get(1)).isLessThanOrEqualTo(Duration.ofMillis(20));
    assertThat(recorder.delays.get(2)).isLessThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void eachCallGetsItsFullRetriesAfterTheClientHasAnsweredWithoutAny() {
    // calls that succeed at once never make the retry policy; a later failing call still gets
    // every retry, counted from its own first failure
    server.stubFor(
        post(urlEqualTo("/chat"))
            .inScenario("s")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(200).withBody(OK))
            .willSetStateTo("failing"));
    server.stubFor(
        post(urlEqualTo("/chat"))
            .inScenario("s")
            .whenScenarioStateIs("failing")
            .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
    Recorder recorder = new Recorder();
    try (InferenceClient client = client(settings().maxRetries(2).build(), recorder)) {
      assertThat(client.infer(InferenceRequest.of("x")).text()).isEqualTo("fine");
      for (int call = 0; call < 2; call++) {
        assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
            .isInstanceOfSatisfying(
                InferenceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
      }
    }
    server.verify(1 + 2 * 3, postRequestedFor(urlEqualTo("/chat")));
    assertThat(recorder.events)
        .containsExactly(
            "retry 1 UNAVAILABLE",
            "retry 2 UNAVAILABLE",
            "retry 1 UNAVAILABLE",
            "retry 2 UNAVAILABLE");
  }

  @Test
  void onlyAListenerThatOverridesCircuitStateChangedIsGivenTheBreakersEvents() {
    // without a consumer the breaker creates no event objects on every call
    assertThat(Resilience.hearsCircuitChanges(InferenceListener.NONE)).isFalse();
    assertThat(
            Resilience.hearsCircuitChanges(
                new InferenceListener() {
                  @Override
                  public void requestStarted(InferenceRequest request) {}
                }))
        .isFalse();
    assertThat(Resilience.hearsCircuitChanges(new Recorder())).isTrue();
    class Inherits extends InferenceListener {
      @Override
      public void circuitStateChanged(String client, String from, String to) {}
    }
    class Subclass extends Inherits {}
    assertThat(Resilience.hearsCircuitChanges(new Subclass())).isTrue();
  }

  @Test
  void requestErrorsQuotaAndMalformedBodiesAreNeverRetried() {
    for (ResponseDefinitionBuilder answer :
        List.of(
            aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"bad\"}}"),
            aResponse().withStatus(401).withBody("{\"error\":{\"message\":\"who\"}}"),
            aResponse()
                .withStatus(429)
                .withBody("{\"error\":{\"message\":\"quota\",\"code\":\"insufficient_quota\"}}"),
            aResponse().withStatus(200).withBody("not json"),
            aResponse()
                .withStatus(503)
                .withHeader("x-should-retry", "false")
                .withBody("{\"error\":\"no\"}"))) {
      server.resetAll();
      server.stubFor(post(urlEqualTo("/chat")).willReturn(answer));
      try (InferenceClient client = client(settings().build(), new Recorder())) {
        assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
            .isInstanceOf(InferenceException.class);
      }
      server.verify(1, postRequestedFor(urlEqualTo("/chat")));
    }
  }

  @Test
  void aStreamIsRetriedBeforeItsFirstEventButNeverAfter() {
    stub(
        aResponse().withStatus(200).withFault(Fault.CONNECTION_RESET_BY_PEER),
        sse("data: {\"text\":\"a\"}\n\ndata: {\"finish\":\"stop\"}\n\n"));
    try (InferenceClient client = client(settings().build(), new Recorder());
        InferenceStream stream = client.stream(InferenceRequest.of("x"))) {
      List<StreamEvent> events = new ArrayList<>();
      stream.forEach(events::add);
      assertThat(events.get(0)).isEqualTo(new StreamEvent.TextDelta("a"));
    }
    server.verify(2, postRequestedFor(urlEqualTo("/chat")));

    server.resetAll();
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(
                sse(
                    "data: {\"text\":\"partial\"}\n\ndata: {\"error\":{\"message\":\"boom\",\"code\":500}}\n\n")));
    try (InferenceClient client = client(settings().build(), new Recorder())) {
      assertThatThrownBy(
              () -> {
                try (InferenceStream stream = client.stream(InferenceRequest.of("x"))) {
                  stream.forEach(event -> {});
                }
              })
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
                assertThat(e.partialText()).contains("partial");
              });
    }
    server.verify(1, postRequestedFor(urlEqualTo("/chat")));
  }

  @Test
  void theFirstEventTimeoutCutsASlowStartAndIsRetried() {
    server.stubFor(
        post(urlEqualTo("/chat")).willReturn(aResponse().withFixedDelay(3000).withBody(OK)));
    try (InferenceClient client =
        client(
            settings().firstEventTimeout(Duration.ofMillis(200)).maxRetries(1).build(),
            new Recorder())) {
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                assertThat(e.timeoutPhase()).contains(InferenceException.TimeoutPhase.FIRST_EVENT);
              });
      assertThatThrownBy(() -> client.stream(InferenceRequest.of("x")).forEach(event -> {}))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e ->
                  assertThat(e.timeoutPhase())
                      .contains(InferenceException.TimeoutPhase.FIRST_EVENT));
    }
    server.verify(4, postRequestedFor(urlEqualTo("/chat")));
  }

  @Test
  void theIdleTimeoutCutsAStreamThatGoesSilentAndKeepsItsText() {
    byte[] body =
        "data: {\"text\":\"early\"}\n\ndata: {\"finish\":\"stop\"}\n\n"
            .getBytes(StandardCharsets.UTF_8);
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(body)
                    .withChunkedDribbleDelay(2, 6000)));
    try (InferenceClient client =
        client(settings().idleTimeout(Duration.ofMillis(300)).build(), new Recorder())) {
      List<StreamEvent> seen = new ArrayList<>();
      assertThatThrownBy(
              () -> {
                try (InferenceStream stream = client.stream(InferenceRequest.of("x"))) {
                  stream.forEach(seen::add);
                }
              })
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                assertThat(e.timeoutPhase()).contains(InferenceException.TimeoutPhase.IDLE);
                assertThat(e.isRetryable()).isTrue();
              });
    }
    server.verify(1, postRequestedFor(urlEqualTo("/chat")));
  }

  @Test
  void aStormOfServerErrorsOpensTheBreakerWhichThenFailsFast() {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}")));
    Recorder recorder = new Recorder();
    ProviderSettings settings =
        settings()
            .profileName("fast")
            .maxRetries(0)
            .circuitBreakerMinimumCalls(4)
            .circuitBreakerFailureRate(50)
            .circuitBreakerWait(Duration.ofSeconds(60))
            .build();
    try (InferenceClient client = client(settings, recorder)) {
      for (int i = 0; i < 4; i++) {
        assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
            .isInstanceOfSatisfying(
                InferenceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
      }
      assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
                assertThat(e.getMessage()).contains("fast");
                assertThat(e.isRetryable()).isFalse();
              });
      assertThatThrownBy(() -> client.stream(InferenceRequest.of("x")))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN));
    }
    server.verify(4, postRequestedFor(urlEqualTo("/chat")));
    assertThat(recorder.events).containsExactly("circuit fast CLOSED->OPEN");
  }

  @Test
  void longSuccessfulCallsNeverOpenTheBreaker() {
    java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      Resilience resilience =
          new Resilience(settings().circuitBreakerMinimumCalls(4).build(), "test", new Recorder());
      InferenceRequest request = InferenceRequest.of("x");
      // one failure first, so the breaker exists (it is made at the first failure)
      resilience.record(
          resilience.admit(request),
          InferenceException.builder(ErrorKind.SERVER_ERROR, "down").build());
      for (int i = 0; i < 40; i++) {
        resilience.admit(request);
        // each answer took 10 minutes: a long stream, and a healthy one
        resilience.record(System.nanoTime() - TimeUnit.MINUTES.toNanos(10), null);
      }
      resilience.admit(request); // CIRCUIT_OPEN if slow calls counted against the provider
    } finally {
      timer.shutdownNow();
    }
  }

  /**
   * The breaker is made at the first failure; the successes before it still count in its window, as
   * they would in a breaker made at the first call.
   */
  @Test
  void successesBeforeTheFirstFailureCountInTheBreakersWindow() {
    Resilience resilience =
        new Resilience(
            settings()
                .circuitBreakerMinimumCalls(4)
                .circuitBreakerFailureRate(50)
                .circuitBreakerWait(Duration.ofSeconds(60))
                .build(),
            "test",
            new Recorder());
    InferenceRequest request = InferenceRequest.of("x");
    InferenceException down = InferenceException.builder(ErrorKind.SERVER_ERROR, "down").build();
    for (int i = 0; i < 10; i++) {
      resilience.record(resilience.admit(request), null);
    }
    for (int i = 0; i < 5; i++) {
      // 5 of 15 failed: closed; a window of the failures alone would have opened at the 4th
      resilience.record(resilience.admit(request), down);
    }
    for (int i = 0; i < 5; i++) {
      resilience.record(resilience.admit(request), down);
    }
    // 10 of the 20 outcomes failed: the 50% that opens it
    assertThatThrownBy(() -> resilience.admit(request))
        .isInstanceOfSatisfying(
            InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN));
  }

  @Test
  void requestErrorsDoNotOpenTheBreaker() {
    server.stubFor(
        post(urlEqualTo("/chat"))
            .willReturn(aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"bad\"}}")));
    ProviderSettings settings =
        settings().maxRetries(0).circuitBreakerMinimumCalls(2).circuitBreakerFailureRate(1).build();
    try (InferenceClient client = client(settings, new Recorder())) {
      for (int i = 0; i < 6; i++) {
        assertThatThrownBy(() -> client.infer(InferenceRequest.of("x")))
            .isInstanceOfSatisfying(
                InferenceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
      }
    }
    server.verify(6, postRequestedFor(urlEqualTo("/chat")));
  }

  @Test
  void theBulkheadMakesExtraCallersWaitThenFail() throws Exception {
    server.stubFor(
        post(urlEqualTo("/chat")).willReturn(aResponse().withFixedDelay(2000).withBody(OK)));
    ProviderSettings settings =
        settings().maxConcurrentRequests(1).connectTimeout(Duration.ofMillis(200)).build();
    try (InferenceClient client = client(settings, new Recorder())) {
      // each call waits for its slot on the client's executor, so either may get it first
      List<CompletableFuture<InferenceResponse>> calls =
          List.of(
              client.inferAsync(InferenceRequest.of("a")),
              client.inferAsync(InferenceRequest.of("b")));
      List<String> answers = new ArrayList<>();
      List<InferenceException> refused = new ArrayList<>();
      for (CompletableFuture<InferenceResponse> call : calls) {
        try {
          answers.add(call.get(10, TimeUnit.SECONDS).text());
        } catch (ExecutionException failure) {
          assertThat(failure).hasCauseInstanceOf(InferenceException.class);
          refused.add((InferenceException) failure.getCause());
        }
      }
      assertThat(answers).containsExactly("fine");
      assertThat(refused)
          .singleElement()
          .satisfies(
              busy -> {
                assertThat(busy.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                assertThat(busy.getMessage()).contains("max_concurrent_requests");
              });
    }
    server.verify(1, postRequestedFor(urlEqualTo("/chat")));
  }

  @Test
  void aCancelledCallIsNeverRetried() throws Exception {
    server.stubFor(
        post(urlEqualTo("/chat")).willReturn(aResponse().withFixedDelay(3000).withStatus(503)));
    Recorder recorder = new Recorder();
    try (InferenceClient client = client(settings().build(), recorder)) {
      CompletableFuture<InferenceResponse> call = client.inferAsync(InferenceRequest.of("x"));
      call.cancel(true);
      assertThat(call).isCancelled();
    }
    assertThat(recorder.events).isEmpty();
    assertThat(
            server.countRequestsMatching(postRequestedFor(urlEqualTo("/chat")).build()).getCount())
        .isLessThanOrEqualTo(1);
  }
}
