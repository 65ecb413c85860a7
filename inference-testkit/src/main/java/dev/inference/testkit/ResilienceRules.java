package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;
import static dev.inference.testkit.KitCalls.textDeltas;
import static dev.inference.testkit.KitContext.DELTAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rules of section 14 (resilience): retries, {@code Retry-After} and the circuit breaker, as
 * the HTTP kit provides them.
 */
final class ResilienceRules {

  private final KitContext kit;

  ResilienceRules(KitContext kit) {
    this.kit = kit;
  }

  /** Serves {@code first} to the first call and {@code then} to every later one. */
  private void stubSequence(Scenario first, Scenario then) {
    kit.wire().stubSequence(first, then);
  }

  private InferenceClient retrying() {
    return kit.client(
        builder ->
            builder
                .maxRetries(2)
                .retryInitialBackoff(Duration.ofMillis(1))
                .retryMaxBackoff(Duration.ofSeconds(2)));
  }

  /** Rule 14.1. */
  void transientFailuresAreRetried() {
    stubSequence(
        new Scenario.HttpError(Scenario.Problem.UNAVAILABLE, "overloaded"),
        new Scenario.Text("recovered", FinishReason.Kind.STOP, Optional.empty()));
    assertThat(retrying().infer(InferenceRequest.of("hi")).text())
        .as("text after a retried 503")
        .isEqualTo("recovered");
    assertThat(kit.requestsSeen()).as("requests the provider saw").isEqualTo(2);
  }

  /** Rule 14.2. */
  void retryAfterIsHonoured() {
    kit.assumeHttp("a 429 status with a Retry-After header");
    stubSequence(
        new Scenario.RateLimited(Duration.ofSeconds(1)),
        new Scenario.Text("later", FinishReason.Kind.STOP, Optional.empty()));
    long started = System.nanoTime();
    assertThat(retrying().infer(InferenceRequest.of("hi")).text())
        .as("text after a retried 429")
        .isEqualTo("later");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("time until the retried answer, at least the Retry-After of 1 s")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(kit.requestsSeen()).as("requests the provider saw").isEqualTo(2);
  }

  /** Rule 14.3. */
  void permanentFailuresAreNotRetried() {
    for (Scenario failure :
        List.of(
            new Scenario.HttpError(Scenario.Problem.INVALID_REQUEST, "bad request"),
            new Scenario.HttpError(Scenario.Problem.AUTHENTICATION, "bad key"),
            new Scenario.MalformedBody("no JSON here"))) {
      if (!kit.wire().http() && !kit.wire().renders(failure)) {
        continue; // the socket protocol has no such error; the others still count
      }
      kit.wire().reset();
      kit.stub(failure);
      failureOf(() -> retrying().infer(InferenceRequest.of("hi")));
      assertThat(kit.requestsSeen()).as("requests the provider saw for %s", failure).isEqualTo(1);
    }
  }

  /** Rule 14.4. */
  void streamsAreRetriedOnlyBeforeTheirFirstEvent() {
    kit.assumeStreaming();
    stubSequence(
        new Scenario.HttpError(Scenario.Problem.SERVER_ERROR, "warming up"),
        new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()));
    assertThat(String.join("", textDeltas(readAll(retrying(), InferenceRequest.of("hi")))))
        .as("text of the retried stream")
        .isEqualTo(String.join("", DELTAS));
    assertThat(kit.requestsSeen()).as("requests for a stream that failed first").isEqualTo(2);

    kit.wire().reset();
    kit.stub(new Scenario.MidStreamError(List.of("seen"), "the model runner crashed"));
    InferenceException failure = failureOf(() -> readAll(retrying(), InferenceRequest.of("hi")));
    assertThat(failure.partialText()).as("partialText()").contains("seen");
    assertThat(kit.requestsSeen()).as("requests for a stream that failed mid-way").isEqualTo(1);
  }

  /** Rule 14.5. */
  void theCircuitBreakerOpens() {
    kit.stub(new Scenario.HttpError(Scenario.Problem.UNAVAILABLE, "overloaded"));
    InferenceClient client =
        kit.client(
            builder ->
                builder
                    .profileName("conformance")
                    .circuitBreakerMinimumCalls(4)
                    .circuitBreakerFailureRate(50)
                    .circuitBreakerWait(Duration.ofMinutes(1)));
    for (int i = 0; i < 4; i++) {
      failureOf(() -> client.infer(InferenceRequest.of("hi")));
    }
    InferenceException open = failureOf(() -> client.infer(InferenceRequest.of("hi")));
    assertThat(open.kind()).as("kind of %s", open).isEqualTo(ErrorKind.CIRCUIT_OPEN);
    assertThat(open.getMessage()).as("the message names the profile").contains("conformance");
    assertThat(kit.requestsSeen()).as("requests the provider saw").isEqualTo(4);
  }

  /** Rule 14.6. */
  void brokenConnectionsAreRetriedTransportFailures() {
    for (KitWire.Fault fault : kit.wire().faults()) {
      kit.wire().reset();
      kit.wire().stubFault(fault);
      InferenceException failure = failureOf(() -> retrying().infer(InferenceRequest.of("hi")));
      assertThat(failure.kind())
          .as("kind after %s: %s", fault, failure)
          .isEqualTo(ErrorKind.TRANSPORT);
      assertThat(failure.isRetryable()).as("isRetryable() after %s", fault).isTrue();
      assertThat(kit.requestsSeen()).as("requests the provider saw for %s", fault).isEqualTo(3);
    }
  }
}
