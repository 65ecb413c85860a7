package dev.inference.bus;

import dev.inference.JsonValue;
import dev.inference.runtime.Check;
import dev.inference.runtime.EnsureModelOptions;
import dev.inference.runtime.EnsureModelResult;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.runtime.VerifyResult;
import dev.inference.spi.SecretResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The built-in cases of {@link BusHandler#selfTest()}: requests against a fake node {@code
 * selftest-node} of provider {@code selftest} with one model, and a secret resolver that knows one
 * reference; each case names the request and the error class it must get (none for a success).
 */
final class SelfTest {

  private static final String PROVIDER = "selftest";
  private static final String NODE = "selftest-node";
  private static final String SECRET = "self-test-secret-value";
  private static final String KNOWN_REFERENCE = "secret://deployment/selftest-token";

  private record Case(
      String label, String event, String payload, Optional<BusErrorClass> expected) {}

  private SelfTest() {}

  static List<String> run() {
    BusHandler handler =
        new BusHandler(
            id ->
                id.equals(NODE)
                    ? Optional.of(new NodeResolver.Node(PROVIDER, new FakeRuntime()))
                    : Optional.empty(),
            new Secrets(),
            Set.of(PROVIDER));
    return run(handler::handlePayload, handler::handle);
  }

  /**
   * Runs the cases against a handler's two entry points.
   *
   * @param payloads answers an event name and payload ({@link BusHandler#handlePayload})
   * @param envelopes answers an envelope ({@link BusHandler#handle})
   * @return one line per case that failed
   */
  static List<String> run(
      BiFunction<String, JsonValue, JsonValue> payloads, Function<JsonValue, JsonValue> envelopes) {
    List<String> failures = new ArrayList<>();
    for (Case test : cases()) {
      JsonValue response = payloads.apply(test.event(), JsonValue.parse(test.payload()));
      Optional<String> errorClass = response.get("error_class").flatMap(JsonValue::asString);
      boolean ok = response.get("ok").equals(Optional.of(JsonValue.of(test.expected().isEmpty())));
      if (!ok || !errorClass.equals(test.expected().map(BusErrorClass::wireName))) {
        failures.add(
            test.label()
                + ": expected "
                + test.expected().map(BusErrorClass::wireName).orElse("ok")
                + ", got "
                + response.toJson());
      }
      if (response.toJson().contains(SECRET)) {
        failures.add(test.label() + ": the response repeats a secret value");
      }
    }
    JsonValue envelope =
        envelopes.apply(
            JsonValue.parse(
                "{\"name\":\"bus.inference.status.request\",\"correlation_id\":\"c-1\"}"));
    if (!envelope.get("correlation_id").equals(Optional.of(JsonValue.of("c-1")))
        || !envelope
            .get("payload")
            .flatMap(p -> p.get("error_class"))
            .equals(Optional.of(JsonValue.of("bad_request")))) {
      failures.add(
          "envelope without payload: expected bad_request with correlation_id c-1, got "
              + envelope.toJson());
    }
    return failures;
  }

