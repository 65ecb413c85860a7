package dev.inference.testkit;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.inference.ResponseFormat;
import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.internal.KitServer;
import dev.inference.testkit.internal.RuleReporter;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit: one JUnit 5 test per rule of the testkit's {@code SPEC.md}, grouped by
 * section. A driver proves it keeps the contract by extending this class in its tests:
 *
 * <pre>{@code
 * class MyDriverConformanceTest extends DriverConformanceKit {
 *   @Override
 *   protected ProviderFactory factory() {
 *     return new MyProviderFactory();
 *   }
 *
 *   @Override
 *   protected WireFixture wireFixture() {
 *     return new MyWireFixture();
 *   }
 * }
 * }</pre>
 *
 * <p>Tests are named after their rule: {@code required_s8_2_...} or {@code optional_s9_5_...}, with
 * the rule's number and sentence as display name, and every failure starts with them. An optional
 * rule the fixture cannot render is skipped with the reason; a required one fails. Rules about a
 * capability the driver does not declare are skipped. The kit owns one WireMock server per run and
 * resets it before each test; the factory and fixture are asked for again before each test, so
 * implementations may use fields.
 *
 * @since 0.1
 */
@ExtendWith({KitServer.class, RuleReporter.class})
public abstract class DriverConformanceKit extends ContentSections {

  /** For subclasses. */
  protected DriverConformanceKit() {}

  /**
   * The factory of the driver under test; called before each test.
   *
   * @return the factory, never {@code null}
   */
  protected abstract ProviderFactory factory();

  /**
   * The fixture that speaks the driver's wire format; called before each test.
   *
   * @return the fixture, never {@code null}
   */
  protected abstract WireFixture wireFixture();

  /**
   * The timeouts and switches of the run; called before each test.
   *
   * @return {@link ConformanceSettings#defaults()} unless overridden
   */
  protected ConformanceSettings settings() {
    return ConformanceSettings.defaults();
  }

  /**
   * Resets the kit's server and asks for the factory, the fixture and the settings.
   *
   * @param wireServer the run's WireMock server
   * @param test the test about to run
   */
  @BeforeEach
  protected final void setUpConformanceKit(WireMockServer wireServer, TestInfo test) {
    wireServer.resetAll();
    boolean requiredRule =
        test.getTestMethod().map(method -> method.getName().startsWith("required_")).orElse(true);
    kit.begin(wireServer, factory(), wireFixture(), settings(), requiredRule, this::factory);
  }

  /** Closes the clients the test made. */
  @AfterEach
  protected final void closeConformanceClients() {
    kit.closeClients();
  }

  @Nested
  @DisplayName("1 Discovery")
  class Discovery {
    private final DiscoveryRules rules = new DiscoveryRules(kit);

    @Test
    @DisplayName("1.1 the driver id is snake case and names exactly one installed driver")
    void required_s1_1_idIsSnakeCaseAndInstalledOnce() {
      rules.idIsSnakeCaseAndInstalledOnce();
    }

    @Test
    @DisplayName("1.2 declared config keys have unique names and a description")
    void required_s1_2_configKeysAreUniqueAndDescribed() {
      rules.configKeysAreUniqueAndDescribed();
    }

    @Test
    @DisplayName("1.3 a client describes the capabilities its factory declares")
    void required_s1_3_clientDeclaresTheFactorysCapabilities() {
      rules.clientDeclaresTheFactorysCapabilities();
    }

    @Test
    @DisplayName(
        "1.4 a response mode the driver does not declare fails with UNSUPPORTED before any request")
    void required_s1_4_undeclaredModesAreUnsupported() {
      rules.undeclaredModesAreUnsupported();
    }
  }

  @Nested
  @DisplayName("2 Describe")
  class Describe {
    private final DiscoveryRules rules = new DiscoveryRules(kit);

    @Test
    @DisplayName(
        "2.1 describe() makes no network call and names the kind, provider, model and endpoint")
    void required_s2_1_describeIsLocalAndComplete() {
      rules.describeIsLocalAndComplete();
    }
  }

  @Nested
  @DisplayName("3 Text inference")
  class TextInference {
    private final TextRules rules = new TextRules(kit);

    @Test
    @DisplayName("3.1 the system prompt and the user prompt reach the wire as given")
    void required_s3_1_promptsReachTheWire() {
      rules.promptsReachTheWire();
    }

    @Test
    @DisplayName(
        "3.2 the request's temperature and max output tokens reach the wire over the profile's")
    void required_s3_2_requestValuesOverrideTheProfile() {
      rules.requestValuesOverrideTheProfile();
    }

    @Test
    @DisplayName(
        "3.3 without request values, the profile's temperature and max output tokens reach the wire")
    void required_s3_3_profileDefaultsReachTheWire() {
      rules.profileDefaultsReachTheWire();
    }

    @Test
    @DisplayName(
        "3.4 the answer's text comes back exactly, with the provider name describe() reports")
    void required_s3_4_textComesBackExactly() {
      rules.textComesBackExactly();
    }
  }

  @Nested
  @DisplayName("4 JSON_OBJECT")
  class JsonObjectMode {
    private final JsonRules rules = new JsonRules(kit);

    @BeforeEach
    void declared() {
      kit.assumeFormat(ResponseFormat.Kind.JSON_OBJECT);
    }

