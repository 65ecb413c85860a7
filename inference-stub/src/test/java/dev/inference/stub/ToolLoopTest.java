package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.Role;
import dev.inference.ToolChoice;
import dev.inference.ToolLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ToolLoop} against the stub over loopback, through the real drivers. */
class ToolLoopTest {

  /** The arguments of get_weather. */
  public record Weather(String city) {}

  /** Writes down every event, as text. */
  static final class Events extends ToolLoop.Listener {
    final List<String> seen = new ArrayList<>();

    @Override
    public void modelAnswered(int step, InferenceResponse response) {
      seen.add(step + " answered " + response.toolCalls().size() + " call(s)");
    }

    @Override
    public void toolCalled(int step, Part.ToolCall call) {
      seen.add(step + " called " + call.name() + " " + call.rawArguments());
    }

    @Override
    public void toolReturned(int step, Part.ToolCall call, Part.ToolResult result) {
      seen.add(step + " " + (result.error() ? "failed " : "returned ") + result.content());
    }
  }

  static Part.ToolCall call(String id, String name, String arguments) {
    return Part.ToolCall.parse(id, name, arguments);
  }

  static ToolLoop.Builder weatherLoop(InferenceClient client) {
    return ToolLoop.builder(client)
        .tool(
            "get_weather",
            "The weather in a city",
            Weather.class,
            weather -> "{\"city\":\"" + weather.city() + "\",\"sky\":\"sunny\"}");
  }

