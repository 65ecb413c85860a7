package dev.inference.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.ProviderDescription;
import dev.inference.ResponseMode;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import dev.inference.spi.ConfigKey;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import dev.inference.spi.ProviderSettings;
import dev.inference.spi.Secret;
import dev.inference.testkit.internal.Json;
import dev.inference.testkit.internal.KitServer;
import dev.inference.testkit.internal.LogCapture;
import dev.inference.testkit.internal.RawServer;
import dev.inference.testkit.internal.RuleReporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
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
public abstract class DriverConformanceKit {

  /**
   * The API key every profile of the kit carries; no message, log line or description may show it.
   */
  static final String API_KEY = "sk-conformance-SECRET-4d1f7b29c0";

  static final double PROFILE_TEMPERATURE = 0.25;
  static final long PROFILE_MAX_TOKENS = 100;
  static final Usage USAGE = Usage.of(11, 7, 18);
  static final List<String> DELTAS = List.of("Hé", "llo, wörld", " ✓ 🌍", "!");
  static final String STREAMED_TEXT = String.join("", DELTAS);

  private @Nullable WireMockServer server;
  private @Nullable ProviderFactory factory;
  private @Nullable WireFixture fixture;
  private @Nullable ConformanceSettings config;
  private boolean requiredRule;
  private final List<InferenceClient> clients = new ArrayList<>();

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
    this.server = wireServer;
    this.factory = factory();
    this.fixture = wireFixture();
    this.config = settings();
    this.requiredRule =
        test.getTestMethod().map(method -> method.getName().startsWith("required_")).orElse(true);
  }

  /** Closes the clients the test made. */
  @AfterEach
  protected final void closeConformanceClients() {
    for (InferenceClient client : clients) {
      client.close();
    }
    clients.clear();
  }

  // ---------------------------------------------------------------- 1 Discovery

  @Nested
  @DisplayName("1 Discovery")
  class Discovery {

    @Test
    @DisplayName("1.1 the driver id is snake case and names exactly one installed driver")
    void required_s1_1_idIsSnakeCaseAndInstalledOnce() {
      String id = factory().id();
      assertThat(id).as("the id").matches("[a-z][a-z0-9_]*");
      assertThat(Inference.drivers())
          .as("the drivers ServiceLoader finds (META-INF/services and module-info provides)")
          .contains(id);
      assertThat(Inference.factory(id).id()).isEqualTo(id);
    }

    @Test
    @DisplayName("1.2 declared config keys have unique names and a description")
    void required_s1_2_configKeysAreUniqueAndDescribed() {
      Set<String> names = new HashSet<>();
      for (ConfigKey key : factory().configKeys()) {
        assertThat(names.add(key.name()))
            .as("config key '%s' is declared twice", key.name())
            .isTrue();
        assertThat(key.description()).as("the description of '%s'", key.name()).isNotBlank();
      }
    }

    @Test
    @DisplayName("1.3 a client describes the capabilities its factory declares")
    void required_s1_3_clientDeclaresTheFactorysCapabilities() {
      assertThat(client().describe().capabilities())
          .as("describe().capabilities() against factory().capabilities()")
          .isEqualTo(factory().capabilities());
    }

    @Test
    @DisplayName(
        "1.4 a response mode the driver does not declare fails with UNSUPPORTED before any request")
    void required_s1_4_undeclaredModesAreUnsupported() {
      Set<ResponseMode> missing = EnumSet.allOf(ResponseMode.class);
      missing.removeAll(factory().capabilities().responseModes());
      Assumptions.assumeFalse(
          missing.isEmpty(), "the driver declares every response mode, so none is unsupported");
      InferenceClient client = client();
      for (ResponseMode mode : missing) {
        InferenceException failure = failureOf(() -> client.infer(request(mode)));
        assertThat(failure.kind())
            .as("the kind for undeclared mode %s", mode)
            .isEqualTo(ErrorKind.UNSUPPORTED);
      }
      assertThat(requestsSeen()).as("requests the server saw").isZero();
    }
  }

  // ---------------------------------------------------------------- 2 Describe

  @Nested
  @DisplayName("2 Describe")
  class Describe {

    @Test
    @DisplayName(
        "2.1 describe() makes no network call and names the kind, provider, model and endpoint")
    void required_s2_1_describeIsLocalAndComplete() {
      ProviderSettings profile = profile(UnaryOperator.identity());
      ProviderDescription description = client().describe();
      assertThat(requestsSeen()).as("requests the server saw during describe()").isZero();
      assertThat(description.kind()).as("kind").isNotBlank();
      assertThat(description.providerName()).as("providerName").isNotBlank();
      assertThat(description.modelName()).as("modelName").isEqualTo(profile.model());
      assertThat(description.endpoint()).as("endpoint").contains("127.0.0.1:" + server().port());
    }
  }

  // ---------------------------------------------------------------- 3 Text inference

  @Nested
  @DisplayName("3 Text inference")
  class TextInference {

    @Test
    @DisplayName("3.1 the system prompt and the user prompt reach the wire as given")
    void required_s3_1_promptsReachTheWire() {
      stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.empty()));
      String system = "You are a conformance test. Answer \"ok\".";
      String user = "Say ok — ünïcödé ✓ 🌍\nsecond line";
      client().infer(InferenceRequest.builder().systemPrompt(system).userPrompt(user).build());
      JsonValue body = sentBody();
      assertThat(field(body, fixture().pointers().systemPrompt()).asString())
          .as("the system prompt at %s", fixture().pointers().systemPrompt())
          .contains(system);
      assertThat(field(body, fixture().pointers().userPrompt()).asString())
          .as("the user prompt at %s", fixture().pointers().userPrompt())
          .contains(user);
    }

    @Test
    @DisplayName(
        "3.2 the request's temperature and max output tokens reach the wire over the profile's")
    void required_s3_2_requestValuesOverrideTheProfile() {
      stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.empty()));
      client()
          .infer(
              InferenceRequest.builder()
                  .systemPrompt("s")
                  .userPrompt("u")
                  .temperature(0.7)
                  .maxOutputTokens(42)
                  .build());
      assertWireNumbers(0.7, 42);
    }

    @Test
    @DisplayName(
        "3.3 without request values, the profile's temperature and max output tokens reach the wire")
    void required_s3_3_profileDefaultsReachTheWire() {
      stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.empty()));
      client().infer(InferenceRequest.builder().systemPrompt("s").userPrompt("u").build());
      assertWireNumbers(PROFILE_TEMPERATURE, PROFILE_MAX_TOKENS);
    }

    @Test
    @DisplayName(
        "3.4 the answer's text comes back exactly, with the provider name describe() reports")
    void required_s3_4_textComesBackExactly() {
      String text = "Hé wörld ✓ 🌍 <b>&amp;</b> \"quoted\" \\ back\nline two\ttab";
      stub(new Scenario.Text(text, FinishReason.Kind.STOP, Optional.empty()));
      InferenceClient client = client();
      InferenceResponse response = client.infer(InferenceRequest.of("hi"));
      assertThat(response.text()).as("text").isEqualTo(text);
      assertThat(response.providerName())
          .as("providerName")
          .isEqualTo(client.describe().providerName());
      assertThat(response.modelName()).as("modelName").isNotBlank();
      assertThat(response.parsedJson()).as("parsedJson of a TEXT request").isEmpty();
    }
  }

  // ---------------------------------------------------------------- 4 JSON_OBJECT

  @Nested
  @DisplayName("4 JSON_OBJECT")
  class JsonObjectMode {

    @BeforeEach
    void declared() {
      assumeMode(ResponseMode.JSON_OBJECT);
    }

    @Test
    @DisplayName("4.1 a JSON_OBJECT request asks the provider for JSON")
    void required_s4_1_theRequestAsksForJson() {
      stub(new Scenario.JsonObject("{\"a\":1}"));
      client().infer(request(ResponseMode.JSON_OBJECT));
      assertMembers(
          sentBody(), fixture().responseModeMembers(ResponseMode.JSON_OBJECT, Optional.empty()));
    }

    @Test
    @DisplayName(
        "4.2 parsedJson equals the answer's object by value, and text keeps the raw answer")
    void required_s4_2_parsedJsonEqualsTheObject() {
      String raw =
          "{\"summary\": \"ok\", \"n\": 1, \"tags\": [\"x\", \"ÿ\"], \"deep\": {\"b\": true}}";
      stub(new Scenario.JsonObject(raw));
      InferenceResponse response = client().infer(request(ResponseMode.JSON_OBJECT));
      assertThat(response.parsedJson())
          .as("parsedJson")
          .contains(
              JsonValue.parse(
                  "{\"deep\":{\"b\":true},\"tags\":[\"x\",\"ÿ\"],\"n\":1.0,\"summary\":\"ok\"}"));
      assertThat(response.text()).as("text").isEqualTo(raw);
    }

    @Test
    @DisplayName("4.3 an object inside prose or a code fence still parses")
    void required_s4_3_proseAndFencesStillParse() {
      InferenceClient client = client();
      stub(new Scenario.JsonObject("Here you go:\n```json\n{\"a\": [1, 2]}\n```\nDone."));
      assertThat(client.infer(request(ResponseMode.JSON_OBJECT)).parsedJson())
          .as("parsedJson of a fenced object")
          .contains(JsonValue.parse("{\"a\":[1,2]}"));
      stub(new Scenario.JsonObject("Sure! The answer is {\"b\": \"}\"} as you asked."));
      assertThat(client.infer(request(ResponseMode.JSON_OBJECT)).parsedJson())
          .as("parsedJson of an object inside prose")
          .contains(JsonValue.parse("{\"b\":\"}\"}"));
    }

    @Test
    @DisplayName(
        "4.4 an answer with no JSON object is MALFORMED_RESPONSE, not retryable, carrying the text")
    void required_s4_4_noObjectIsMalformedWithTheText() {
      String text = "I cannot answer that in JSON. {\"half\": ";
      stub(new Scenario.JsonObject(text));
      InferenceException failure =
          failureOf(() -> client().infer(request(ResponseMode.JSON_OBJECT)));
      assertThat(failure.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(failure.isRetryable()).as("isRetryable()").isFalse();
      assertThat(failure.partialText()).as("partialText()").contains(text);
    }
  }

  // ---------------------------------------------------------------- 5 JSON_SCHEMA

  @Nested
  @DisplayName("5 JSON_SCHEMA")
  class JsonSchemaMode {

    private final JsonValue schema =
        JsonValue.parse(
            "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},"
                + "\"required\":[\"title\"],\"additionalProperties\":false}");

    @BeforeEach
    void declared() {
      assumeMode(ResponseMode.JSON_SCHEMA);
    }

    @Test
    @DisplayName("5.1 a JSON_SCHEMA request carries the schema to the provider")
    void required_s5_1_theRequestCarriesTheSchema() {
      stub(new Scenario.JsonObject("{\"title\":\"x\"}"));
      client()
          .infer(
              InferenceRequest.builder().userPrompt("title?").jsonSchema("title", schema).build());
      assertMembers(
          sentBody(), fixture().responseModeMembers(ResponseMode.JSON_SCHEMA, Optional.of(schema)));
    }

    @Test
    @DisplayName("5.2 parsedJson equals the answer's object by value")
    void required_s5_2_parsedJsonEqualsTheObject() {
      stub(new Scenario.JsonObject("{\"title\": \"Ünïcode ✓\"}"));
      InferenceResponse response =
          client()
              .infer(
                  InferenceRequest.builder()
                      .userPrompt("title?")
                      .jsonSchema("title", schema)
                      .build());
      assertThat(response.parsedJson())
          .as("parsedJson")
          .contains(JsonValue.parse("{\"title\":\"Ünïcode ✓\"}"));
    }
  }

  // ---------------------------------------------------------------- 6 Usage

  @Nested
  @DisplayName("6 Usage")
  class UsageReporting {

    @Test
    @DisplayName("6.1 usage the provider sends is reported exactly")
    void required_s6_1_sentUsageIsReported() {
      Assumptions.assumeTrue(
          factory().capabilities().usageReporting(), "the driver does not declare usage reporting");
      stub(new Scenario.Text("counted", FinishReason.Kind.STOP, Optional.of(USAGE)));
      Optional<Usage> usage = client().infer(InferenceRequest.of("hi")).usage();
      assertThat(usage).as("usage()").isPresent();
      assertSameCounts(usage.get(), USAGE);
    }

    @Test
    @DisplayName(
        "6.2 usage the provider does not send is absent, in answers and streams: never invented")
    void required_s6_2_unsentUsageIsAbsent() {
      InferenceClient client = client();
      stub(new Scenario.Text("uncounted", FinishReason.Kind.STOP, Optional.empty()));
      assertThat(client.infer(InferenceRequest.of("hi")).usage())
          .as("usage() of an answer without usage")
          .isEmpty();
      if (factory().capabilities().streaming()) {
        stub(new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()));
        assertThat(completed(readAll(client, InferenceRequest.of("hi"))).usage())
            .as("usage() of a stream without usage")
            .isEmpty();
      }
    }
  }

  // ---------------------------------------------------------------- 7 Finish reasons

  @Nested
  @DisplayName("7 Finish reasons")
  class FinishReasons {

    @Test
    @DisplayName("7.1 a natural end is STOP, with the provider's word kept as raw")
    void required_s7_1_stop() {
      assertFinish(FinishReason.Kind.STOP);
    }

    @Test
    @DisplayName("7.2 the output-token limit is LENGTH")
    void required_s7_2_length() {
      assertFinish(FinishReason.Kind.LENGTH);
    }

    @Test
    @DisplayName("7.3 the provider's content filter is CONTENT_FILTER")
    void optional_s7_3_contentFilter() {
      assertFinish(FinishReason.Kind.CONTENT_FILTER);
    }

    private void assertFinish(FinishReason.Kind kind) {
      stub(new Scenario.Text("partial answer", kind, Optional.empty()));
      Optional<FinishReason> reason = client().infer(InferenceRequest.of("hi")).finishReason();
      assertThat(reason).as("finishReason()").isPresent();
      assertThat(reason.get().kind()).as("finishReason().kind()").isEqualTo(kind);
      assertThat(reason.get().raw()).as("finishReason().raw()").isNotBlank();
    }
  }

  // ---------------------------------------------------------------- 8 Streaming

  @Nested
  @DisplayName("8 Streaming")
  class Streaming {

    private final Scenario.StreamedText answer =
        new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.of(USAGE));

    @BeforeEach
    void declared() {
      Assumptions.assumeTrue(
          factory().capabilities().streaming(), "the driver does not declare streaming");
    }

    @Test
    @DisplayName(
        "8.1 text deltas arrive in the provider's order, and they join to the Completed text")
    void required_s8_1_deltasInOrderJoinToTheText() {
      stub(answer);
      List<StreamEvent> events = readAll(client(), InferenceRequest.of("hi"));
      assertThat(textDeltas(events)).as("the text deltas").containsExactlyElementsOf(DELTAS);
      assertThat(completed(events).text())
          .as("the Completed text against the joined deltas")
          .isEqualTo(STREAMED_TEXT);
    }

    @Test
    @DisplayName(
        "8.2 a stream ends with exactly one Completed, carrying the finish reason and the usage")
    void required_s8_2_exactlyOneCompletedWithUsageAndFinishReason() {
      stub(answer);
      List<StreamEvent> events = readAll(client(), InferenceRequest.of("hi"));
      assertThat(events.stream().filter(StreamEvent.Completed.class::isInstance).count())
          .as("Completed events in %s", events)
          .isEqualTo(1);
      InferenceResponse response = completed(events);
      assertThat(response.text()).as("the Completed text").isEqualTo(STREAMED_TEXT);
      assertThat(response.finishReason().map(FinishReason::kind))
          .as("the Completed finish reason (the provider sent STOP)")
          .contains(FinishReason.Kind.STOP);
      if (factory().capabilities().usageReporting()) {
        assertThat(response.usage())
            .as("the Completed usage (the provider sent %s)", USAGE)
            .isPresent();
        assertSameCounts(response.usage().get(), USAGE);
      }
    }

    @Test
    @DisplayName("8.3 close() mid-stream closes the connection, and the reader then gets CANCELLED")
    void required_s8_3_closeCancelsOnTheWire() throws Exception {
      ResponseDefinitionBuilder firstThenNothing =
          rendered(new Scenario.Truncated(List.of("first")));
      try (RawServer raw = new RawServer(firstThenNothing.build(), RawServer.Then.HOLD)) {
        InferenceClient client = client(raw.port(), UnaryOperator.identity());
        InferenceStream stream = client.stream(InferenceRequest.of("never ends"));
        Iterator<StreamEvent> events = stream.iterator();
        assertThat(events.next())
            .as("the first event")
            .isEqualTo(new StreamEvent.TextDelta("first"));
        assertThat(raw.clientConnected()).as("the connection is open before close()").isTrue();
        stream.close();
        assertThat(raw.awaitClientGone(config().closeWait()))
            .as(
                "the server saw the connection closed within %s of close(); a stream must cancel"
                    + " its call on the wire",
                config().closeWait())
            .isTrue();
        InferenceException failure = failureOf(events::hasNext);
        assertThat(failure.kind()).as("the kind after close()").isEqualTo(ErrorKind.CANCELLED);
      }
    }

    @Test
    @DisplayName(
        "8.4 an error inside the stream is SERVER_ERROR, with the provider's message and the partial"
            + " text")
    void required_s8_4_midStreamErrorSurfacesWithPartialText() {
      stub(new Scenario.MidStreamError(List.of("par", "tial"), "the model runner crashed"));
      List<StreamEvent> seen = new ArrayList<>();
      InferenceException failure =
          failureOf(() -> readInto(client(), InferenceRequest.of("hi"), seen));
      assertThat(textDeltas(seen)).as("the deltas before the error").containsExactly("par", "tial");
      assertThat(failure.kind()).as("kind").isEqualTo(ErrorKind.SERVER_ERROR);
      assertThat(failure.isRetryable()).as("isRetryable()").isTrue();
      assertThat(failure.partialText()).as("partialText()").contains("partial");
      assertThat(failure.getMessage()).as("the message").contains("the model runner crashed");
    }

    @Test
    @DisplayName(
        "8.5 a stream that ends before the provider finished is STREAM_TRUNCATED with the partial"
            + " text")
    void required_s8_5_truncatedStreamIsStreamTruncated() {
      stub(new Scenario.Truncated(List.of("half", " way")));
      List<StreamEvent> seen = new ArrayList<>();
      InferenceException failure =
          failureOf(() -> readInto(client(), InferenceRequest.of("hi"), seen));
      assertThat(textDeltas(seen)).as("the deltas before the cut").containsExactly("half", " way");
      assertThat(failure.kind()).as("kind").isEqualTo(ErrorKind.STREAM_TRUNCATED);
      assertThat(failure.partialText()).as("partialText()").contains("half way");
    }

    @Test
    @DisplayName(
        "8.6 a body split into 1-byte and 7-byte chunks gives the same events as the whole")
    void required_s8_6_byteSplitBodiesGiveTheSameResult() {
      InferenceClient client = client();
      InferenceRequest request =
          InferenceRequest.builder().userPrompt("hi").requestId("split").build();
      stub(answer);
      List<StreamEvent> whole = readAll(client, request);
      int length = bodyLength(answer);
      for (int chunkBytes : new int[] {1, 7}) {
        int chunks = (length + chunkBytes - 1) / chunkBytes;
        server()
            .stubFor(
                fixture()
                    .chatRequest()
                    .willReturn(rendered(answer).withChunkedDribbleDelay(chunks, 150)));
        assertThat(readAll(client, request))
            .as("the events of the body in %d-byte chunks", chunkBytes)
            .isEqualTo(whole);
      }
    }
  }

  // ---------------------------------------------------------------- 9 Errors

  @Nested
  @DisplayName("9 Errors")
  class Errors {

    @Test
    @DisplayName("9.1 HTTP 401 is AUTHENTICATION, not retryable")
    void required_s9_1_unauthorized() {
      assertHttpError(
          Scenario.Problem.AUTHENTICATION, "Incorrect API key provided.", ErrorKind.AUTHENTICATION);
    }

    @Test
    @DisplayName("9.2 HTTP 403 is PERMISSION_DENIED, not retryable")
    void required_s9_2_forbidden() {
      assertHttpError(
          Scenario.Problem.PERMISSION_DENIED,
          "You are not allowed to use this project.",
          ErrorKind.PERMISSION_DENIED);
    }

    @Test
    @DisplayName("9.3 an unknown model is MODEL_NOT_FOUND, not retryable")
    void required_s9_3_modelNotFound() {
      assertHttpError(
          Scenario.Problem.MODEL_NOT_FOUND,
          "model 'no-such-model' not found",
          ErrorKind.MODEL_NOT_FOUND);
    }

    @Test
    @DisplayName("9.4 HTTP 400 is INVALID_REQUEST, not retryable")
    void required_s9_4_badRequest() {
      assertHttpError(
          Scenario.Problem.INVALID_REQUEST,
          "Invalid value for 'top_p': expected a number.",
          ErrorKind.INVALID_REQUEST);
    }

    @Test
    @DisplayName("9.5 a prompt too long for the context window is CONTEXT_LENGTH_EXCEEDED")
    void optional_s9_5_contextLength() {
      assertHttpError(
          Scenario.Problem.CONTEXT_LENGTH_EXCEEDED,
          "This model's maximum context length is 8192 tokens. However, your messages resulted in"
              + " 9000 tokens.",
          ErrorKind.CONTEXT_LENGTH_EXCEEDED);
    }

    @Test
    @DisplayName("9.6 HTTP 429 is RATE_LIMITED, retryable, with the Retry-After wait")
    void required_s9_6_rateLimitedWithRetryAfter() {
      Scenario.RateLimited limited = new Scenario.RateLimited(Duration.ofSeconds(7));
      stub(limited);
      for (InferenceException failure : failuresOfBothCalls()) {
        assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(failure.isRetryable()).as("isRetryable() of %s", failure).isTrue();
        assertThat(failure.httpStatus()).as("httpStatus()").hasValue(429);
        assertThat(failure.retryAfter()).as("retryAfter()").contains(Duration.ofSeconds(7));
      }
    }

    @Test
    @DisplayName("9.7 an exhausted quota is QUOTA_EXCEEDED, not retryable")
    void optional_s9_7_quota() {
      assertHttpError(
          Scenario.Problem.QUOTA_EXCEEDED,
          "You exceeded your current quota, please check your plan and billing details.",
          ErrorKind.QUOTA_EXCEEDED);
    }

    @Test
    @DisplayName("9.8 HTTP 500 is SERVER_ERROR, retryable")
    void required_s9_8_serverError() {
      assertHttpError(
          Scenario.Problem.SERVER_ERROR,
          "The server had an error while processing your request.",
          ErrorKind.SERVER_ERROR);
    }

    @Test
    @DisplayName("9.9 HTTP 503 is UNAVAILABLE, retryable")
    void required_s9_9_unavailable() {
      assertHttpError(
          Scenario.Problem.UNAVAILABLE,
          "The engine is currently overloaded.",
          ErrorKind.UNAVAILABLE);
    }

    @Test
    @DisplayName("9.10 a 200 body that is not JSON is MALFORMED_RESPONSE, not retryable")
    void required_s9_10_malformedBody() {
      stub(new Scenario.MalformedBody("OK then, here is no JSON"));
      InferenceException failure = failureOf(() -> client().infer(InferenceRequest.of("hi")));
      assertThat(failure.kind()).as("kind").isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(failure.isRetryable()).as("isRetryable()").isFalse();
    }

    @Test
    @DisplayName(
        "9.11 an HTML error page is SERVER_ERROR, retryable, quoting the status and the page")
    void required_s9_11_htmlErrorPage() {
      stub(new Scenario.HtmlErrorPage(502));
      for (InferenceException failure : failuresOfBothCalls()) {
        assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(failure.isRetryable()).as("isRetryable() of %s", failure).isTrue();
        assertThat(failure.httpStatus()).as("httpStatus()").hasValue(502);
        assertThat(failure.getMessage()).as("the message").contains("502").contains("Bad Gateway");
      }
    }

    @Test
    @DisplayName("9.12 a refused connection is TRANSPORT, retryable")
    void required_s9_12_connectionRefused() throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      InferenceClient client = client(port, UnaryOperator.identity());
      for (InferenceException failure :
          List.of(
              failureOf(() -> client.infer(InferenceRequest.of("hi"))),
              failureOf(() -> readAll(client, InferenceRequest.of("hi"))))) {
        assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TRANSPORT);
        assertThat(failure.isRetryable()).as("isRetryable() of %s", failure).isTrue();
      }
    }

    @Test
    @DisplayName(
        "9.13 a connection reset mid-body is TRANSPORT or STREAM_TRUNCATED, retryable, with the"
            + " partial text")
    void required_s9_13_connectionResetMidBody() throws IOException {
      ResponseDefinitionBuilder cut = rendered(new Scenario.Truncated(List.of("first")));
      try (RawServer raw = new RawServer(cut.build(), RawServer.Then.RESET)) {
        InferenceClient client = client(raw.port(), UnaryOperator.identity());
        InferenceException answer = failureOf(() -> client.infer(InferenceRequest.of("hi")));
        assertThat(answer.kind())
            .as("kind of %s", answer)
            .isIn(ErrorKind.TRANSPORT, ErrorKind.STREAM_TRUNCATED);
        assertThat(answer.isRetryable()).as("isRetryable() of %s", answer).isTrue();
        if (factory().capabilities().streaming()) {
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
      int status = rendered(error).build().getStatus();
      stub(error);
      for (InferenceException failure : failuresOfBothCalls()) {
        assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(kind);
        assertThat(failure.isRetryable())
            .as("isRetryable() of %s", failure)
            .isEqualTo(kind.isTransient());
        assertThat(failure.httpStatus()).as("httpStatus() of %s", failure).hasValue(status);
      }
    }
  }

  // ---------------------------------------------------------------- 10 Timeouts

  @Nested
  @DisplayName("10 Timeouts")
  class Timeouts {

    @Test
    @DisplayName("10.1 a connection that cannot be opened in time is TIMEOUT in phase CONNECT")
    void required_s10_1_connectTimeout() throws IOException {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      List<Socket> backlog = new ArrayList<>();
      try (ServerSocket full = new ServerSocket(0, 1, loopback)) {
        // a listener that never accepts: once its backlog is full, new connections hang
        InetSocketAddress address = new InetSocketAddress(loopback, full.getLocalPort());
        for (int i = 0; i < 16; i++) {
          Socket filler = new Socket();
          try {
            filler.connect(address, 200);
            backlog.add(filler);
          } catch (SocketTimeoutException hangs) {
            filler.close();
            break;
          }
        }
        InferenceClient client = client(full.getLocalPort(), UnaryOperator.identity());
        InferenceException failure = failureOf(() -> client.infer(InferenceRequest.of("hi")));
        assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.timeoutPhase())
            .as("timeoutPhase()")
            .contains(InferenceException.TimeoutPhase.CONNECT);
        assertThat(failure.isRetryable()).as("isRetryable()").isTrue();
      } finally {
        for (Socket socket : backlog) {
          socket.close();
        }
      }
    }

    @Test
    @DisplayName(
        "10.2 a provider that sends headers but no first event is TIMEOUT in phase FIRST_EVENT")
    void optional_s10_2_firstEventTimeout() throws Exception {
      Assumptions.assumeTrue(
          config().firstEventTimeout(),
          "the settings say the driver has no first-event timeout"
              + " (ConformanceSettings.builder().firstEventTimeout(false))");
      Assumptions.assumeTrue(
          factory().capabilities().streaming(), "the driver does not declare streaming");
      ResponseDefinitionBuilder headersOnly =
          rendered(new Scenario.Truncated(List.of("x"))).withBody(new byte[0]);
      try (RawServer raw = new RawServer(headersOnly.build(), RawServer.Then.HOLD)) {
        InferenceClient client =
            client(raw.port(), builder -> builder.firstEventTimeout(config().shortTimeout()));
        InferenceException failure = failureOf(() -> readAll(client, InferenceRequest.of("hi")));
        assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.timeoutPhase())
            .as("timeoutPhase()")
            .contains(InferenceException.TimeoutPhase.FIRST_EVENT);
      }
    }

    @Test
    @DisplayName("10.3 a stream that goes quiet between events is TIMEOUT in phase IDLE")
    void optional_s10_3_idleTimeout() throws Exception {
      Assumptions.assumeTrue(
          config().idleTimeout(),
          "the settings say the driver has no idle timeout"
              + " (ConformanceSettings.builder().idleTimeout(false))");
      Assumptions.assumeTrue(
          factory().capabilities().streaming(), "the driver does not declare streaming");
      ResponseDefinitionBuilder firstThenNothing =
          rendered(new Scenario.Truncated(List.of("first")));
      try (RawServer raw = new RawServer(firstThenNothing.build(), RawServer.Then.HOLD)) {
        InferenceClient client =
            client(raw.port(), builder -> builder.idleTimeout(config().shortTimeout()));
        InferenceException failure = failureOf(() -> readAll(client, InferenceRequest.of("hi")));
        assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.timeoutPhase())
            .as("timeoutPhase()")
            .contains(InferenceException.TimeoutPhase.IDLE);
        assertThat(failure.partialText()).as("partialText()").contains("first");
      }
    }

    @Test
    @DisplayName(
        "10.4 a provider that stalls before answering is TIMEOUT in phase TOTAL, in infer() and"
            + " stream()")
    void required_s10_4_totalTimeoutBeforeTheAnswer() {
      Duration timeout = config().shortTimeout();
      InferenceClient client = client(builder -> builder.requestTimeout(timeout));
      stub(
          new Scenario.Stall(
              new Scenario.Text("late", FinishReason.Kind.STOP, Optional.empty()),
              Scenario.Stall.Where.BEFORE_HEADERS,
              timeout.multipliedBy(3)));
      List<InferenceException> failures = new ArrayList<>();
      failures.add(failureOf(() -> client.infer(InferenceRequest.of("hi"))));
      if (factory().capabilities().streaming()) {
        stub(
            new Scenario.Stall(
                new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()),
                Scenario.Stall.Where.BEFORE_HEADERS,
                timeout.multipliedBy(3)));
        failures.add(failureOf(() -> readAll(client, InferenceRequest.of("hi"))));
      }
      for (InferenceException failure : failures) {
        assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.timeoutPhase())
            .as("timeoutPhase()")
            .contains(InferenceException.TimeoutPhase.TOTAL);
        assertThat(failure.isRetryable()).as("isRetryable()").isTrue();
      }
    }

    @Test
    @DisplayName(
        "10.5 a stream that stalls mid-body is TIMEOUT in phase TOTAL, keeping the partial text")
    void required_s10_5_totalTimeoutMidStream() {
      Assumptions.assumeTrue(
          factory().capabilities().streaming(), "the driver does not declare streaming");
      Duration timeout = config().shortTimeout();
      InferenceClient client = client(builder -> builder.requestTimeout(timeout));
      stub(
          new Scenario.Stall(
              new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()),
              Scenario.Stall.Where.MID_BODY,
              timeout.multipliedBy(3)));
      InferenceException failure = failureOf(() -> readAll(client, InferenceRequest.of("hi")));
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase())
          .as("timeoutPhase()")
          .contains(InferenceException.TimeoutPhase.TOTAL);
      assertThat(STREAMED_TEXT)
          .as("the partial text is what was delivered, a start of the answer")
          .startsWith(failure.partialText().orElse(""));
    }
  }

  // ---------------------------------------------------------------- 11 Secrets

  @Nested
  @DisplayName("11 Secrets")
  class Secrets {

    @Test
    @DisplayName(
        "11.1 no failure's message, toString or partial text shows the key, even when the provider"
            + " echoes it")
    void required_s11_1_noKeyInFailures() {
      List<InferenceException> failures = new ArrayList<>();
      stub(
          new Scenario.HttpError(
              Scenario.Problem.AUTHENTICATION, "Incorrect API key provided: " + API_KEY + "."));
      failures.addAll(failuresOfBothCalls());
      stub(
          new Scenario.HttpError(
              Scenario.Problem.INVALID_REQUEST, "bad request from key " + API_KEY));
      failures.addAll(failuresOfBothCalls());
      if (factory().capabilities().streaming()) {
        stub(new Scenario.MidStreamError(List.of("par"), "key " + API_KEY + " was revoked"));
        failures.add(failureOf(() -> readAll(client(), InferenceRequest.of("hi"))));
      }
      for (InferenceException failure : failures) {
        assertThat(everythingShownBy(failure))
            .as("what %s shows", failure.kind())
            .doesNotContain(API_KEY);
      }
    }

    @Test
    @DisplayName("11.2 no log line shows the key, at any level")
    void required_s11_2_noKeyInLogs() {
      List<String> lines;
      try (LogCapture logs = new LogCapture()) {
        InferenceClient client = client();
        stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.of(USAGE)));
        client.infer(InferenceRequest.of("hi"));
        if (factory().capabilities().streaming()) {
          stub(new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.of(USAGE)));
          readAll(client, InferenceRequest.of("hi"));
        }
        stub(
            new Scenario.HttpError(
                Scenario.Problem.AUTHENTICATION, "Incorrect API key " + API_KEY));
        failuresOfBothCalls();
        lines = logs.lines();
      }
      assertThat(String.join("\n", lines))
          .as("the %d log lines", lines.size())
          .doesNotContain(API_KEY);
    }

    @Test
    @DisplayName(
        "11.3 describe(), the client's toString() and the profile's toString() hide the key")
    void required_s11_3_noKeyInDescriptions() {
      InferenceClient client = client();
      assertThat(client.describe().toString()).as("describe()").doesNotContain(API_KEY);
      assertThat(client.toString()).as("the client's toString()").doesNotContain(API_KEY);
      assertThat(profile(UnaryOperator.identity()).toString())
          .as("the profile's toString()")
          .doesNotContain(API_KEY);
    }
  }

  // ---------------------------------------------------------------- 12 Concurrency

  @Nested
  @DisplayName("12 Concurrency")
  class Concurrency {

    @Test
    @DisplayName("12.1 parallel calls on one client each get their own answer")
    void required_s12_1_parallelCallsGetTheirOwnAnswers() throws Exception {
      int calls = config().parallelCalls();
      for (int i = 0; i < calls; i++) {
        stubFor(
            "conformance-call-" + i,
            new Scenario.Text("answer-" + i, FinishReason.Kind.STOP, Optional.empty()));
      }
      InferenceClient client = client();
      List<String> answers =
          inParallel(calls, i -> client.infer(InferenceRequest.of("conformance-call-" + i)).text());
      for (int i = 0; i < calls; i++) {
        assertThat(answers.get(i)).as("the answer to call %d", i).isEqualTo("answer-" + i);
      }
    }

    @Test
    @DisplayName("12.2 parallel streams on one client each get their own answer")
    void required_s12_2_parallelStreamsGetTheirOwnAnswers() throws Exception {
      Assumptions.assumeTrue(
          factory().capabilities().streaming(), "the driver does not declare streaming");
      int calls = config().parallelCalls();
      for (int i = 0; i < calls; i++) {
        stubFor(
            "conformance-stream-" + i,
            new Scenario.StreamedText(
                List.of("answer", "-", Integer.toString(i)),
                FinishReason.Kind.STOP,
                Optional.empty()));
      }
      InferenceClient client = client();
      List<String> answers =
          inParallel(
              calls,
              i ->
                  completed(readAll(client, InferenceRequest.of("conformance-stream-" + i)))
                      .text());
      for (int i = 0; i < calls; i++) {
        assertThat(answers.get(i)).as("the answer to stream %d", i).isEqualTo("answer-" + i);
      }
    }
  }

  // ---------------------------------------------------------------- 13 Request ids

  @Nested
  @DisplayName("13 Request ids")
  class RequestIds {

    @Test
    @DisplayName("13.1 a response carries its request's id, given or generated")
    void required_s13_1_responsesCarryTheRequestId() {
      InferenceClient client = client();
      stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.empty()));
      InferenceRequest given =
          InferenceRequest.builder().userPrompt("hi").requestId("conformance-rid-1").build();
      assertThat(client.infer(given).requestId())
          .as("the id of a request that set one")
          .isEqualTo("conformance-rid-1");
      InferenceRequest generated = InferenceRequest.of("hi");
      assertThat(client.infer(generated).requestId())
          .as("the id of a request that set none")
          .isEqualTo(generated.requestId());
      if (factory().capabilities().streaming()) {
        stub(new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()));
        InferenceRequest streamed =
            InferenceRequest.builder().userPrompt("hi").requestId("conformance-rid-2").build();
        assertThat(completed(readAll(client, streamed)).requestId())
            .as("the id of a streamed response")
            .isEqualTo("conformance-rid-2");
      }
    }

    @Test
    @DisplayName("13.2 a failure carries its request's id and the provider name")
    void required_s13_2_failuresCarryTheRequestIdAndProvider() {
      InferenceClient client = client();
      stub(new Scenario.HttpError(Scenario.Problem.SERVER_ERROR, "The server had an error."));
      InferenceRequest request =
          InferenceRequest.builder().userPrompt("hi").requestId("conformance-rid-3").build();
      List<InferenceException> failures = new ArrayList<>();
      failures.add(failureOf(() -> client.infer(request)));
      failures.add(failureOf(() -> readAll(client, request)));
      for (InferenceException failure : failures) {
        assertThat(failure.requestId())
            .as("requestId() of %s", failure)
            .contains("conformance-rid-3");
        assertThat(failure.providerName())
            .as("providerName() of %s", failure)
            .contains(client.describe().providerName());
      }
    }
  }

  /** 14: retries, Retry-After and the circuit breaker, as the HTTP kit provides them. */
  @Nested
  @DisplayName("14 Resilience")
  class Resilience {

    /** Serves {@code first} to the first call and {@code then} to every later one. */
    private void stubSequence(Scenario first, Scenario then) {
      server()
          .stubFor(
              fixture()
                  .chatRequest()
                  .inScenario("sequence")
                  .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                  .willReturn(rendered(first))
                  .willSetStateTo("answered"));
      server()
          .stubFor(
              fixture()
                  .chatRequest()
                  .inScenario("sequence")
                  .whenScenarioStateIs("answered")
                  .willReturn(rendered(then)));
    }

    private InferenceClient retrying() {
      return client(
          builder ->
              builder
                  .maxRetries(2)
                  .retryInitialBackoff(Duration.ofMillis(1))
                  .retryMaxBackoff(Duration.ofSeconds(2)));
    }

    @Test
    @DisplayName("14.1 a transient failure followed by an answer is retried and succeeds")
    void required_s14_1_transientFailuresAreRetried() {
      stubSequence(
          new Scenario.HttpError(Scenario.Problem.UNAVAILABLE, "overloaded"),
          new Scenario.Text("recovered", FinishReason.Kind.STOP, Optional.empty()));
      assertThat(retrying().infer(InferenceRequest.of("hi")).text())
          .as("text after a retried 503")
          .isEqualTo("recovered");
      assertThat(requestsSeen()).as("requests the provider saw").isEqualTo(2);
    }

    @Test
    @DisplayName("14.2 a 429 is retried no sooner than its Retry-After")
    void required_s14_2_retryAfterIsHonoured() {
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
      assertThat(requestsSeen()).as("requests the provider saw").isEqualTo(2);
    }

    @Test
    @DisplayName("14.3 request errors, authentication errors and malformed bodies are sent once")
    void required_s14_3_permanentFailuresAreNotRetried() {
      for (Scenario failure :
          List.of(
              new Scenario.HttpError(Scenario.Problem.INVALID_REQUEST, "bad request"),
              new Scenario.HttpError(Scenario.Problem.AUTHENTICATION, "bad key"),
              new Scenario.MalformedBody("no JSON here"))) {
        server().resetAll();
        stub(failure);
        failureOf(() -> retrying().infer(InferenceRequest.of("hi")));
        assertThat(requestsSeen()).as("requests the provider saw for %s", failure).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("14.4 a stream is retried when it fails before its first event, never after it")
    void required_s14_4_streamsAreRetriedOnlyBeforeTheirFirstEvent() {
      Assumptions.assumeTrue(
          factory().capabilities().streaming(), "the driver does not declare streaming");
      stubSequence(
          new Scenario.HttpError(Scenario.Problem.SERVER_ERROR, "warming up"),
          new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()));
      assertThat(String.join("", textDeltas(readAll(retrying(), InferenceRequest.of("hi")))))
          .as("text of the retried stream")
          .isEqualTo(String.join("", DELTAS));
      assertThat(requestsSeen()).as("requests for a stream that failed first").isEqualTo(2);

      server().resetAll();
      stub(new Scenario.MidStreamError(List.of("seen"), "the model runner crashed"));
      InferenceException failure = failureOf(() -> readAll(retrying(), InferenceRequest.of("hi")));
      assertThat(failure.partialText()).as("partialText()").contains("seen");
      assertThat(requestsSeen()).as("requests for a stream that failed mid-way").isEqualTo(1);
    }

    @Test
    @DisplayName(
        "14.5 a storm of provider failures opens the circuit breaker, which then fails fast")
    void required_s14_5_theCircuitBreakerOpens() {
      stub(new Scenario.HttpError(Scenario.Problem.UNAVAILABLE, "overloaded"));
      InferenceClient client =
          client(
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
      assertThat(requestsSeen()).as("requests the provider saw").isEqualTo(4);
    }

    @Test
    @DisplayName(
        "14.6 an empty response, a malformed chunk and random bytes are TRANSPORT failures,"
            + " retried, and nothing hangs")
    void required_s14_6_brokenConnectionsAreRetriedTransportFailures() {
      for (com.github.tomakehurst.wiremock.http.Fault fault :
          List.of(
              com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE,
              com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK,
              com.github.tomakehurst.wiremock.http.Fault.RANDOM_DATA_THEN_CLOSE,
              com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)) {
        server().resetAll();
        server().stubFor(fixture().chatRequest().willReturn(aResponse().withFault(fault)));
        InferenceException failure = failureOf(() -> retrying().infer(InferenceRequest.of("hi")));
        assertThat(failure.kind())
            .as("kind after %s: %s", fault, failure)
            .isEqualTo(ErrorKind.TRANSPORT);
        assertThat(failure.isRetryable()).as("isRetryable() after %s", fault).isTrue();
        assertThat(requestsSeen()).as("requests the provider saw for %s", fault).isEqualTo(3);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private WireMockServer server() {
    return java.util.Objects.requireNonNull(server, "the kit's server");
  }

  private WireFixture fixture() {
    return java.util.Objects.requireNonNull(fixture, "wireFixture()");
  }

  private ConformanceSettings config() {
    return java.util.Objects.requireNonNull(config, "settings()");
  }

  private ProviderFactory driver() {
    return java.util.Objects.requireNonNull(factory, "factory()");
  }

  private ProviderSettings profile(UnaryOperator<ProviderSettings.Builder> change) {
    return profile(server().port(), change);
  }

  private ProviderSettings profile(int port, UnaryOperator<ProviderSettings.Builder> change) {
    ProviderSettings.Builder builder =
        fixture()
            .settings(URI.create("http://127.0.0.1:" + port + "/"))
            .apiKey(Secret.of(API_KEY))
            .temperature(PROFILE_TEMPERATURE)
            .maxOutputTokens(PROFILE_MAX_TOKENS)
            .connectTimeout(config().connectTimeout())
            .requestTimeout(config().requestTimeout())
            // the rules check one answer each; section 14 turns retries on where it tests them
            .maxRetries(0);
    return change.apply(builder).build();
  }

  private InferenceClient client() {
    return client(UnaryOperator.identity());
  }

  private InferenceClient client(UnaryOperator<ProviderSettings.Builder> change) {
    return client(server().port(), change);
  }

  private InferenceClient client(int port, UnaryOperator<ProviderSettings.Builder> change) {
    InferenceClient client = driver().create(profile(port, change), DriverContext.defaults());
    clients.add(client);
    return client;
  }

  private static InferenceRequest request(ResponseMode mode) {
    InferenceRequest.Builder builder = InferenceRequest.builder().userPrompt("Reply in JSON.");
    if (mode == ResponseMode.JSON_SCHEMA) {
      return builder.jsonSchema("any", JsonValue.parse("{\"type\":\"object\"}")).build();
    }
    return builder.responseMode(mode).build();
  }

  private void assumeMode(ResponseMode mode) {
    Assumptions.assumeTrue(
        factory().capabilities().supports(mode), "the driver does not declare " + mode);
  }

  /** The fixture's rendering, or the kit's for the scenarios it plays itself. */
  private ResponseDefinitionBuilder rendered(Scenario scenario) {
    if (scenario instanceof Scenario.Stall stall) {
      ResponseDefinitionBuilder answer = rendered(stall.answer());
      int millis = Math.toIntExact(stall.stall().toMillis());
      return stall.where() == Scenario.Stall.Where.BEFORE_HEADERS
          ? answer.withFixedDelay(millis)
          : answer.withChunkedDribbleDelay(2, 2 * millis);
    }
    if (scenario instanceof Scenario.MalformedBody malformed) {
      return aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(malformed.body());
    }
    if (scenario instanceof Scenario.HtmlErrorPage page) {
      return aResponse()
          .withStatus(page.status())
          .withHeader("Content-Type", "text/html")
          .withBody(
              "<html>\r\n<head><title>"
                  + page.status()
                  + " Bad Gateway</title></head>\r\n<body>\r\n<center><h1>"
                  + page.status()
                  + " Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }
    Optional<ResponseDefinitionBuilder> response = fixture().render(scenario);
    if (response.isEmpty()) {
      String reason = "the wire fixture cannot render " + scenario + " for this provider";
      if (requiredRule) {
        Assertions.fail(reason + ", but the rule is required");
      }
      Assumptions.abort(reason + "; the rule is optional");
    }
    return response.get();
  }

  private void stub(Scenario scenario) {
    server().stubFor(fixture().chatRequest().willReturn(rendered(scenario)));
  }

  private void stubFor(String prompt, Scenario scenario) {
    server()
        .stubFor(
            fixture()
                .chatRequest()
                .withRequestBody(containing(prompt))
                .willReturn(rendered(scenario)));
  }

  private int bodyLength(Scenario scenario) {
    byte[] body = rendered(scenario).build().getByteBody();
    return body == null ? 0 : body.length;
  }

  private int requestsSeen() {
    return server().getAllServeEvents().size();
  }

  private JsonValue sentBody() {
    List<ServeEvent> events = server().getAllServeEvents();
    assertThat(events).as("requests the server saw").hasSize(1);
    String body = events.get(0).getRequest().getBodyAsString();
    try {
      return JsonValue.parse(body);
    } catch (IllegalArgumentException notJson) {
      throw new AssertionError("the request body is not JSON: " + body, notJson);
    }
  }

  private static JsonValue field(JsonValue body, String pointer) {
    return Json.at(body, pointer)
        .orElseThrow(
            () ->
                new AssertionError(
                    "the request body has nothing at " + pointer + ": " + body.toJson()));
  }

  private void assertWireNumbers(double temperature, long maxTokens) {
    JsonValue body = sentBody();
    String temperaturePointer = fixture().pointers().temperature();
    String tokensPointer = fixture().pointers().maxOutputTokens();
    JsonValue sentTemperature = field(body, temperaturePointer);
    JsonValue sentTokens = field(body, tokensPointer);
    assertThat(sentTemperature)
        .as("the temperature at %s", temperaturePointer)
        .isInstanceOf(JsonValue.NumberValue.class);
    assertThat(((JsonValue.NumberValue) sentTemperature).doubleValue())
        .as("the temperature at %s", temperaturePointer)
        .isEqualTo(temperature);
    assertThat(sentTokens)
        .as("the token limit at %s", tokensPointer)
        .isInstanceOf(JsonValue.NumberValue.class);
    assertThat(((JsonValue.NumberValue) sentTokens).longValue())
        .as("the token limit at %s", tokensPointer)
        .isEqualTo(maxTokens);
  }

  private static void assertMembers(JsonValue body, Map<String, JsonValue> members) {
    assertThat(members).as("the fixture's response-mode members").isNotEmpty();
    members.forEach(
        (pointer, expected) ->
            assertThat(Json.at(body, pointer))
                .as("the request body at %s (%s)", pointer, body.toJson())
                .contains(expected));
  }

  private static void assertSameCounts(Usage actual, Usage expected) {
    assertThat(actual.promptTokens()).as("promptTokens").isEqualTo(expected.promptTokens());
    assertThat(actual.completionTokens())
        .as("completionTokens")
        .isEqualTo(expected.completionTokens());
    assertThat(actual.totalTokens()).as("totalTokens").isEqualTo(expected.totalTokens());
  }

  /** The failures of infer() and of stream() (opening or reading) against the current stub. */
  private List<InferenceException> failuresOfBothCalls() {
    InferenceClient client = client();
    List<InferenceException> failures = new ArrayList<>();
    failures.add(failureOf(() -> client.infer(InferenceRequest.of("hi"))));
    if (factory().capabilities().streaming()) {
      failures.add(failureOf(() -> readAll(client, InferenceRequest.of("hi"))));
    }
    return failures;
  }

  private static List<StreamEvent> readAll(InferenceClient client, InferenceRequest request) {
    List<StreamEvent> events = new ArrayList<>();
    readInto(client, request, events);
    return events;
  }

  private static void readInto(
      InferenceClient client, InferenceRequest request, List<StreamEvent> events) {
    try (InferenceStream stream = client.stream(request)) {
      for (StreamEvent event : stream) {
        events.add(event);
      }
    }
  }

  private static List<String> textDeltas(List<StreamEvent> events) {
    List<String> texts = new ArrayList<>();
    for (StreamEvent event : events) {
      if (event instanceof StreamEvent.TextDelta delta) {
        texts.add(delta.text());
      }
    }
    return texts;
  }

  private static InferenceResponse completed(List<StreamEvent> events) {
    assertThat(events).as("the stream's events").isNotEmpty();
    StreamEvent last = events.get(events.size() - 1);
    assertThat(last).as("the last event of %s", events).isInstanceOf(StreamEvent.Completed.class);
    return ((StreamEvent.Completed) last).response();
  }

  private static String everythingShownBy(Throwable failure) {
    StringBuilder shown = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      shown.append(t).append('\n').append(t.getMessage()).append('\n');
      if (t instanceof InferenceException inference) {
        inference.partialText().ifPresent(text -> shown.append(text).append('\n'));
        inference.providerCode().ifPresent(code -> shown.append(code).append('\n'));
      }
      for (Throwable suppressed : t.getSuppressed()) {
        shown.append(suppressed).append('\n');
      }
    }
    return shown.toString();
  }

  /** A call that must fail. */
  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }

  private static InferenceException failureOf(Call call) {
    try {
      call.run();
    } catch (InferenceException expected) {
      return expected;
    } catch (Exception other) {
      throw new AssertionError(
          "expected an InferenceException, but the call threw " + other, other);
    }
    throw new AssertionError("expected an InferenceException, but the call succeeded");
  }

  private static <T> List<T> inParallel(int calls, java.util.function.IntFunction<T> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        int index = i;
        futures.add(pool.submit((Callable<T>) () -> call.apply(index)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get(30, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException failed) {
          throw new AssertionError(
              "a parallel call failed: " + failed.getCause(), failed.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
