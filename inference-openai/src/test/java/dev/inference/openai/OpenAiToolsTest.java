package dev.inference.openai;

import static dev.inference.openai.OpenAiTestSupport.sentBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.Capabilities;
import dev.inference.FinishReason;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ResponseFormat;
import dev.inference.Tool;
import dev.inference.ToolChoice;
import dev.inference.testkit.DriverServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tools over the OpenAI wire, not streamed: what is sent, byte for byte, and what is read. */
class OpenAiToolsTest {

  /** The arguments of the weather tool. */
  public record Weather(String city, int days) {}

  static final Tool WEATHER = Tool.of("get_weather", "Forecast for a city", Weather.class);

  /** The request body up to and including {@code tools}, for a call with {@link #WEATHER}. */
  static final String BODY_WITH_TOOLS =
      "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in"
          + " Paris?\"}],\"temperature\":0.1,\"max_tokens\":200,\"tools\":[{\"type\":\"function\","
          + "\"function\":{\"name\":\"get_weather\",\"description\":\"Forecast for a city\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
          + "\"days\":{\"type\":\"integer\"}},\"required\":[\"city\",\"days\"],"
          + "\"additionalProperties\":false},\"strict\":true}}]";

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OpenAiTestSupport::client);

  private static void answer(String body) {
    OpenAiTestSupport.answer(server, body);
  }

  /** A body whose message has {@code content: null} and these calls. */
  static String callsAnswer(String toolCalls, String finishReason) {
    return "{\"id\":\"chatcmpl-t1\",\"object\":\"chat.completion\",\"created\":1700000000,"
        + "\"model\":\"gpt-4.1-mini-2025-04-14\",\"choices\":[{\"index\":0,\"message\":{"
        + "\"role\":\"assistant\",\"content\":null,\"refusal\":null,\"tool_calls\":"
        + toolCalls
        + ",\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\""
        + finishReason
        + "\"}],\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":18,\"total_tokens\":98}}";
  }

  static String call(String id, String name, String arguments) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"function\",\"function\":{\"name\":\""
        + name
        + "\",\"arguments\":"
        + arguments
        + "}}";
  }

  static InferenceRequest.Builder weatherRequest() {
    return InferenceRequest.builder().userPrompt("Weather in Paris?").addTool(WEATHER);
  }

  @Test
  void aRecordToolIsSentStrictWithItsSchemaAndTheCallComesBackParsed() {
    answer(
        callsAnswer(
            "["
                + call("call_abc", "get_weather", "\"{\\\"city\\\":\\\"Paris\\\",\\\"days\\\":3}\"")
                + "]",
            "tool_calls"));

    InferenceResponse response = server.client().infer(weatherRequest().build());

    assertThat(sentBody(server)).isEqualTo(BODY_WITH_TOOLS + ",\"stream\":false}");
    assertThat(response.text()).isEmpty();
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
    Part.ToolCall call = response.toolCalls().get(0);
    assertThat(response.toolCalls()).hasSize(1);
    assertThat(call.id()).isEqualTo("call_abc");
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.argumentsValid()).isTrue();
    assertThat(call.arguments()).isEqualTo(JsonValue.parse("{\"city\":\"Paris\",\"days\":3}"));
    assertThat(call.rawArguments()).isEqualTo("{\"city\":\"Paris\",\"days\":3}");
    assertThat(call.argumentsAs(Weather.class)).isEqualTo(new Weather("Paris", 3));
  }

  @Test
  void toolChoiceIsOmittedWhenAutoAndOtherwiseSentWithTheParallelFlag() {
    answer(callsAnswer("[" + call("c", "get_weather", "\"{}\"") + "]", "tool_calls"));
    String[][] cases = {
      {"auto", "false", ",\"parallel_tool_calls\":false"},
      {"none", "", ",\"tool_choice\":\"none\""},
      {"required", "true", ",\"tool_choice\":\"required\",\"parallel_tool_calls\":true"},
      {
        "get_weather",
        "false",
        ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},"
            + "\"parallel_tool_calls\":false"
      }
    };
    for (String[] each : cases) {
      server.resetRequests();
      InferenceRequest.Builder request = weatherRequest().toolChoice(ToolChoice.parse(each[0]));
      if (!each[1].isEmpty()) {
        request.parallelToolCalls(Boolean.parseBoolean(each[1]));
      }
      server.client().infer(request.build());
      assertThat(sentBody(server))
          .as(each[0])
          .isEqualTo(BODY_WITH_TOOLS + each[2] + ",\"stream\":false}");
    }
  }

  @Test
  void threeParallelCallsComeBackInTheirOrder() {
    answer(
        callsAnswer(
            "["
                + call("call_1", "get_weather", "\"{\\\"city\\\":\\\"Paris\\\",\\\"days\\\":1}\"")
                + ","
                + call("call_2", "get_weather", "\"{\\\"city\\\":\\\"Oslo\\\",\\\"days\\\":2}\"")
                + ","
                + call("call_3", "get_time", "\"{\\\"zone\\\":\\\"Europe/Oslo\\\"}\"")
                + "]",
            "tool_calls"));

    InferenceResponse response = server.client().infer(weatherRequest().build());

    assertThat(response.toolCalls())
        .containsExactly(
            Part.ToolCall.parse("call_1", "get_weather", "{\"city\":\"Paris\",\"days\":1}"),
            Part.ToolCall.parse("call_2", "get_weather", "{\"city\":\"Oslo\",\"days\":2}"),
            Part.ToolCall.parse("call_3", "get_time", "{\"zone\":\"Europe/Oslo\"}"));
    assertThat(response.toolCalls().get(1).argumentsAs(Weather.class))
        .isEqualTo(new Weather("Oslo", 2));
  }

  @Test
  void argumentsThatAreNotJsonAreKeptRawAndFailOnlyWhenMappedOntoARecord() {
    answer(
        callsAnswer(
            "[" + call("call_bad", "get_weather", "\"{\\\"city\\\": \\\"Par\"") + "]",
            "tool_calls"));

    InferenceResponse response = server.client().infer(weatherRequest().build());

    Part.ToolCall call = response.toolCalls().get(0);
    assertThat(call.argumentsValid()).isFalse();
    assertThat(call.rawArguments()).isEqualTo("{\"city\": \"Par");
    assertThat(call.arguments()).isEqualTo(JsonValue.of("{\"city\": \"Par"));
    assertThatThrownBy(() -> call.argumentsAs(Weather.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("get_weather")
        .hasMessageContaining("{\"city\": \"Par");
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
  }

  @Test
  void emptyOrNullToolCallsMeanNoneAndTheTextIsTheAnswer() {
    for (String none : new String[] {"[]", "null"}) {
      server.resetAll();
      answer(
          "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Sunny.\","
              + "\"tool_calls\":"
              + none
              + "},\"finish_reason\":\"stop\"}]}");

      InferenceResponse response = server.client().infer(weatherRequest().build());

      assertThat(response.toolCalls()).as(none).isEmpty();
      assertThat(response.text()).isEqualTo("Sunny.");
      assertThat(response.finishReason().orElseThrow().kind()).isEqualTo(FinishReason.Kind.STOP);
      assertThat(response.message()).isEqualTo(Message.assistant("Sunny."));
    }
  }

  @Test
  void theDeprecatedFunctionCallReasonAndArgumentsAsAnObjectAreAccepted() {
    answer(
        callsAnswer(
            "[" + call("call_o", "get_weather", "{\"city\":\"Lyon\",\"days\":2}") + "]",
            "function_call"));

    InferenceResponse response = server.client().infer(weatherRequest().build());

    FinishReason reason = response.finishReason().orElseThrow();
    assertThat(reason.kind()).isEqualTo(FinishReason.Kind.TOOL_CALLS);
    assertThat(reason.raw()).isEqualTo("function_call");
    Part.ToolCall call = response.toolCalls().get(0);
    assertThat(call.rawArguments()).isEqualTo("{\"city\":\"Lyon\",\"days\":2}");
    assertThat(call.argumentsAs(Weather.class)).isEqualTo(new Weather("Lyon", 2));
  }

  @Test
  void describeDeclaresToolsImagesAndJsonSchema() {
    Capabilities capabilities = server.client().describe().capabilities();
    assertThat(capabilities.tools()).isTrue();
    assertThat(capabilities.parallelToolCalls()).isTrue();
    assertThat(capabilities.imageInput()).isTrue();
    assertThat(capabilities.imageUrls()).isTrue();
    assertThat(capabilities.jsonSchema()).isTrue();
    assertThat(capabilities.supports(ResponseFormat.Kind.JSON_OBJECT)).isTrue();
  }
}
