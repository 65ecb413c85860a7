package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.assertMembers;
import static dev.inference.testkit.KitCalls.completed;
import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.Role;
import dev.inference.StreamEvent;
import dev.inference.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** The rules of section 15 (tools): tools on the wire, calls read whole and streamed, results. */
final class ToolRules {

  private static final Tool WEATHER =
      Tool.of(
          "get_weather",
          "The weather in a city.",
          JsonValue.parse(
              "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                  + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},"
                  + "\"required\":[\"city\"]}"));

  private static final Scenario.ToolCalls.Call ZURICH =
      new Scenario.ToolCalls.Call(
          "call_Zr7xQ", "get_weather", "{\"city\":\"Zürich ✓\",\"unit\":\"celsius\"}");

  private static final List<Scenario.ToolCalls.Call> THREE =
      List.of(
          ZURICH,
          new Scenario.ToolCalls.Call("call_Os2kP", "get_weather", "{\"city\":\"Oslo\"}"),
          new Scenario.ToolCalls.Call("call_Tm9aB", "get_time", "{\"zone\":\"Europe/Zurich\"}"));

  private final KitContext kit;

  ToolRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 15.1. */
  void toolsReachTheWire() {
    assumeTools();
    kit.stub(new Scenario.ToolCalls(List.of(ZURICH), false));
    kit.client().infer(weatherQuestion().build());
    assertMembers(
        kit.sentBody(),
        kit.fixture().toolMembers(WEATHER),
        "the fixture's tool members (WireFixture.toolMembers), for a driver that declares tools");
  }

  /** Rule 15.2. */
  void oneCallIsRead() {
    assumeTools();
    kit.stub(new Scenario.ToolCalls(List.of(ZURICH), false));
    InferenceResponse response = kit.client().infer(weatherQuestion().build());
    assertCalls(response, List.of(ZURICH));
  }

  /** Rule 15.3. */
  void severalCallsKeepTheirOrder() {
    assumeTools();
    Assumptions.assumeTrue(
        kit.factory().capabilities().parallelToolCalls(),
        "the driver does not declare parallel tool calls");
    kit.stub(new Scenario.ToolCalls(THREE, false));
    assertCalls(kit.client().infer(weatherQuestion().build()), THREE);
  }

  /** Rule 15.4. */
  void streamedFragmentsAreAssembled() {
    assumeTools();
    kit.assumeStreaming();
    List<Scenario.ToolCalls.Call> calls =
        kit.factory().capabilities().parallelToolCalls() ? THREE.subList(0, 2) : List.of(ZURICH);
    kit.stub(new Scenario.ToolCalls(calls, true));
    List<StreamEvent> events = readAll(kit.client(), weatherQuestion().build());
    Map<Integer, List<StreamEvent.ToolCallDelta>> byIndex = new LinkedHashMap<>();
    for (StreamEvent event : events) {
      if (event instanceof StreamEvent.ToolCallDelta delta) {
        byIndex.computeIfAbsent(delta.index(), ignored -> new ArrayList<>()).add(delta);
      }
    }
    assertThat(byIndex.keySet())
        .as("the indexes of the ToolCallDelta events, in order of first appearance (%s)", events)
        .containsExactlyElementsOf(indexes(calls.size()));
    for (int i = 0; i < calls.size(); i++) {
      Scenario.ToolCalls.Call call = calls.get(i);
      StreamEvent.ToolCallDelta first = byIndex.get(i).get(0);
      assertThat(first.id())
          .as("the id on the first ToolCallDelta of call %s", i)
          .isEqualTo(call.id());
      assertThat(first.name())
          .as("the name on the first ToolCallDelta of call %s", i)
          .isEqualTo(call.name());
      StringBuilder joined = new StringBuilder();
      byIndex.get(i).forEach(delta -> joined.append(delta.argumentsFragment()));
      assertThat(parsed(joined.toString()))
          .as("the argument fragments of call %s, joined: %s", i, joined)
          .contains(JsonValue.parse(call.argumentsJson()));
    }
    assertCalls(completed(events), calls);
  }

  /** Rule 15.5. */
  void invalidArgumentsAreKeptRaw() {
    assumeTools();
    String raw = "{\"city\": \"Zürich\", unit: celsius";
    Scenario.ToolCalls.Call broken = new Scenario.ToolCalls.Call("call_Bd4", "get_weather", raw);
    // a wire whose whole answers carry arguments as an object (Anthropic's input) can still
    // stream broken ones; each form the fixture can render is checked
    Scenario.ToolCalls whole = new Scenario.ToolCalls(List.of(broken), false);
    Scenario.ToolCalls streamed = new Scenario.ToolCalls(List.of(broken), true);
    boolean wholeRenders = kit.wire().renders(whole);
    boolean streamRenders =
        kit.factory().capabilities().streaming() && kit.wire().renders(streamed);
    Assumptions.assumeTrue(
        wholeRenders || streamRenders,
        "the wire fixture renders arguments that are not valid JSON neither whole nor streamed:"
            + " this provider's wire carries them as a JSON object; the rule is optional");
    InferenceClient client = kit.client();
    if (wholeRenders) {
      kit.stub(whole);
      assertRaw(client.infer(weatherQuestion().build()), raw, "infer()");
    }
    if (streamRenders) {
      kit.stub(streamed);
      assertRaw(completed(readAll(client, weatherQuestion().build())), raw, "stream()");
    }
  }

