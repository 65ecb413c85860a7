package dev.inference.testkit;

import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sections 9 (errors) to 14 (resilience) of the conformance kit: how a driver fails, times out,
 * keeps secrets, runs in parallel, names its requests and retries. A class of its own so that each
 * file stays small; {@link KitSections} extends it.
 */
abstract class FailureSections extends ContentSections {

  FailureSections() {}

  @Nested
  @DisplayName("9 Errors")
  class Errors {
    private final ErrorRules rules = new ErrorRules(kit);

    @Test
    @DisplayName("9.1 HTTP 401 is AUTHENTICATION, not retryable")
    void required_s9_1_unauthorized() {
      rules.unauthorized();
    }

    @Test
    @DisplayName("9.2 HTTP 403 is PERMISSION_DENIED, not retryable")
    void required_s9_2_forbidden() {
      rules.forbidden();
    }

    @Test
    @DisplayName("9.3 an unknown model is MODEL_NOT_FOUND, not retryable")
    void required_s9_3_modelNotFound() {
      rules.modelNotFound();
    }

    @Test
    @DisplayName("9.4 HTTP 400 is INVALID_REQUEST, not retryable")
    void required_s9_4_badRequest() {
      rules.badRequest();
    }

    @Test
    @DisplayName("9.5 a prompt too long for the context window is CONTEXT_LENGTH_EXCEEDED")
    void optional_s9_5_contextLength() {
      rules.contextLength();
    }

    @Test
    @DisplayName("9.6 HTTP 429 is RATE_LIMITED, retryable, with the Retry-After wait")
    void required_s9_6_rateLimitedWithRetryAfter() {
      rules.rateLimitedWithRetryAfter();
    }

    @Test
    @DisplayName("9.7 an exhausted quota is QUOTA_EXCEEDED, not retryable")
    void optional_s9_7_quota() {
      rules.quota();
    }

    @Test
    @DisplayName("9.8 HTTP 500 is SERVER_ERROR, retryable")
    void required_s9_8_serverError() {
      rules.serverError();
    }

    @Test
    @DisplayName("9.9 HTTP 503 is UNAVAILABLE, retryable")
    void required_s9_9_unavailable() {
      rules.unavailable();
    }

    @Test
    @DisplayName("9.10 a 200 body that is not JSON is MALFORMED_RESPONSE, not retryable")
    void required_s9_10_malformedBody() {
      rules.malformedBody();
    }

    @Test
    @DisplayName(
        "9.11 an HTML error page is SERVER_ERROR, retryable, quoting the status and the page")
    void required_s9_11_htmlErrorPage() {
      rules.htmlErrorPage();
    }

    @Test
    @DisplayName("9.12 a refused connection is TRANSPORT, retryable")
    void required_s9_12_connectionRefused() throws IOException {
      rules.connectionRefused();
    }

    @Test
    @DisplayName(
        "9.13 a connection reset mid-body is TRANSPORT or STREAM_TRUNCATED, retryable, with the"
            + " partial text")
    void required_s9_13_connectionResetMidBody() throws IOException {
      rules.connectionResetMidBody();
    }
  }

  @Nested
  @DisplayName("10 Timeouts")
  class Timeouts {
    private final TimeoutRules rules = new TimeoutRules(kit);

    @Test
    @DisplayName("10.1 a connection that cannot be opened in time is TIMEOUT in phase CONNECT")
    void required_s10_1_connectTimeout() throws IOException {
      rules.connectTimeout();
    }

    @Test
    @DisplayName(
        "10.2 a provider that sends headers but no first event is TIMEOUT in phase FIRST_EVENT")
    void optional_s10_2_firstEventTimeout() throws Exception {
      rules.firstEventTimeout();
    }

    @Test
    @DisplayName("10.3 a stream that goes quiet between events is TIMEOUT in phase IDLE")
    void optional_s10_3_idleTimeout() throws Exception {
      rules.idleTimeout();
    }

    @Test
    @DisplayName(
        "10.4 a provider that stalls before answering is TIMEOUT in phase TOTAL, in infer() and"
            + " stream()")
    void required_s10_4_totalTimeoutBeforeTheAnswer() {
      rules.totalTimeoutBeforeTheAnswer();
    }

