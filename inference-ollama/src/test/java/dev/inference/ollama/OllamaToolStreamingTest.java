package dev.inference.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.ollama.OllamaTestSupport.OPTIONS;
import static dev.inference.ollama.OllamaTestSupport.PATH;
import static dev.inference.ollama.OllamaTestSupport.WEATHER;
import static dev.inference.ollama.OllamaTestSupport.WEATHER_JSON;
import static dev.inference.ollama.OllamaTestSupport.ndjson;
import static dev.inference.ollama.OllamaTestSupport.ndjsonWithoutFinalNewline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.Part;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import dev.inference.ollama.OllamaTestSupport.Weather;
import dev.inference.testkit.DriverServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streamed tool calls over Ollama's {@code /api/chat}: each call arrives whole in an NDJSON line
 * before the done line, so each is one {@code ToolCallDelta} carrying all its arguments.
 */
class OllamaToolStreamingTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OllamaTestSupport::client);

  private static final String HEAD =
      "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.100000001Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"\"";

  static final String CALL_0 =
      "{\"id\":\"call_a1\",\"function\":{\"index\":0,\"name\":\"get_weather\",\"arguments\":"
          + "{\"city\":\"Oslo\",\"unit\":\"celsius\"}}}";
  static final String CALL_1 =
      "{\"id\":\"call_b2\",\"function\":{\"index\":1,\"name\":\"get_weather\",\"arguments\":"
          + "{\"city\":\"Zürich\",\"unit\":\"celsius\"}}}";
  static final String CALL_2 =
      "{\"id\":\"call_c3\",\"function\":{\"index\":2,\"name\":\"get_weather\",\"arguments\":"
          + "{\"city\":\"東京 🌸\",\"unit\":\"kelvin\"}}}";

  static final String DONE =
      HEAD
          + "},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":1843402917,"
          + "\"prompt_eval_count\":180,\"eval_count\":40}";

  /** The events of the three calls, each whole, then nothing but {@code Completed}. */
  static final List<StreamEvent> CALL_EVENTS =
      List.of(
          new StreamEvent.ToolCallDelta(
              0, "call_a1", "get_weather", "{\"city\":\"Oslo\",\"unit\":\"celsius\"}"),
          new StreamEvent.ToolCallDelta(
              1, "call_b2", "get_weather", "{\"city\":\"Zürich\",\"unit\":\"celsius\"}"),
          new StreamEvent.ToolCallDelta(
              2, "call_c3", "get_weather", "{\"city\":\"東京 🌸\",\"unit\":\"kelvin\"}"));

  private static String callsLine(String... calls) {
    return HEAD + ",\"tool_calls\":[" + String.join(",", calls) + "]},\"done\":false}";
  }

  private static void stream(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
  }

  private static ResponseDefinitionBuilder ndjsonResponse(byte[] body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-ndjson")
        .withBody(body);
  }

  private List<StreamEvent> readAll() {
    List<StreamEvent> events = new ArrayList<>();
    try (InferenceStream stream =
        server.client().stream(
            InferenceRequest.builder().userPrompt("Weather in Oslo?").addTool(WEATHER).build())) {
      stream.forEach(events::add);
    }
    return events;
  }

  /** Asserts the three calls' events, then exactly one {@code Completed}, and returns it. */
  private static InferenceResponse assertThreeCalls(List<StreamEvent> events) {
    assertThat(events).hasSize(4);
    assertThat(events.subList(0, 3)).containsExactlyElementsOf(CALL_EVENTS);
    assertThat(events.get(3)).isInstanceOf(StreamEvent.Completed.class);
    InferenceResponse response = ((StreamEvent.Completed) events.get(3)).response();
    assertThat(response.toolCalls())
        .extracting(Part.ToolCall::id, call -> call.argumentsAs(Weather.class))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("call_a1", new Weather("Oslo", "celsius")),
            org.assertj.core.groups.Tuple.tuple("call_b2", new Weather("Zürich", "celsius")),
            org.assertj.core.groups.Tuple.tuple("call_c3", new Weather("東京 🌸", "kelvin")));
    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.TOOL_CALLS, "tool_calls"));
    assertThat(response.usage()).contains(Usage.of(180, 40, 220));
    assertThat(response.text()).isEmpty();
    return response;
  }

  @Test
  void threeCallsInOneLineAreThreeWholeDeltasAndTheCompletedCalls() {
    stream(ndjsonResponse(ndjson(callsLine(CALL_0, CALL_1, CALL_2), DONE)));

    assertThreeCalls(readAll());

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Accept", equalTo("application/x-ndjson"))
            .withRequestBody(
                equalTo(
                    "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"Weather in Oslo?\"}],\"tools\":["
                        + WEATHER_JSON
                        + "],"
                        + OPTIONS
                        + ",\"stream\":true}")));
  }

  @Test
  void callsSpreadOverTwoLinesKeepCountingIndexes() {
    stream(ndjsonResponse(ndjson(callsLine(CALL_0, CALL_1), callsLine(CALL_2), DONE)));

    assertThreeCalls(readAll());
  }

  @ParameterizedTest(name = "{0}-byte writes")
  @ValueSource(ints = {1, 5})
  void writesCutInsideAMultiByteCharacterOfAnArgumentGiveTheSameCalls(int chunkBytes) {
    // 1-byte writes cut every character of 東京 🌸 (3, 3 and 4 bytes); 5-byte ones some of them
    byte[] body = ndjsonWithoutFinalNewline(callsLine(CALL_0, CALL_1), callsLine(CALL_2), DONE);
    stream(
        ndjsonResponse(body)
            .withChunkedDribbleDelay((body.length + chunkBytes - 1) / chunkBytes, body.length / 8));

    assertThreeCalls(readAll());
  }

  @Test
  void textBeforeTheCallsStaysTextAndTheAnswerGoesBackWithBoth() {
    stream(
        ndjsonResponse(
            ndjson(
                HEAD.replace("\"content\":\"\"", "\"content\":\"Let me check.\"")
                    + "},\"done\":false}",
                callsLine(CALL_0),
                DONE)));

    List<StreamEvent> events = readAll();

    assertThat(events.subList(0, 2))
        .containsExactly(new StreamEvent.TextDelta("Let me check."), CALL_EVENTS.get(0));
    InferenceResponse response = ((StreamEvent.Completed) events.get(2)).response();
    assertThat(response.text()).isEqualTo("Let me check.");
    assertThat(response.message().parts())
        .containsExactly(new Part.Text("Let me check."), response.toolCalls().get(0));
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
  }

  @Test
  void aStreamThatEndsAfterTheCallsWithoutItsDoneLineIsTruncated() {
    stream(ndjsonResponse(ndjson(callsLine(CALL_0, CALL_1))));
    List<StreamEvent> seen = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (InferenceStream stream =
                  server.client().stream(
                      InferenceRequest.builder()
                          .userPrompt("Weather in Oslo?")
                          .addTool(WEATHER)
                          .build())) {
                stream.forEach(seen::add);
              }
            })
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED));
    assertThat(seen).containsExactlyElementsOf(CALL_EVENTS.subList(0, 2));
  }
}
