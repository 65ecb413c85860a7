package dev.inference.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.anthropic.AnthropicTestSupport.MESSAGE_START;
import static dev.inference.anthropic.AnthropicTestSupport.MESSAGE_STOP;
import static dev.inference.anthropic.AnthropicTestSupport.PATH;
import static dev.inference.anthropic.AnthropicTestSupport.PING;
import static dev.inference.anthropic.AnthropicTestSupport.answer;
import static dev.inference.anthropic.AnthropicTestSupport.blockStart;
import static dev.inference.anthropic.AnthropicTestSupport.blockStop;
import static dev.inference.anthropic.AnthropicTestSupport.jsonDelta;
import static dev.inference.anthropic.AnthropicTestSupport.messageDelta;
import static dev.inference.anthropic.AnthropicTestSupport.sentBody;
import static dev.inference.anthropic.AnthropicTestSupport.sse;
import static dev.inference.anthropic.AnthropicTestSupport.textDelta;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.FinishReason;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.StreamEvent;
import dev.inference.Tool;
import dev.inference.ToolChoice;
import dev.inference.testkit.DriverServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tools on the Anthropic wire: definitions, choice, tool_use blocks whole and streamed, results.
 */
class AnthropicToolsTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(AnthropicTestSupport::client);

  /** The arguments of the weather tool. */
  record Weather(String city, int days) {}

  static final Tool WEATHER = Tool.of("get_weather", "The forecast for a city.", Weather.class);

  static final String WEATHER_TOOL =
      "{\"name\":\"get_weather\",\"description\":\"The forecast for a city.\",\"input_schema\":"
          + WEATHER.parameters().toJson()
          + ",\"strict\":true}";

  static final String TWO_CALLS =
      "{\"id\":\"msg_01Aq9w938a90dw8q\",\"type\":\"message\",\"role\":\"assistant\","
          + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":["
          + "{\"type\":\"text\",\"text\":\"I'll check both cities.\"},"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_01A09q90qw90lq917835lq9\",\"name\":\"get_weather\","
          + "\"input\":{\"city\":\"Zürich\",\"days\":3}},"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_01B7Yx3mQe5k2Vd8Wz\",\"name\":\"get_weather\","
          + "\"input\":{\"city\":\"東京\",\"days\":1}}],"
          + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
          + "\"usage\":{\"input_tokens\":384,\"output_tokens\":112}}";

  @Test
  void severalToolUseBlocksInOneMessageAreCallsInOrder() {
    answer(server, TWO_CALLS);
    InferenceResponse response =
        server
            .client()
            .infer(
                InferenceRequest.builder()
                    .userPrompt("Weather in Zürich and Tokyo?")
                    .tools(List.of(WEATHER))
                    .build());

    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Weather in Zürich and Tokyo?\"}],\"tools\":["
                + WEATHER_TOOL
                + "]}");
    assertThat(response.text()).isEqualTo("I'll check both cities.");
    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.TOOL_CALLS, "tool_use"));
    assertThat(response.toolCalls())
        .extracting(Part.ToolCall::id, Part.ToolCall::name, call -> call.argumentsAs(Weather.class))
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(
                "toolu_01A09q90qw90lq917835lq9", "get_weather", new Weather("Zürich", 3)),
            org.assertj.core.api.Assertions.tuple(
                "toolu_01B7Yx3mQe5k2Vd8Wz", "get_weather", new Weather("東京", 1)));
  }

  @Test
  void theConversationSendsToolUseAndMergedToolResultsInOneUserTurn() {
    answer(server, TWO_CALLS);
    InferenceResponse first =
        server
            .client()
            .infer(
                InferenceRequest.builder().userPrompt("Weather?").tools(List.of(WEATHER)).build());
    List<Part.ToolCall> calls = first.toolCalls();
    server.resetRequests();
    answer(server, OK_ANSWER);

    server
        .client()
        .infer(
            InferenceRequest.builder()
                .messages(
                    List.of(
                        Message.system("Be brief."),
                        Message.user("Weather?"),
                        first.message(),
                        Message.toolResults(
                            List.of(Part.ToolResult.of(calls.get(0), "sunny, 21°C"))),
                        Message.toolResults(
                            List.of(Part.ToolResult.error(calls.get(1), "service down"))),
                        Message.user("And tomorrow?")))
                .tools(List.of(WEATHER))
                .toolChoice(ToolChoice.none())
                .build());

    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"system\":\"Be brief.\","
                + "\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Weather?\"},"
                + "{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"I'll check both cities.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_01A09q90qw90lq917835lq9\","
                + "\"name\":\"get_weather\",\"input\":{\"city\":\"Zürich\",\"days\":3}},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_01B7Yx3mQe5k2Vd8Wz\","
                + "\"name\":\"get_weather\",\"input\":{\"city\":\"東京\",\"days\":1}}]},"
                + "{\"role\":\"user\",\"content\":["
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01A09q90qw90lq917835lq9\","
                + "\"content\":\"sunny, 21°C\"},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01B7Yx3mQe5k2Vd8Wz\","
                + "\"content\":\"service down\",\"is_error\":true},"
                + "{\"type\":\"text\",\"text\":\"And tomorrow?\"}]}],"
                + "\"tools\":["
                + WEATHER_TOOL
                + "],\"tool_choice\":{\"type\":\"none\"}}");
  }

  static final String OK_ANSWER =
      dev.inference.anthropic.wire.AnthropicWireFixture.message(
          "ok", FinishReason.Kind.STOP, java.util.Optional.empty());

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"required", "named", "auto-serial", "required-serial"})
  void toolChoiceIsWrittenAsTheApiNamesIt(String kind) {
    answer(server, OK_ANSWER);
    InferenceRequest.Builder request =
        InferenceRequest.builder()
            .userPrompt("x")
            .tools(List.of(Tool.of("ping", "", JsonValue.parse("{\"type\":\"object\"}"))));
    String expected =
        switch (kind) {
          case "required" -> {
            request.toolChoice(ToolChoice.required());
            yield "{\"type\":\"any\"}";
          }
          case "named" -> {
            request.toolChoice(ToolChoice.named("ping"));
            yield "{\"type\":\"tool\",\"name\":\"ping\"}";
          }
          case "auto-serial" -> {
            request.parallelToolCalls(false);
            yield "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}";
          }
          default -> {
            request.toolChoice(ToolChoice.required()).parallelToolCalls(false);
            yield "{\"type\":\"any\",\"disable_parallel_tool_use\":true}";
          }
        };
    server.client().infer(request.build());
    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}],\"tools\":[{\"name\":\"ping\",\"input_schema\":"
                + "{\"type\":\"object\"}}],\"tool_choice\":"
                + expected
                + "}");
  }

  /** The arguments' text cut inside strings, an escape and a multi-byte character's bytes. */
  static final String[] CUT = {
    "", "{\"ci", "ty\":\"Zü", "rich \\", "\"Nord\\\" 東", "京\",\"da", "ys\":3}"
  };

  @ParameterizedTest(name = "{0}-byte reads")
  @ValueSource(ints = {0, 1, 7})
  void inputJsonDeltasCutAnywhereAreJoinedPerBlock(int chunkBytes) {
    List<String> events = new java.util.ArrayList<>();
    events.add(MESSAGE_START);
    events.add(blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"));
    events.add(textDelta(0, "Checking."));
    events.add(blockStop(0));
    events.add(
        blockStart(
            1,
            "{\"type\":\"tool_use\",\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\","
                + "\"name\":\"get_weather\",\"input\":{}}"));
    for (String piece : CUT) {
      events.add(jsonDelta(1, piece));
    }
    events.add(PING);
    events.add(blockStop(1));
    events.add(
        blockStart(
            2,
            "{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"get_weather\",\"input\":{}}"));
    events.add(jsonDelta(2, "{\"city\":\"Oslo\",\"days\":1}"));
    events.add(blockStop(2));
    events.add(messageDelta("tool_use", 89));
    events.add(MESSAGE_STOP);
    byte[] body = String.join("", events).getBytes(StandardCharsets.UTF_8);
    ResponseDefinitionBuilder response = sse(new String(body, StandardCharsets.UTF_8));
    if (chunkBytes > 0) {
      response.withChunkedDribbleDelay(
          (body.length + chunkBytes - 1) / chunkBytes, body.length / 8);
    }
    server.stubFor(post(urlEqualTo(PATH)).willReturn(response));

    List<StreamEvent> seen =
        AnthropicTestSupport.readAll(
            server.client(),
            InferenceRequest.builder().userPrompt("w").tools(List.of(WEATHER)).build());

    assertThat(seen.get(0)).isEqualTo(new StreamEvent.TextDelta("Checking."));
    assertThat(seen.get(1))
        .isEqualTo(
            new StreamEvent.ToolCallDelta(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", ""));
    assertThat(seen.subList(2, 8))
        .extracting(event -> ((StreamEvent.ToolCallDelta) event).argumentsFragment())
        .containsExactly(List.of(CUT).subList(1, CUT.length).toArray(String[]::new));
    assertThat(seen.subList(2, 8))
        .allSatisfy(event -> assertThat(((StreamEvent.ToolCallDelta) event).index()).isZero());
    assertThat(seen.get(8))
        .isEqualTo(new StreamEvent.ToolCallDelta(1, "toolu_02", "get_weather", ""));
    InferenceResponse response2 = ((StreamEvent.Completed) seen.get(seen.size() - 1)).response();
    assertThat(response2.finishReason())
        .contains(new FinishReason(FinishReason.Kind.TOOL_CALLS, "tool_use"));
    assertThat(response2.toolCalls())
        .extracting(call -> call.argumentsAs(Weather.class))
        .containsExactly(new Weather("Zürich \"Nord\" 東京", 3), new Weather("Oslo", 1));
  }
}
