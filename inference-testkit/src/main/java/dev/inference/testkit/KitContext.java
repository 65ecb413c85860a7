package dev.inference.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.JsonValue;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Secret;
import dev.inference.Usage;
import dev.inference.spi.DriverContext;
import dev.inference.spi.ProviderFactory;
import dev.inference.testkit.internal.RawServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What one test of the {@link DriverConformanceKit} works with: the kit's WireMock server, the
 * driver's factory, fixture and settings, the clients the test made, and the helpers every group of
 * rules shares (profiles, clients, stubs and what the server saw).
 */
final class KitContext {

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
  private @Nullable Supplier<ProviderFactory> factories;
  private @Nullable ProviderFactory factory;
  private @Nullable WireFixture fixture;
  private @Nullable ConformanceSettings config;
  private boolean requiredRule;
  private final List<InferenceClient> clients = new ArrayList<>();

  /**
   * Starts a test.
   *
   * @param server the run's WireMock server, already reset
   * @param factory the factory the test's clients come from
   * @param fixture the driver's wire fixture
   * @param config the run's settings
   * @param requiredRule whether the test's rule is required (an unrenderable scenario fails it)
   * @param factories asks the kit for the factory again, for each capability check
   */
  void begin(
      WireMockServer server,
      ProviderFactory factory,
      WireFixture fixture,
      ConformanceSettings config,
      boolean requiredRule,
      Supplier<ProviderFactory> factories) {
    this.server = server;
    this.factory = factory;
    this.fixture = fixture;
    this.config = config;
    this.requiredRule = requiredRule;
    this.factories = factories;
  }

  /** Closes the clients the test made. */
  void closeClients() {
    for (InferenceClient client : clients) {
      client.close();
    }
    clients.clear();
  }

  WireMockServer server() {
    return Objects.requireNonNull(server, "the kit's server");
  }

  WireFixture fixture() {
    return Objects.requireNonNull(fixture, "wireFixture()");
  }

  ConformanceSettings config() {
    return Objects.requireNonNull(config, "settings()");
  }

  /** The factory the kit asked for before the test; the clients come from it. */
  ProviderFactory driver() {
    return Objects.requireNonNull(factory, "factory()");
  }

  /** The driver's {@code factory()}, asked for again. */
  ProviderFactory factory() {
    return Objects.requireNonNull(factories, "factory()").get();
  }

  ProviderSettings profile(UnaryOperator<ProviderSettings.Builder> change) {
    return profile(server().port(), change);
  }

  ProviderSettings profile(int port, UnaryOperator<ProviderSettings.Builder> change) {
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

  InferenceClient client() {
    return client(UnaryOperator.identity());
  }

  InferenceClient client(UnaryOperator<ProviderSettings.Builder> change) {
    return client(server().port(), change);
  }

  InferenceClient client(int port, UnaryOperator<ProviderSettings.Builder> change) {
    InferenceClient client = driver().create(profile(port, change), DriverContext.defaults());
    clients.add(client);
    return client;
  }

  void assumeFormat(ResponseFormat.Kind kind) {
    Assumptions.assumeTrue(
        factory().capabilities().supports(kind), "the driver does not declare " + kind);
  }

  void assumeStreaming() {
    Assumptions.assumeTrue(
        factory().capabilities().streaming(), "the driver does not declare streaming");
  }

  /** The fixture's rendering, or the kit's for the scenarios it plays itself. */
  ResponseDefinitionBuilder rendered(Scenario scenario) {
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

  /**
   * A raw server that answers with the fixture's first delta and then holds the connection open: a
   * stream that never goes on, for the cancellation and stall rules.
   */
  RawServer firstDeltaThenHold() throws java.io.IOException {
    return new RawServer(
        rendered(new Scenario.Truncated(List.of("first"))).build(), RawServer.Then.HOLD);
  }

  void stub(Scenario scenario) {
    server().stubFor(fixture().chatRequest().willReturn(rendered(scenario)));
  }

  void stubFor(String prompt, Scenario scenario) {
    server()
        .stubFor(
            fixture()
                .chatRequest()
                .withRequestBody(containing(prompt))
                .willReturn(rendered(scenario)));
  }

  int bodyLength(Scenario scenario) {
    byte[] body = rendered(scenario).build().getByteBody();
    return body == null ? 0 : body.length;
  }

  int requestsSeen() {
    return server().getAllServeEvents().size();
  }

  JsonValue sentBody() {
    List<ServeEvent> events = server().getAllServeEvents();
    assertThat(events).as("requests the server saw").hasSize(1);
    String body = events.get(0).getRequest().getBodyAsString();
    try {
      return JsonValue.parse(body);
    } catch (IllegalArgumentException notJson) {
      throw new AssertionError("the request body is not JSON: " + body, notJson);
    }
  }

  /** The failures of infer() and of stream() (opening or reading) against the current stub. */
  List<InferenceException> failuresOfBothCalls() {
    return failuresOfBothCalls(client());
  }

  /** The failures of the client's infer() and stream() against the current stub. */
  List<InferenceException> failuresOfBothCalls(InferenceClient client) {
    List<InferenceException> failures = new ArrayList<>();
    failures.add(failureOf(() -> client.infer(InferenceRequest.of("hi"))));
    if (factory().capabilities().streaming()) {
      failures.add(failureOf(() -> readAll(client, InferenceRequest.of("hi"))));
    }
    return failures;
  }
}
