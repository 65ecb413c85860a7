package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * The rules of section 9 (errors): HTTP statuses, bodies and broken connections mapped to error
 * kinds.
 */
final class ErrorRules {

  private final KitContext kit;

  ErrorRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 9.1. */
  void unauthorized() {
    assertHttpError(
        Scenario.Problem.AUTHENTICATION, "Incorrect API key provided.", ErrorKind.AUTHENTICATION);
  }

  /** Rule 9.2. */
  void forbidden() {
    assertHttpError(
        Scenario.Problem.PERMISSION_DENIED,
        "You are not allowed to use this project.",
        ErrorKind.PERMISSION_DENIED);
  }

  /** Rule 9.3. */
  void modelNotFound() {
    assertHttpError(
        Scenario.Problem.MODEL_NOT_FOUND,
        "model 'no-such-model' not found",
        ErrorKind.MODEL_NOT_FOUND);
  }

  /** Rule 9.4. */
  void badRequest() {
    assertHttpError(
        Scenario.Problem.INVALID_REQUEST,
        "Invalid value for 'top_p': expected a number.",
        ErrorKind.INVALID_REQUEST);
  }

  /** Rule 9.5. */
  void contextLength() {
    assertHttpError(
        Scenario.Problem.CONTEXT_LENGTH_EXCEEDED,
        "This model's maximum context length is 8192 tokens. However, your messages resulted in"
            + " 9000 tokens.",
        ErrorKind.CONTEXT_LENGTH_EXCEEDED);
  }

  /** Rule 9.6. */
  void rateLimitedWithRetryAfter() {
    kit.assumeHttp("a 429 status with a Retry-After header");
    Scenario.RateLimited limited = new Scenario.RateLimited(Duration.ofSeconds(7));
    kit.stub(limited);
    for (InferenceException failure : kit.failuresOfBothCalls()) {
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.RATE_LIMITED);
      assertThat(failure.isRetryable()).as("isRetryable() of %s", failure).isTrue();
      assertThat(failure.httpStatus()).as("httpStatus()").hasValue(429);
      assertThat(failure.retryAfter()).as("retryAfter()").contains(Duration.ofSeconds(7));
    }
  }

  /** Rule 9.7. */
  void quota() {
    assertHttpError(
        Scenario.Problem.QUOTA_EXCEEDED,
        "You exceeded your current quota, please check your plan and billing details.",
        ErrorKind.QUOTA_EXCEEDED);
  }

  /** Rule 9.8. */
  void serverError() {
    assertHttpError(
        Scenario.Problem.SERVER_ERROR,
        "The server had an error while processing your request.",
        ErrorKind.SERVER_ERROR);
  }

  /** Rule 9.9. */
  void unavailable() {
    assertHttpError(
        Scenario.Problem.UNAVAILABLE, "The engine is currently overloaded.", ErrorKind.UNAVAILABLE);
  }

  /** Rule 9.10. */
  void malformedBody() {
    kit.stub(new Scenario.MalformedBody("OK then, here is no JSON"));
    InferenceException failure = failureOf(() -> kit.client().infer(InferenceRequest.of("hi")));
    assertThat(failure.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(failure.isRetryable()).as("isRetryable()").isFalse();
  }

  /** Rule 9.11. */
  void htmlErrorPage() {
    kit.assumeHttp("an HTML error page from a proxy, with its status");
    kit.stub(new Scenario.HtmlErrorPage(502));
    for (InferenceException failure : kit.failuresOfBothCalls()) {
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(failure.isRetryable()).as("isRetryable() of %s", failure).isTrue();
      assertThat(failure.httpStatus()).as("httpStatus()").hasValue(502);
      assertThat(failure.getMessage()).as("the message").contains("502").contains("Bad Gateway");
    }
  }

  /** Rule 9.12. */
  void connectionRefused() throws IOException {
    InferenceClient client = kit.client(kit.wire().refusedEndpoint(), UnaryOperator.identity());
    for (InferenceException failure :
        List.of(
            failureOf(() -> client.infer(InferenceRequest.of("hi"))),
            failureOf(() -> readAll(client, InferenceRequest.of("hi"))))) {
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TRANSPORT);
      assertThat(failure.isRetryable()).as("isRetryable() of %s", failure).isTrue();
    }
  }

  /** Rule 9.13. */
  void connectionResetMidBody() throws IOException {
    try (KitWire.Held raw = kit.wire().hold(KitWire.Hold.FIRST_DELTA_THEN_RESET)) {
      InferenceClient client = kit.client(raw.endpoint(), UnaryOperator.identity());
      InferenceException answer = failureOf(() -> client.infer(InferenceRequest.of("hi")));
      assertThat(answer.kind())
          .as("kind of %s", answer)
          .isIn(ErrorKind.TRANSPORT, ErrorKind.STREAM_TRUNCATED);
      assertThat(answer.isRetryable()).as("isRetryable() of %s", answer).isTrue();
      if (kit.factory().capabilities().streaming()) {
        InferenceException stream = failureOf(() -> readAll(client, InferenceRequest.of("hi")));
        assertThat(stream.kind())
            .as("kind of %s", stream)
            .isIn(ErrorKind.TRANSPORT, ErrorKind.STREAM_TRUNCATED);
        assertThat(stream.isRetryable()).as("isRetryable() of %s", stream).isTrue();
        assertThat(stream.partialText()).as("partialText() of the stream").contains("first");
      }
    }
  }

  private void assertHttpError(Scenario.Problem problem, String message, ErrorKind kind) {
    Scenario.HttpError error = new Scenario.HttpError(problem, message);
    if (!kit.wire().http()) {
      Assumptions.assumeTrue(
          kit.wire().renders(error),
          "the socket fixture renders no error frame for "
              + problem
              + ": the protocol has no such error");
    }
    OptionalInt status = kit.wire().status(error);
    kit.stub(error);
    for (InferenceException failure : kit.failuresOfBothCalls()) {
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(kind);
      assertThat(failure.isRetryable())
          .as("isRetryable() of %s", failure)
          .isEqualTo(kind.isTransient());
      if (status.isPresent()) {
        assertThat(failure.httpStatus())
            .as("httpStatus() of %s", failure)
            .hasValue(status.getAsInt());
      } else {
        assertThat(failure.httpStatus()).as("httpStatus() of %s, over a socket", failure).isEmpty();
      }
    }
  }
}