  private static List<Case> cases() {
    String status = "bus.inference.status.request";
    String verify = "bus.inference.verify.request";
    String ensure = "bus.inference.model.ensure.request";
    String install = "bus.inference.install.request";
    String base = "\"provider\":\"" + PROVIDER + "\",\"node_id\":\"" + NODE + "\"";
    Optional<BusErrorClass> ok = Optional.empty();
    Optional<BusErrorClass> bad = Optional.of(BusErrorClass.BAD_REQUEST);
    return List.of(
        new Case("valid status", status, "{" + base + "}", ok),
        new Case("valid verify", verify, "{" + base + ",\"checks\":[\"runtime-ready\"]}", ok),
        new Case("dry-run ensure", ensure, "{" + base + ",\"model\":\"m\"}", ok),
        new Case(
            "dry-run install",
            install,
            "{" + base + ",\"credentials\":{\"api_token_secret\":\"" + KNOWN_REFERENCE + "\"}}",
            ok),
        new Case(
            "bad node id",
            status,
            "{\"provider\":\"" + PROVIDER + "\",\"node_id\":\"gpu 1\"}",
            bad),
        new Case("missing node id", status, "{\"provider\":\"" + PROVIDER + "\"}", bad),
        new Case(
            "unknown provider",
            status,
            "{\"provider\":\"nope\",\"node_id\":\"" + NODE + "\"}",
            bad),
        new Case(
            "node not found",
            status,
            "{\"provider\":\"" + PROVIDER + "\",\"node_id\":\"elsewhere\"}",
            Optional.of(BusErrorClass.NOT_FOUND)),
        new Case("unknown key", status, "{" + base + ",\"extra\":1}", bad),
        new Case("unknown runtime key", install, "{" + base + ",\"runtime\":{\"port\":1}}", bad),
        new Case(
            "unknown credentials key",
            install,
            "{" + base + ",\"credentials\":{\"password\":\"" + KNOWN_REFERENCE + "\"}}",
            bad),
        new Case(
            "unknown policy key",
            ensure,
            "{" + base + ",\"model\":\"m\",\"policy\":{\"x\":true}}",
            bad),
        new Case(
            "inline secret",
            install,
            "{" + base + ",\"credentials\":{\"api_token_secret\":\"" + SECRET + "\"}}",
            bad),
        new Case(
            "unknown secret",
            install,
            "{" + base + ",\"credentials\":{\"api_token_secret\":\"secret://deployment/missing\"}}",
            Optional.of(BusErrorClass.NOT_FOUND)),
        new Case(
            "confirm without dry run",
            ensure,
            "{" + base + ",\"model\":\"m\",\"dry_run\":false}",
            bad),
        new Case(
            "prod without confirm",
            ensure,
            "{"
                + base
                + ",\"model\":\"m\",\"dry_run\":false,\"runtime\":{\"environment\":\"prod\"}}",
            Optional.of(BusErrorClass.POLICY_DENIED)),
        new Case("unknown check", verify, "{" + base + ",\"checks\":[\"disk-free\"]}", bad),
        new Case("wrong type", ensure, "{" + base + ",\"model\":\"m\",\"dry_run\":\"no\"}", bad),
        new Case("model left out", ensure, "{" + base + "}", bad),
        new Case(
            "confirmed install",
            install,
            "{" + base + ",\"dry_run\":false,\"confirm\":true}",
            Optional.of(BusErrorClass.UNSUPPORTED)),
        new Case("unknown event", "bus.inference.reboot.request", "{" + base + "}", bad));
  }

  /** Knows one reference, whose value the responses must never repeat. */
  private static final class Secrets implements SecretResolver {
    @Override
    public String scheme() {
      return "deployment";
    }

    @Override
    public String resolve(String reference) {
      if (reference.equals(KNOWN_REFERENCE)) {
        return SECRET;
      }
      throw new IllegalArgumentException("no such secret");
    }
  }

  /** A ready runtime with model {@code m}. */
  private static final class FakeRuntime implements RuntimeOperations {
    private static final RuntimeStatus READY =
        RuntimeStatus.ready(
            "1",
            List.of(new RuntimeStatus.ModelInfo("m:latest", OptionalLong.of(1), Optional.empty())));

    @Override
    public RuntimeStatus status() {
      return READY;
    }

    @Override
    public VerifyResult verify(Set<Check> checks) {
      List<VerifyResult.Outcome> outcomes = new ArrayList<>();
      for (Check check : Check.values()) {
        if (checks.isEmpty() || checks.contains(check)) {
          outcomes.add(new VerifyResult.Outcome(check, true, "fine"));
        }
      }
      return new VerifyResult(outcomes);
    }

    @Override
    public EnsureModelResult ensureModel(String model, EnsureModelOptions options) {
      return new EnsureModelResult(
          true, options.dryRun(), List.of("ensure-model " + model), List.of(), Optional.empty());
    }

    @Override
    public RuntimeStatus awaitReady(Duration timeout) {
      return READY;
    }
  }
}
