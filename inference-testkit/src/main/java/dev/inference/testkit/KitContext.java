package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;

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
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What one test of the {@link DriverConformanceKit} or the {@link SocketConformanceKit} works with:
 * the kit's wire (WireMock or the raw socket server, behind {@link KitWire}), the driver's factory,
 * fixture and settings, the clients the test made, and the helpers every group of rules shares
 * (profiles, clients, stubs and what the server saw).
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

  private @Nullable KitWire wire;
  private @Nullable Supplier<ProviderFactory> factories;
  private @Nullable ProviderFactory factory;
  private @Nullable KitFixture fixture;
  private @Nullable ConformanceSettings config;
  private boolean requiredRule;
  private final List<InferenceClient> clients = new ArrayList<>();

  /**
   * Starts a test.
   *
   * @param wire the kit's side of the wire, already reset
   * @param factory the factory the test's clients come from
   * @param fixture the driver's fixture, as the rules read it
   * @param config the run's settings
   * @param requiredRule whether the test's rule is required (an unrenderable scenario fails it)
   * @param factories asks the kit for the factory again, for each capability check
   */
  void begin(
      KitWire wire,
      ProviderFactory factory,
      KitFixture fixture,
      ConformanceSettings config,
      boolean requiredRule,
      Supplier<ProviderFactory> factories) {
    this.wire = wire;
    this.factory = factory;
    this.fixture = fixture;
    this.config = config;
    this.requiredRule = requiredRule;
    this.factories = factories;
  }

  /** Closes the clients the test made, then the wire. */
  void closeClients() {
    for (InferenceClient client : clients) {
      client.close();
    }
    clients.clear();
    if (wire != null) {
      wire.close();
    }
  }

  /** The kit's side of the wire: stubs, faults, what the server saw. */
  KitWire wire() {
    return Objects.requireNonNull(wire, "the kit's wire");
  }

  KitFixture fixture() {
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
    return profile(wire().endpoint(), change);
  }

  ProviderSettings profile(URI endpoint, UnaryOperator<ProviderSettings.Builder> change) {
    ProviderSettings.Builder builder =
        fixture()
            .settings(endpoint)
            .apiKey(Secret.of(API_KEY))
            .temperature(PROFILE_TEMPERATURE)
            .maxOutputTokens(PROFILE_MAX_TOKENS)
            .connectTimeout(config().requestTimeout())
            .requestTimeout(config().requestTimeout())
            // the rules check one answer each; section 14 turns retries on where it tests them
            .maxRetries(0);
    return change.apply(builder).build();
  }

  InferenceClient client() {
    return client(UnaryOperator.identity());
  }

  InferenceClient client(UnaryOperator<ProviderSettings.Builder> change) {
    return client(wire().endpoint(), change);
  }

  InferenceClient client(URI endpoint, UnaryOperator<ProviderSettings.Builder> change) {
    InferenceClient client = driver().create(profile(endpoint, change), DriverContext.defaults());
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

  /** Skips a rule that needs HTTP when the driver is tested over the raw socket transport. */
  void assumeHttp(String what) {
    Assumptions.assumeTrue(
        wire().http(),
        "the rule needs HTTP ("
            + what
            + "), and the driver is tested over the kit's raw socket transport");
  }

  /** Fails a required rule, or skips an optional one, whose scenario the fixture cannot render. */
  void unrenderable(Scenario scenario) {
    String reason = "the wire fixture cannot render " + scenario + " for this provider";
    if (requiredRule) {
      Assertions.fail(reason + ", but the rule is required");
    }
    Assumptions.abort(reason + "; the rule is optional");
  }

  /**
   * A connection that answers with the fixture's first delta and then holds the connection open: a
   * stream that never goes on, for the cancellation and stall rules.
   */
  KitWire.Held firstDeltaThenHold() throws IOException {
    return wire().hold(KitWire.Hold.FIRST_DELTA_THEN_HOLD);
  }

  void stub(Scenario scenario) {
    wire().stub(scenario);
  }

  void stubFor(String prompt, Scenario scenario) {
    wire().stubFor(prompt, scenario);
  }

  int requestsSeen() {
    return wire().requestsSeen();
  }

  JsonValue sentBody() {
    return wire().sentBody();
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