  /** Rule 15.6. */
  void toolResultsAreSentBack() {
    assumeTools();
    InferenceClient client = kit.client();
    kit.stub(new Scenario.ToolCalls(List.of(ZURICH), false));
    InferenceResponse asked = client.infer(weatherQuestion().build());
    Part.ToolCall call = expected(ZURICH);
    Part.ToolResult result = Part.ToolResult.of(call, "21 °C and sunny");
    kit.wire().reset();
    String answer = "It is 21 °C and sunny in Zürich.";
    kit.stub(new Scenario.Text(answer, FinishReason.Kind.STOP, Optional.empty()));
    InferenceResponse followUp =
        client.infer(
            weatherQuestion()
                .addMessage(asked.message())
                .addMessage(Message.toolResults(List.of(result)))
                .build());
    assertMembers(
        kit.sentBody(),
        kit.fixture().toolResultMembers(call, result),
        "the fixture's tool result members (WireFixture.toolResultMembers), for a driver that"
            + " declares tools");
    assertThat(followUp.text()).as("the answer to the tool's result").isEqualTo(answer);
  }

  /** Rule 15.7. */
  void undeclaredToolsAreUnsupported() {
    Assumptions.assumeFalse(
        kit.factory().capabilities().tools(), "the driver declares tools, so they are supported");
    InferenceClient client = kit.client();
    Part.ToolCall call = expected(ZURICH);
    List<InferenceException> failures = new ArrayList<>();
    failures.add(failureOf(() -> client.infer(weatherQuestion().build())));
    failures.add(
        failureOf(
            () ->
                client.infer(
                    InferenceRequest.builder()
                        .addMessage(Message.user("Weather in Zürich?"))
                        .addMessage(Message.of(Role.ASSISTANT, call))
                        .addMessage(Message.toolResults(List.of(Part.ToolResult.of(call, "21 °C"))))
                        .build())));
    if (kit.factory().capabilities().streaming()) {
      failures.add(failureOf(() -> readAll(client, weatherQuestion().build())));
    }
    assertThat(kit.requestsSeen()).as("requests the server saw").isZero();
    assertThat(failures)
        .as("the failures of requests with tools, tool calls and tool results")
        .allSatisfy(failure -> assertThat(failure.kind()).isEqualTo(ErrorKind.UNSUPPORTED));
  }

  private void assumeTools() {
    Assumptions.assumeTrue(
        kit.factory().capabilities().tools(), "the driver does not declare tools");
  }

  private static InferenceRequest.Builder weatherQuestion() {
    return InferenceRequest.builder()
        .addMessage(Message.user("Weather in Zürich?"))
        .addTool(WEATHER);
  }

  private static Part.ToolCall expected(Scenario.ToolCalls.Call call) {
    return Part.ToolCall.parse(call.id(), call.name(), call.argumentsJson());
  }

  private static void assertCalls(InferenceResponse response, List<Scenario.ToolCalls.Call> calls) {
    assertThat(response.toolCalls())
        .as("toolCalls() (ids, names and parsed arguments, in order)")
        .containsExactlyElementsOf(calls.stream().map(ToolRules::expected).toList());
    assertThat(response.toolCalls()).allMatch(Part.ToolCall::argumentsValid, "argumentsValid()");
    assertThat(response.text())
        .as("text() of an answer of tool calls only (OpenAI's content is null)")
        .isEmpty();
    assertThat(response.finishReason().map(FinishReason::kind))
        .as("the finish reason of an answer with tool calls")
        .contains(FinishReason.Kind.TOOL_CALLS);
  }

  private static void assertRaw(InferenceResponse response, String raw, String how) {
    assertThat(response.toolCalls()).as("toolCalls() of %s", how).hasSize(1);
    Part.ToolCall call = response.toolCalls().get(0);
    assertThat(call.argumentsValid()).as("argumentsValid() of %s", how).isFalse();
    assertThat(call.rawArguments()).as("rawArguments() of %s", how).isEqualTo(raw);
    assertThat(call.arguments()).as("arguments() of %s", how).isEqualTo(JsonValue.of(raw));
  }

  private static List<Integer> indexes(int count) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      indexes.add(i);
    }
    return indexes;
  }

  private static Optional<JsonValue> parsed(String text) {
    try {
      return Optional.of(JsonValue.parse(text));
    } catch (IllegalArgumentException notJson) {
      return Optional.empty();
    }
  }
}
