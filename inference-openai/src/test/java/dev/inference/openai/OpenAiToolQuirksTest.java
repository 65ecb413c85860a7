package dev.inference.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.openai.OpenAiTestSupport.PATH;
import static dev.inference.openai.OpenAiTestSupport.sse;
import static dev.inference.openai.OpenAiToolStreamingTest.HEAD;
import static dev.inference.openai.OpenAiToolStreamingTest.ROLE;
import static dev.inference.openai.OpenAiToolStreamingTest.bytes;
import static dev.inference.openai.OpenAiToolStreamingTest.completed;
import static dev.inference.openai.OpenAiToolStreamingTest.delta;
import static dev.inference.openai.OpenAiToolStreamingTest.end;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.FinishReason;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.StreamEvent;
import dev.inference.StreamEvent.ToolCallDelta;
import dev.inference.testkit.DriverServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tool calls as servers other than OpenAI's send them. */
class OpenAiToolQuirksTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OpenAiTestSupport::client);

  private List<StreamEvent> streamed(String... events) {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(sse(bytes(events))));
    return OpenAiTestSupport.readAll(server.client(), OpenAiToolsTest.weatherRequest().build());
  }

  private InferenceResponse answered(String body) {
    OpenAiTestSupport.answer(server, body);
    return server.client().infer(OpenAiToolsTest.weatherRequest().build());
  }

  /**
   * A whole call with no index, as Gemini's OpenAI layer streams each call in a chunk of its own.
   */
  private static String unindexed(String id, String arguments) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
        + JsonValue.of(arguments).toJson()
        + "}}";
  }

  @Test
  void callsWithoutAnIndexInChunksOfTheirOwnStayApart() {
    List<StreamEvent> events =
        streamed(
            ROLE,
            delta(unindexed("call_1", "{\"city\":\"Nice\",\"days\":1}")),
            delta(unindexed("call_2", "{\"city\":\"Pau\",\"days\":2}")),
            delta("{\"function\":{\"arguments\":\"\"}}"),
            end("tool_calls"));

    assertThat(events.subList(0, events.size() - 1))
        .containsExactly(
            new ToolCallDelta(0, "call_1", "get_weather", "{\"city\":\"Nice\",\"days\":1}"),
            new ToolCallDelta(1, "call_2", "get_weather", "{\"city\":\"Pau\",\"days\":2}"));
    assertThat(completed(events).toolCalls())
        .extracting(call -> call.argumentsAs(OpenAiToolsTest.Weather.class))
        .containsExactly(
            new OpenAiToolsTest.Weather("Nice", 1), new OpenAiToolsTest.Weather("Pau", 2));
  }

  @Test
  void fragmentsWithoutAnIndexOrRepeatingTheIdContinueTheLastCall() {
    List<StreamEvent> events =
        streamed(
            ROLE,
            delta(unindexed("call_1", "{\"city\":")),
            delta(unindexed("call_1", "\"Metz\",")),
            delta("{\"function\":{\"arguments\":\"\\\"days\\\":5}\"}}"),
            end("tool_calls"));

    assertThat(completed(events).toolCalls())
        .containsExactly(
            Part.ToolCall.parse("call_1", "get_weather", "{\"city\":\"Metz\",\"days\":5}"));
  }

  @Test
  void theDeprecatedFunctionCallIsReadAsOneCallWithoutAnId() {
    InferenceResponse response =
        answered(
            "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,\"function_call\":"
                + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Caen\\\",\\\"days\\\":1}\"}},"
                + "\"finish_reason\":\"function_call\"}]}");

    assertThat(response.toolCalls())
        .containsExactly(Part.ToolCall.parse("", "get_weather", "{\"city\":\"Caen\",\"days\":1}"));
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
  }

  @Test
  void theDeprecatedFunctionCallStreamsInPiecesAndANullOneIsNone() {
    List<StreamEvent> events =
        streamed(
            HEAD
                + "{\"role\":\"assistant\",\"content\":null,\"function_call\":null},\"finish_reason\":null}]}\n\n",
            HEAD
                + "{\"function_call\":{\"name\":\"get_weather\",\"arguments\":\"\"}},\"finish_reason\":null}]}\n\n",
            HEAD
                + "{\"function_call\":{\"arguments\":\"{\\\"city\\\":\\\"Albi\\\",\"}},\"finish_reason\":null}]}\n\n",
            HEAD
                + "{\"function_call\":{\"arguments\":\"\\\"days\\\":2}\"}},\"finish_reason\":null}]}\n\n",
            end("function_call"));

    assertThat(events.subList(0, events.size() - 1))
        .containsExactly(
            new ToolCallDelta(0, "", "get_weather", ""),
            new ToolCallDelta(0, "", "", "{\"city\":\"Albi\","),
            new ToolCallDelta(0, "", "", "\"days\":2}"));
    InferenceResponse response = completed(events);
    assertThat(response.toolCalls().get(0).argumentsAs(OpenAiToolsTest.Weather.class))
        .isEqualTo(new OpenAiToolsTest.Weather("Albi", 2));
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
  }

  @Test
  void argumentsThatAreNeitherStringNorObjectAreKeptAsTheirJson() {
    InferenceResponse response =
        answered(
            OpenAiToolsTest.callsAnswer(
                "["
                    + OpenAiToolsTest.call("call_a", "get_weather", "[\"Paris\",3]")
                    + ","
                    + OpenAiToolsTest.call("call_n", "get_weather", "null")
                    + "]",
                "tool_calls"));

    assertThat(response.toolCalls().get(0).rawArguments()).isEqualTo("[\"Paris\",3]");
    assertThat(response.toolCalls().get(0).arguments()).isEqualTo(JsonValue.parse("[\"Paris\",3]"));
    assertThat(response.toolCalls().get(1).rawArguments()).isEmpty();
    assertThat(response.toolCalls().get(1).arguments()).isEqualTo(JsonValue.parse("{}"));
  }
}
