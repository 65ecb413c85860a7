package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.assertSameCounts;
import static dev.inference.testkit.KitCalls.completed;
import static dev.inference.testkit.KitCalls.readAll;
import static dev.inference.testkit.KitContext.DELTAS;
import static dev.inference.testkit.KitContext.PROFILE_MAX_TOKENS;
import static dev.inference.testkit.KitContext.PROFILE_TEMPERATURE;
import static dev.inference.testkit.KitContext.USAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Usage;
import dev.inference.testkit.internal.Json;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The rules of sections 3 (text inference), 6 (usage) and 7 (finish reasons): what a plain answer
 * sends and brings back.
 */
final class TextRules {

  private final KitContext kit;

  TextRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 3.1. */
  void promptsReachTheWire() {
    kit.stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.empty()));
    String system = "You are a conformance test. Answer \"ok\".";
    String user = "Say ok — ünïcödé ✓ 🌍\nsecond line";
    kit.client().infer(InferenceRequest.builder().systemPrompt(system).userPrompt(user).build());
    JsonValue body = kit.sentBody();
    assertThat(field(body, kit.fixture().pointers().systemPrompt()).asString())
        .as("the system prompt at %s", kit.fixture().pointers().systemPrompt())
        .contains(system);
    assertThat(field(body, kit.fixture().pointers().userPrompt()).asString())
        .as("the user prompt at %s", kit.fixture().pointers().userPrompt())
        .contains(user);
  }

  /** Rule 3.2. */
  void requestValuesOverrideTheProfile() {
    kit.stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.empty()));
    kit.client()
        .infer(
            InferenceRequest.builder()
                .systemPrompt("s")
                .userPrompt("u")
                .temperature(0.7)
                .maxOutputTokens(42)
                .build());
    assertWireNumbers(0.7, 42);
  }

  /** Rule 3.3. */
  void profileDefaultsReachTheWire() {
    kit.stub(new Scenario.Text("ok", FinishReason.Kind.STOP, Optional.empty()));
    kit.client().infer(InferenceRequest.builder().systemPrompt("s").userPrompt("u").build());
    assertWireNumbers(PROFILE_TEMPERATURE, PROFILE_MAX_TOKENS);
  }

  /** Rule 3.4. */
  void textComesBackExactly() {
    String text = "Hé wörld ✓ 🌍 <b>&amp;</b> \"quoted\" \\ back\nline two\ttab";
    kit.stub(new Scenario.Text(text, FinishReason.Kind.STOP, Optional.empty()));
    InferenceClient client = kit.client();
    InferenceResponse response = client.infer(InferenceRequest.of("hi"));
    assertThat(response.text()).as("text").isEqualTo(text);
    assertThat(response.providerName())
        .as("providerName")
        .isEqualTo(client.describe().providerName());
    assertThat(response.modelName()).as("modelName").isNotBlank();
    assertThat(response.parsedJson()).as("parsedJson of a TEXT request").isEmpty();
  }

  /** Rule 6.1. */
  void sentUsageIsReported() {
    Assumptions.assumeTrue(
        kit.factory().capabilities().usageReporting(),
        "the driver does not declare usage reporting");
    kit.stub(new Scenario.Text("counted", FinishReason.Kind.STOP, Optional.of(USAGE)));
    Optional<Usage> usage = kit.client().infer(InferenceRequest.of("hi")).usage();
    assertThat(usage).as("usage()").isPresent();
    assertSameCounts(usage.get(), USAGE);
  }

  /** Rule 6.2. */
  void unsentUsageIsAbsent() {
    InferenceClient client = kit.client();
    kit.stub(new Scenario.Text("uncounted", FinishReason.Kind.STOP, Optional.empty()));
    assertThat(client.infer(InferenceRequest.of("hi")).usage())
        .as("usage() of an answer without usage")
        .isEmpty();
    if (kit.factory().capabilities().streaming()) {
      kit.stub(new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()));
      assertThat(completed(readAll(client, InferenceRequest.of("hi"))).usage())
          .as("usage() of a stream without usage")
          .isEmpty();
    }
  }

  /** Rule 7.1. */
  void finishIsStop() {
    assertFinish(FinishReason.Kind.STOP);
  }

  /** Rule 7.2. */
  void finishIsLength() {
    assertFinish(FinishReason.Kind.LENGTH);
  }

  /** Rule 7.3. */
  void finishIsContentFilter() {
    assertFinish(FinishReason.Kind.CONTENT_FILTER);
  }

  private void assertFinish(FinishReason.Kind kind) {
    kit.stub(new Scenario.Text("partial answer", kind, Optional.empty()));
    Optional<FinishReason> reason = kit.client().infer(InferenceRequest.of("hi")).finishReason();
    assertThat(reason).as("finishReason()").isPresent();
    assertThat(reason.get().kind()).as("finishReason().kind()").isEqualTo(kind);
    assertThat(reason.get().raw()).as("finishReason().raw()").isNotBlank();
  }

  private static JsonValue field(JsonValue body, String pointer) {
    return Json.at(body, pointer)
        .orElseThrow(
            () ->
                new AssertionError(
                    "the request body has nothing at " + pointer + ": " + body.toJson()));
  }

  private void assertWireNumbers(double temperature, long maxTokens) {
    JsonValue body = kit.sentBody();
    String temperaturePointer = kit.fixture().pointers().temperature();
    String tokensPointer = kit.fixture().pointers().maxOutputTokens();
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
}