    @Test
    @DisplayName("4.1 a JSON_OBJECT request asks the provider for JSON")
    void required_s4_1_theRequestAsksForJson() {
      rules.theRequestAsksForJson();
    }

    @Test
    @DisplayName(
        "4.2 parsedJson equals the answer's object by value, and text keeps the raw answer")
    void required_s4_2_parsedJsonEqualsTheObject() {
      rules.parsedJsonEqualsTheObject();
    }

    @Test
    @DisplayName("4.3 an object inside prose or a code fence still parses")
    void required_s4_3_proseAndFencesStillParse() {
      rules.proseAndFencesStillParse();
    }

    @Test
    @DisplayName(
        "4.4 an answer with no JSON object is MALFORMED_RESPONSE, not retryable, carrying the text")
    void required_s4_4_noObjectIsMalformedWithTheText() {
      rules.noObjectIsMalformedWithTheText();
    }
  }

  @Nested
  @DisplayName("5 JSON_SCHEMA")
  class JsonSchemaMode {
    private final JsonRules rules = new JsonRules(kit);

    @BeforeEach
    void declared() {
      kit.assumeFormat(ResponseFormat.Kind.JSON_SCHEMA);
    }

    @Test
    @DisplayName("5.1 a JSON_SCHEMA request carries the schema to the provider")
    void required_s5_1_theRequestCarriesTheSchema() {
      rules.theRequestCarriesTheSchema();
    }

    @Test
    @DisplayName("5.2 parsedJson equals the answer's object by value")
    void required_s5_2_parsedJsonEqualsTheObject() {
      rules.schemaParsedJsonEqualsTheObject();
    }
  }

  @Nested
  @DisplayName("6 Usage")
  class UsageReporting {
    private final TextRules rules = new TextRules(kit);

    @Test
    @DisplayName("6.1 usage the provider sends is reported exactly")
    void required_s6_1_sentUsageIsReported() {
      rules.sentUsageIsReported();
    }

    @Test
    @DisplayName(
        "6.2 usage the provider does not send is absent, in answers and streams: never invented")
    void required_s6_2_unsentUsageIsAbsent() {
      rules.unsentUsageIsAbsent();
    }
  }

  @Nested
  @DisplayName("7 Finish reasons")
  class FinishReasons {
    private final TextRules rules = new TextRules(kit);

    @Test
    @DisplayName("7.1 a natural end is STOP, with the provider's word kept as raw")
    void required_s7_1_stop() {
      rules.finishIsStop();
    }

    @Test
    @DisplayName("7.2 the output-token limit is LENGTH")
    void required_s7_2_length() {
      rules.finishIsLength();
    }

    @Test
    @DisplayName("7.3 the provider's content filter is CONTENT_FILTER")
    void optional_s7_3_contentFilter() {
      rules.finishIsContentFilter();
    }
  }

  @Nested
  @DisplayName("8 Streaming")
  class Streaming {
    private final StreamingRules rules = new StreamingRules(kit);

    @BeforeEach
    void declared() {
      kit.assumeStreaming();
    }

    @Test
    @DisplayName(
        "8.1 text deltas arrive in the provider's order, and they join to the Completed text")
    void required_s8_1_deltasInOrderJoinToTheText() {
      rules.deltasInOrderJoinToTheText();
    }

    @Test
    @DisplayName(
        "8.2 a stream ends with exactly one Completed, carrying the finish reason and the usage")
    void required_s8_2_exactlyOneCompletedWithUsageAndFinishReason() {
      rules.exactlyOneCompletedWithUsageAndFinishReason();
    }

    @Test
    @DisplayName("8.3 close() mid-stream closes the connection, and the reader then gets CANCELLED")
    void required_s8_3_closeCancelsOnTheWire() throws Exception {
      rules.closeCancelsOnTheWire();
    }

    @Test
    @DisplayName(
        "8.4 an error inside the stream is SERVER_ERROR, with the provider's message and the partial"
            + " text")
    void required_s8_4_midStreamErrorSurfacesWithPartialText() {
      rules.midStreamErrorSurfacesWithPartialText();
    }

    @Test
    @DisplayName(
        "8.5 a stream that ends before the provider finished is STREAM_TRUNCATED with the partial"
            + " text")
    void required_s8_5_truncatedStreamIsStreamTruncated() {
      rules.truncatedStreamIsStreamTruncated();
    }

    @Test
    @DisplayName(
        "8.6 a body split into 1-byte and 7-byte chunks gives the same events as the whole")
    void required_s8_6_byteSplitBodiesGiveTheSameResult() {
      rules.byteSplitBodiesGiveTheSameResult();
    }

    @Test
    @DisplayName(
        "8.7 close() from another thread unblocks a waiting reader with CANCELLED, keeping the"
            + " partial text")
    void required_s8_7_closeFromAnotherThreadUnblocksTheReader() throws Exception {
      rules.closeFromAnotherThreadUnblocksTheReader();
    }

    @Test
    @DisplayName(
        "8.8 a body cut inside a frame is STREAM_TRUNCATED, retryable, with the text of the whole"
            + " frames")
    void required_s8_8_bodyCutMidFrameIsStreamTruncated() {
      rules.bodyCutMidFrameIsStreamTruncated();
    }
  }

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
