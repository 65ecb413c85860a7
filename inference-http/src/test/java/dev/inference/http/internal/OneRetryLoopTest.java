package dev.inference.http.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import dev.inference.spi.DriverContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same failure script (429 with Retry-After, then 503, then success) through {@code infer},
 * {@code inferAsync} and {@code stream}: one retry loop, so the listener hears the same events in
 * the same order, and on a fake clock the 20-second Retry-After costs no wall time.
 */
class OneRetryLoopTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String BODY = "{\"text\":\"fine\",\"finish\":\"stop\"}";
  private static final String STREAM =
      "data: {\"text\":\"fi\"}\n\ndata: {\"text\":\"ne\",\"finish\":\"stop\"}\n\ndata: [DONE]\n\n";

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    executor.shutdownNow();
  }

  /** Hears the events a retry script produces; the 503's backoff is random, so only its kind. */
  static final class Recorder extends InferenceListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void requestStarted(InferenceRequest request) {
      events.add("started");
    }

    @Override
    public void retrying(
        InferenceRequest request, int attempt, InferenceException cause, Duration delay) {
      events.add(
          "retry "
              + attempt
              + " "
              + cause.kind()
              + (cause.retryAfter().isPresent() ? " after " + delay.toSeconds() + " s" : ""));
    }

    @Override
    public void requestCompleted(
        InferenceRequest request, InferenceResponse response, Duration elapsed) {
      events.add("completed " + response.text());
    }

    @Override
    public void requestFailed(
        InferenceRequest request, InferenceException failure, Duration elapsed) {
      events.add("failed " + failure.kind());
    }
  }

  private static void script(ResponseDefinitionBuilder success) {
    server.resetAll();
    server.stubFor(
        post(urlEqualTo("/chat"))
            .inScenario("script")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20"))
            .willSetStateTo("overloaded"));
    server.stubFor(
        post(urlEqualTo("/chat"))
            .inScenario("script")
            .whenScenarioStateIs("overloaded")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("recovered"));
    server.stubFor(
        post(urlEqualTo("/chat"))
            .inScenario("script")
            .whenScenarioStateIs("recovered")
            .willReturn(success));
  }

  private record Run(List<String> events, Duration fakeTime, Duration wallTime) {}

  private Run run(ResponseDefinitionBuilder success, Function<InferenceClient, String> call) {
    script(success);
    FakeTime time = new FakeTime();
    Recorder recorder = new Recorder();
    DriverContext context =
        DriverContext.builder()
            .listener(recorder)
            .clock(time.clock)
            .scheduler(time.scheduler)
            .executor(executor)
            .build();
    long wallStart = System.nanoTime();
    String text;
    try (InferenceClient client =
        TestDialect.client(
            TestDialect.settings(server.getPort())
                .maxRetries(3)
                .retryInitialBackoff(Duration.ofMillis(100))
                .retryMaxBackoff(Duration.ofMinutes(1))
                .requestTimeout(Duration.ofMinutes(5))
                .build(),
            context)) {
      text = call.apply(client);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
    assertThat(text).isEqualTo("fine");
    server.verify(3, postRequestedFor(urlEqualTo("/chat")));
    return new Run(recorder.events, time.elapsed(), wall);
  }

  @Test
  void blockingAsyncAndStreamingCallsRetryTheSameWayOnAFakeClock() {
    ResponseDefinitionBuilder body = aResponse().withStatus(200).withBody(BODY);
    ResponseDefinitionBuilder stream =
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/event-stream")
            .withBody(STREAM);
    InferenceRequest request = InferenceRequest.of("x");

    Run blocking = run(body, client -> client.infer(request).text());
    Run async = run(body, client -> client.inferAsync(request).join().text());
    Run streamed =
        run(
            stream,
            client -> {
              try (InferenceStream events = client.stream(request)) {
                String text = null;
                for (StreamEvent event : events) {
                  if (event instanceof StreamEvent.Completed done) {
                    text = done.response().text();
                  }
                }
                return text;
              }
            });

    List<String> expected =
        List.of(
            "started", "retry 1 RATE_LIMITED after 20 s", "retry 2 UNAVAILABLE", "completed fine");
    assertThat(blocking.events()).isEqualTo(expected);
    assertThat(async.events()).isEqualTo(expected);
    assertThat(streamed.events()).isEqualTo(expected);
    for (Run run : List.of(blocking, async, streamed)) {
      // the Retry-After was waited on the fake clock, not on the wall
      assertThat(run.fakeTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
      assertThat(run.wallTime()).isLessThan(Duration.ofSeconds(20));
    }
  }
}