    @Test
    @DisplayName(
        "10.5 a stream that stalls mid-body is TIMEOUT in phase TOTAL, keeping the partial text")
    void required_s10_5_totalTimeoutMidStream() throws Exception {
      rules.totalTimeoutMidStream();
    }
  }

  @Nested
  @DisplayName("11 Secrets")
  class Secrets {
    private final SecretRules rules = new SecretRules(kit);

    @Test
    @DisplayName(
        "11.1 no failure's message, toString or partial text shows the key, even when the provider"
            + " echoes it")
    void required_s11_1_noKeyInFailures() {
      rules.noKeyInFailures();
    }

    @Test
    @DisplayName("11.2 no log line shows the key, at any level")
    void required_s11_2_noKeyInLogs() {
      rules.noKeyInLogs();
    }

    @Test
    @DisplayName(
        "11.3 describe(), the client's toString() and the profile's toString() hide the key")
    void required_s11_3_noKeyInDescriptions() {
      rules.noKeyInDescriptions();
    }

    @Test
    @DisplayName(
        "11.4 a password in the base URL's user-info shows in no description, toString(), failure"
            + " or log line")
    void required_s11_4_noUserInfoPasswordAnywhere() {
      rules.noUserInfoPasswordAnywhere();
    }
  }

  @Nested
  @DisplayName("12 Concurrency")
  class Concurrency {
    private final ConcurrencyRules rules = new ConcurrencyRules(kit);

    @Test
    @DisplayName("12.1 parallel calls on one client each get their own answer")
    void required_s12_1_parallelCallsGetTheirOwnAnswers() throws Exception {
      rules.parallelCallsGetTheirOwnAnswers();
    }

    @Test
    @DisplayName("12.2 parallel streams on one client each get their own answer")
    void required_s12_2_parallelStreamsGetTheirOwnAnswers() throws Exception {
      rules.parallelStreamsGetTheirOwnAnswers();
    }
  }

  @Nested
  @DisplayName("13 Request ids")
  class RequestIds {
    private final RequestIdRules rules = new RequestIdRules(kit);

    @Test
    @DisplayName("13.1 a response carries its request's id, given or generated")
    void required_s13_1_responsesCarryTheRequestId() {
      rules.responsesCarryTheRequestId();
    }

    @Test
    @DisplayName("13.2 a failure carries its request's id and the provider name")
    void required_s13_2_failuresCarryTheRequestIdAndProvider() {
      rules.failuresCarryTheRequestIdAndProvider();
    }
  }

  /** 14: retries, Retry-After and the circuit breaker, as the HTTP kit provides them. */
  @Nested
  @DisplayName("14 Resilience")
  class Resilience {
    private final ResilienceRules rules = new ResilienceRules(kit);

    @Test
    @DisplayName("14.1 a transient failure followed by an answer is retried and succeeds")
    void required_s14_1_transientFailuresAreRetried() {
      rules.transientFailuresAreRetried();
    }

    @Test
    @DisplayName("14.2 a 429 is retried no sooner than its Retry-After")
    void required_s14_2_retryAfterIsHonoured() {
      rules.retryAfterIsHonoured();
    }

    @Test
    @DisplayName("14.3 request errors, authentication errors and malformed bodies are sent once")
    void required_s14_3_permanentFailuresAreNotRetried() {
      rules.permanentFailuresAreNotRetried();
    }

    @Test
    @DisplayName("14.4 a stream is retried when it fails before its first event, never after it")
    void required_s14_4_streamsAreRetriedOnlyBeforeTheirFirstEvent() {
      rules.streamsAreRetriedOnlyBeforeTheirFirstEvent();
    }

    @Test
    @DisplayName(
        "14.5 a storm of provider failures opens the circuit breaker, which then fails fast")
    void required_s14_5_theCircuitBreakerOpens() {
      rules.theCircuitBreakerOpens();
    }

    @Test
    @DisplayName(
        "14.6 an empty response, a malformed chunk and random bytes are TRANSPORT failures,"
            + " retried, and nothing hangs")
    void required_s14_6_brokenConnectionsAreRetriedTransportFailures() {
      rules.brokenConnectionsAreRetriedTransportFailures();
    }
  }
}
