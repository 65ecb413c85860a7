package dev.inference.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.openai.OpenAiTestSupport.PATH;
import static dev.inference.openai.OpenAiTestSupport.sentBody;
import static dev.inference.openai.OpenAiTestSupport.sse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.FinishReason;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Part;
import dev.inference.StreamEvent;
import dev.inference.StreamEvent.ToolCallDelta;
import dev.inference.testkit.DriverServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streamed tool calls over the OpenAI wire: fragments, indexes and the assembled calls. */
class OpenAiToolStreamingTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OpenAiTestSupport::client);

  static final String HEAD =
      "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"gpt-4.1-mini\",\"choices\":[{\"index\":0,\"delta\":";

  static final String ROLE =
      HEAD
          + "{\"role\":\"assistant\",\"content\":null},\"logprobs\":null,\"finish_reason\":null}]}\n\n";

  /** One chunk whose delta carries these tool call objects. */
  static String delta(String... calls) {
    return HEAD
        + "{\"tool_calls\":["
        + String.join(",", calls)
        + "]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n";
  }

  /** A call's first piece, as OpenAI sends it: index, id, type, name and empty arguments. */
  static String opening(int index, String id, String name) {
    return piece(index, id, name, "");
  }

  /** A later piece: index and an arguments fragment only. */
  static String fragment(int index, String arguments) {
    return "{\"index\":"
        + index
        + ",\"function\":{\"arguments\":"
        + JsonValue.of(arguments).toJson()
        + "}}";
  }

  /** A piece with everything: a whole call, or a server that repeats the id on each fragment. */
  static String piece(int index, String id, String name, String arguments) {
    return "{\"index\":"
        + index
        + ",\"id\":\""
        + id
        + "\",\"type\":\"function\",\"function\":{\"name\":\""
        + name
        + "\",\"arguments\":"
        + JsonValue.of(arguments).toJson()
        + "}}";
  }

  /** The finish chunk with this reason, OpenAI's usage chunk and {@code [DONE]}. */
  static String end(String reason) {
    return HEAD
        + "{},\"logprobs\":null,\"finish_reason\":\""
        + reason
        + "\"}],\"usage\":null}\n\n"
        + "data: {\"id\":\"chatcmpl-s\",\"choices\":[],\"usage\":{\"prompt_tokens\":80,"
        + "\"completion_tokens\":30,\"total_tokens\":110}}\n\n"
        + "data: [DONE]\n\n";
  }

  static byte[] bytes(String... events) {
    return String.join("", events).getBytes(StandardCharsets.UTF_8);
  }

  private List<StreamEvent> streamed(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    return OpenAiTestSupport.readAll(server.client(), OpenAiToolsTest.weatherRequest().build());
  }

  static InferenceResponse completed(List<StreamEvent> events) {
    assertThat(events.get(events.size() - 1)).isInstanceOf(StreamEvent.Completed.class);
    return ((StreamEvent.Completed) events.get(events.size() - 1)).response();
  }

  @Test
  void threeInterleavedCallsAreDeliveredAsTheyComeAndAssembledInIndexOrder() {
    List<StreamEvent> events =
        streamed(
            sse(
                bytes(
                    ROLE,
                    delta(opening(0, "call_a", "get_weather")),
                    delta(fragment(0, "{\"city\":\"Paris\",")),
                    delta(opening(2, "call_c", "get_time")),
                    delta(opening(1, "call_b", "get_weather")),
                    delta(fragment(1, "{\"city\":\"Oslo\",\"days\":2}")),
                    delta(fragment(2, "{\"zone\":\"UTC\"}"), fragment(0, "\"days\":1}")),
                    end("tool_calls"))));

    assertThat(sentBody(server))
        .isEqualTo(
            OpenAiToolsTest.BODY_WITH_TOOLS
                + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    assertThat(events.subList(0, events.size() - 1))
        .containsExactly(
            new ToolCallDelta(0, "call_a", "get_weather", ""),
            new ToolCallDelta(0, "", "", "{\"city\":\"Paris\","),
            new ToolCallDelta(2, "call_c", "get_time", ""),
            new ToolCallDelta(1, "call_b", "get_weather", ""),
            new ToolCallDelta(1, "", "", "{\"city\":\"Oslo\",\"days\":2}"),
            new ToolCallDelta(2, "", "", "{\"zone\":\"UTC\"}"),
            new ToolCallDelta(0, "", "", "\"days\":1}"));
    InferenceResponse response = completed(events);
    assertThat(response.toolCalls())
        .containsExactly(
            Part.ToolCall.parse("call_a", "get_weather", "{\"city\":\"Paris\",\"days\":1}"),
            Part.ToolCall.parse("call_b", "get_weather", "{\"city\":\"Oslo\",\"days\":2}"),
            Part.ToolCall.parse("call_c", "get_time", "{\"zone\":\"UTC\"}"));
    assertThat(response.text()).isEmpty();
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
  }

  /**
   * Fragments cut inside a string value, between a backslash and its quote, and (by the byte
   * dribble) inside the UTF-8 bytes of "ü" and "東".
   */
  private static final String[] CUT = {
    "{\"ci", "ty\":\"Zü", "rich \\", "\"Nord\\\" 東", "京\",\"da", "ys\":3}"
  };

  @ParameterizedTest(name = "{0}-byte reads")
  @ValueSource(ints = {0, 1, 7})
  void argumentsCutAnywhereAreJoinedIntoTheCall(int chunkBytes) {
    String[] events = new String[CUT.length + 3];
    events[0] = ROLE;
    events[1] = delta(opening(0, "call_z", "get_weather"));
    for (int i = 0; i < CUT.length; i++) {
      events[i + 2] = delta(fragment(0, CUT[i]));
    }
    events[events.length - 1] = end("tool_calls");
    byte[] body = bytes(events);
    ResponseDefinitionBuilder response = sse(body);
    if (chunkBytes > 0) {
      response.withChunkedDribbleDelay(
          (body.length + chunkBytes - 1) / chunkBytes, body.length / 8);
    }

    List<StreamEvent> seen = streamed(response);

    assertThat(seen.get(0)).isEqualTo(new ToolCallDelta(0, "call_z", "get_weather", ""));
    assertThat(seen.subList(1, seen.size() - 1))
        .extracting(event -> ((ToolCallDelta) event).argumentsFragment())
        .containsExactly(CUT);
    assertThat(seen.subList(1, seen.size() - 1))
        .allSatisfy(event -> assertThat(((ToolCallDelta) event).id()).isEmpty());
    Part.ToolCall call = completed(seen).toolCalls().get(0);
    assertThat(call.argumentsAs(OpenAiToolsTest.Weather.class))
        .isEqualTo(new OpenAiToolsTest.Weather("Zürich \"Nord\" 東京", 3));
  }

  @Test
  void anIdAndNameRepeatedOnEveryFragmentAreReportedOnce() {
    List<StreamEvent> events =
        streamed(
            sse(
                bytes(
                    ROLE,
                    delta(piece(0, "call_r", "get_weather", "")),
                    delta(piece(0, "call_r", "get_weather", "{\"city\":")),
                    delta(piece(0, "call_r", "get_weather", "\"Rome\",\"days\":4}")),
                    end("tool_calls"))));

    assertThat(events.subList(0, events.size() - 1))
        .containsExactly(
            new ToolCallDelta(0, "call_r", "get_weather", ""),
            new ToolCallDelta(0, "", "", "{\"city\":"),
            new ToolCallDelta(0, "", "", "\"Rome\",\"days\":4}"));
    assertThat(completed(events).toolCalls())
        .containsExactly(
            Part.ToolCall.parse("call_r", "get_weather", "{\"city\":\"Rome\",\"days\":4}"));
  }

  @Test
  void wholeCallsInOneDeltaAndEmptyOrNullToolCallsBesideText() {
    List<StreamEvent> events =
        streamed(
            sse(
                bytes(
                    ROLE,
                    HEAD
                        + "{\"content\":\"On it.\",\"tool_calls\":[]},\"finish_reason\":null}]}\n\n",
                    HEAD + "{\"content\":\"\",\"tool_calls\":null},\"finish_reason\":null}]}\n\n",
                    delta(
                        piece(0, "call_w", "get_weather", "{\"city\":\"Bern\",\"days\":1}"),
                        piece(1, "call_t", "get_time", "{\"zone\":\"CET\"}")),
                    end("stop"))));

    assertThat(events.subList(0, events.size() - 1))
        .containsExactly(
            new StreamEvent.TextDelta("On it."),
            new ToolCallDelta(0, "call_w", "get_weather", "{\"city\":\"Bern\",\"days\":1}"),
            new ToolCallDelta(1, "call_t", "get_time", "{\"zone\":\"CET\"}"));
    InferenceResponse response = completed(events);
    assertThat(response.text()).isEqualTo("On it.");
    assertThat(response.toolCalls())
        .extracting(Part.ToolCall::id)
        .containsExactly("call_w", "call_t");
    assertThat(response.finishReason().orElseThrow().kind())
        .as("stop with calls is tool_calls")
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
  }

  @Test
  void argumentsCutShortByTheLengthLimitAreKeptRaw() {
    List<StreamEvent> events =
        streamed(
            sse(
                bytes(
                    ROLE,
                    delta(opening(0, "call_l", "get_weather")),
                    delta(fragment(0, "{\"city\": \"Par")),
                    end("length"))));

    InferenceResponse response = completed(events);
    Part.ToolCall call = response.toolCalls().get(0);
    assertThat(call.argumentsValid()).isFalse();
    assertThat(call.rawArguments()).isEqualTo("{\"city\": \"Par");
    assertThat(response.finishReason().orElseThrow().kind()).isEqualTo(FinishReason.Kind.LENGTH);
  }
}