  private static String messages(RecordedRequest request) {
    return request.json().get("messages").orElseThrow().toJson();
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void aTwoStepQuestionIsAnsweredWithTheToolsResult(Dialect dialect) {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = ToolCallRepliesTest.client(stub)) {
      stub.enqueue(
          Reply.toolCalls(call("call_1", "get_weather", "{\"city\":\"Paris\"}")),
          Reply.text("It is sunny in Paris."));
      Events events = new Events();
      ToolLoop.Result result =
          weatherLoop(client).listener(events).build().run(InferenceRequest.of("Paris weather?"));

      assertThat(result.text()).isEqualTo("It is sunny in Paris.");
      assertThat(result.steps()).isEqualTo(2);
      assertThat(result.transcript().stream().map(Message::role))
          .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);
      assertThat(events.seen)
          .containsExactly(
              "1 answered 1 call(s)",
              "1 called get_weather {\"city\":\"Paris\"}",
              "1 returned {\"city\":\"Paris\",\"sky\":\"sunny\"}",
              "2 answered 0 call(s)");
      List<RecordedRequest> requests = stub.chatRequests();
      assertThat(requests).hasSize(2);
      JsonValue tool = requests.get(0).json().get("tools").orElseThrow();
      assertThat(tool.toJson()).contains("\"name\":\"get_weather\"", "\"city\"");
      String expected =
          switch (dialect) {
            case OPENAI ->
                "[{\"role\":\"user\",\"content\":\"Paris weather?\"},{\"role\":\"assistant\","
                    + "\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":"
                    + "\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},{\"role\":\"tool\",\"tool_call_id\":"
                    + "\"call_1\",\"content\":\"{\\\"city\\\":\\\"Paris\\\",\\\"sky\\\":\\\"sunny\\\"}\"}]";
            case OLLAMA ->
                "[{\"role\":\"user\",\"content\":\"Paris weather?\"},{\"role\":\"assistant\","
                    + "\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\",\"function\":{\"name\":"
                    + "\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}}]},{\"role\":\"tool\","
                    + "\"content\":\"{\\\"city\\\":\\\"Paris\\\",\\\"sky\\\":\\\"sunny\\\"}\","
                    + "\"tool_name\":\"get_weather\",\"tool_call_id\":\"call_1\"}]";
            // the tool result goes back in a user turn, as a tool_result block
            case ANTHROPIC ->
                "[{\"role\":\"user\",\"content\":\"Paris weather?\"},{\"role\":"
                    + "\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":"
                    + "\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},{\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\",\"content\":"
                    + "\"{\\\"city\\\":\\\"Paris\\\",\\\"sky\\\":\\\"sunny\\\"}\"}]}]";
            case INFERD -> throw new IllegalArgumentException("inferd v1 has no tools");
          };
      assertThat(messages(requests.get(1))).isEqualTo(expected);
    }
  }

  @Test
  void theStepLimitEndsAModelThatKeepsCallingTools() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client = ToolCallRepliesTest.client(stub)) {
      stub.replyAlways(Reply.toolCalls(call("call_1", "get_weather", "{\"city\":\"Rome\"}")));
      ToolLoop loop = weatherLoop(client).maxSteps(3).build();
      assertThatThrownBy(() -> loop.run(InferenceRequest.of("Rome?")))
          .isInstanceOfSatisfying(
              ToolLoop.StepLimitExceeded.class,
              limit -> {
                assertThat(limit.maxSteps()).isEqualTo(3);
                assertThat(limit.transcript()).hasSize(6); // user, then 2 x (call, result), call
                assertThat(limit.lastResponse().toolCalls()).hasSize(1);
              })
          .hasMessage(
              "the model still called tools after 3 step(s), the limit (maxSteps = 3); last"
                  + " calls: [get_weather]");
      assertThat(stub.chatRequests()).hasSize(3);
    }
  }

  @Test
  void aThrowingToolAnUnknownToolAndBadArgumentsAreToldToTheModelAndTheLoopGoesOn() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client = ToolCallRepliesTest.client(stub)) {
      stub.enqueue(
          Reply.toolCalls(
              call("c1", "get_weather", "{\"city\":\"Oslo\"}"),
              call("c2", "get_time", "{}"),
              call("c3", "get_weather", "{\"city\":"),
              call("c4", "get_weather", "{\"city\":7}")),
          Reply.text("Sorry, the weather service is down."));
      Events events = new Events();
      ToolLoop loop =
          ToolLoop.builder(client)
              .tool(
                  "get_weather",
                  "The weather in a city",
                  Weather.class,
                  weather -> {
                    throw new IllegalStateException("weather service down for " + weather.city());
                  })
              .listener(events)
              .build();

      ToolLoop.Result result = loop.run(InferenceRequest.of("Oslo?"));

      assertThat(result.text()).isEqualTo("Sorry, the weather service is down.");
      JsonValue sent = stub.chatRequests().get(1).json().get("messages").orElseThrow();
      List<String> toolMessages = new ArrayList<>();
      for (JsonValue message : ((JsonValue.ArrayValue) sent).elements()) {
        if (message.get("role").flatMap(JsonValue::asString).orElse("").equals("tool")) {
          toolMessages.add(
              message.get("tool_call_id").flatMap(JsonValue::asString).orElseThrow()
                  + " "
                  + message.get("content").flatMap(JsonValue::asString).orElseThrow());
        }
      }
      assertThat(toolMessages)
          .containsExactly(
              "c1 get_weather failed: IllegalStateException: weather service down for Oslo",
              "c2 unknown tool 'get_time'; known tools: get_weather",
              "c3 invalid arguments for get_weather: $: the arguments of get_weather are not"
                  + " valid JSON: {\"city\":",
              "c4 invalid arguments for get_weather: $.city: expected a string, but was 7");
      assertThat(events.seen).filteredOn(e -> e.startsWith("1 failed ")).hasSize(4);
      Message results = result.transcript().get(2);
      assertThat(results.parts(Part.ToolResult.class)).allMatch(Part.ToolResult::error);
    }
  }

  @Test
  void aForcedToolChoiceHoldsForTheFirstRequestOnly() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client = ToolCallRepliesTest.client(stub)) {
      stub.enqueue(
          Reply.toolCalls(call("call_1", "get_weather", "{\"city\":\"Lima\"}")),
          Reply.text("Warm."));
      ToolLoop loop = weatherLoop(client).build();
      List<dev.inference.Tool> tools = new ArrayList<>(loop.tools());
      tools.add(0, dev.inference.Tool.of("other", "", Weather.class));
      loop.run(
          InferenceRequest.builder()
              .userPrompt("Lima?")
              .tools(tools)
              .toolChoice(ToolChoice.named("get_weather"))
              .build());
      List<RecordedRequest> requests = stub.chatRequests();
      assertThat(requests.get(0).json().get("tool_choice").orElseThrow().toJson())
          .isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}");
      assertThat(requests.get(1).json().get("tool_choice")).isEmpty();
      // declared once each, in the request's order
      assertThat(requests.get(1).json().get("tools").orElseThrow().toJson())
          .containsOnlyOnce("\"name\":\"get_weather\"")
          .containsPattern("\"name\":\"other\".*\"name\":\"get_weather\"");
    }
  }

  @Test
  void aToolThatReturnsNullIsAnErrorAndAnInterruptedToolCancelsTheRun() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client = ToolCallRepliesTest.client(stub)) {
      Reply call = Reply.toolCalls(call("c1", "get_weather", "{\"city\":\"Bern\"}"));
      stub.enqueue(call, Reply.text("No idea."));
      ToolLoop.Result result =
          ToolLoop.builder(client)
              .tool("get_weather", "", Weather.class, weather -> null)
              .build()
              .run(InferenceRequest.of("Bern?"));
      assertThat(result.transcript().get(2).parts(Part.ToolResult.class))
          .containsExactly(
              new Part.ToolResult(
                  "c1", "get_weather", "get_weather returned no result (null)", true));

      stub.enqueue(call);
      ToolLoop interrupted =
          ToolLoop.builder(client)
              .tool(
                  "get_weather",
                  "",
                  Weather.class,
                  weather -> {
                    throw new InterruptedException();
                  })
              .build();
      try {
        assertThatThrownBy(() -> interrupted.run(InferenceRequest.of("Bern?")))
            .isInstanceOfSatisfying(
                InferenceException.class,
                cancelled -> assertThat(cancelled.kind()).isEqualTo(ErrorKind.CANCELLED))
            .hasMessageContaining("interrupted while get_weather ran");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(stub.chatRequests()).hasSize(3);
    }
  }

  @Test
  void theBuilderNamesBadSettings() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client = ToolCallRepliesTest.client(stub)) {
      assertThatThrownBy(() -> ToolLoop.builder(client).maxSteps(0))
          .hasMessage("maxSteps must be >= 1, but was 0");
      assertThatThrownBy(() -> ToolLoop.builder(client).build())
          .hasMessageContaining("needs at least one tool");
      assertThatThrownBy(() -> weatherLoop(client).tool("get_weather", "", Weather.class, w -> ""))
          .hasMessage("two tools are named get_weather");
      assertThat(stub.chatRequests()).isEmpty();
    }
  }
}
