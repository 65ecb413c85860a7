package dev.inference.openai;

import static dev.inference.openai.OpenAiTestSupport.sentBody;
import static dev.inference.openai.OpenAiToolsTest.call;
import static dev.inference.openai.OpenAiToolsTest.callsAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.testkit.DriverServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tool call answered: the assistant turn and the tools' results sent back, byte for byte. */
class OpenAiToolConversationTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OpenAiTestSupport::client);

  private static final String TOOLS =
      OpenAiToolsTest.BODY_WITH_TOOLS.substring(
          OpenAiToolsTest.BODY_WITH_TOOLS.indexOf(",\"tools\":"));

  /** Asks, gets the answer, and sends it back with one result per call; the second body. */
  private String followUp(String firstAnswer, String... results) {
    OpenAiTestSupport.answer(server, firstAnswer);
    List<Message> conversation = new ArrayList<>(List.of(Message.user("Weather in Paris?")));
    InferenceResponse response = server.client().infer(request(conversation));
    conversation.add(response.message());
    List<Part.ToolResult> toolResults = new ArrayList<>();
    for (int i = 0; i < results.length; i++) {
      Part.ToolCall call = response.toolCalls().get(i);
      toolResults.add(
          results[i].startsWith("!")
              ? Part.ToolResult.error(call, results[i].substring(1))
              : Part.ToolResult.of(call, results[i]));
    }
    conversation.add(Message.toolResults(toolResults));
    server.resetAll();
    OpenAiTestSupport.answer(
        server,
        "{\"choices\":[{\"message\":{\"content\":\"Sunny, 18C.\"},\"finish_reason\":\"stop\"}]}");
    assertThat(server.client().infer(request(conversation)).text()).isEqualTo("Sunny, 18C.");
    return sentBody(server);
  }

  private static InferenceRequest request(List<Message> conversation) {
    return InferenceRequest.builder()
        .messages(conversation)
        .addTool(OpenAiToolsTest.WEATHER)
        .build();
  }

  @Test
  void theAssistantTurnHasNullContentAndTheRawArgumentsThenOneToolMessagePerResult() {
    String raw = "\"{\\\"city\\\": \\\"Paris\\\", \\\"days\\\": 1}\"";
    String body =
        followUp(
            callsAnswer(
                "["
                    + call("call_1", "get_weather", raw)
                    + ","
                    + call("call_2", "get_weather", "\"{\\\"city\\\":\\\"Atlantis\\\"}\"")
                    + "]",
                "tool_calls"),
            "{\"temp_c\":18}",
            "!unknown city: Atlantis");

    assertThat(body)
        .isEqualTo(
            "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in"
                + " Paris?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + call("call_1", "get_weather", raw)
                + ","
                + call("call_2", "get_weather", "\"{\\\"city\\\":\\\"Atlantis\\\"}\"")
                + "]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"temp_c\\\":18}\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_2\",\"content\":\"unknown city:"
                + " Atlantis\"}],\"temperature\":0.1,\"max_tokens\":200"
                + TOOLS
                + ",\"stream\":false}");
  }

  @Test
  void textBesideTheCallsIsSentAsContentAndInvalidArgumentsGoBackAsTheyCame() {
    String answer =
        callsAnswer(
                "[" + call("call_9", "get_weather", "\"{\\\"city\\\": \\\"Par\"") + "]",
                "tool_calls")
            .replace("\"content\":null", "\"content\":\"Let me check.\"");

    String body = followUp(answer, "!arguments were not JSON");

    assertThat(body)
        .isEqualTo(
            "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in"
                + " Paris?\"},{\"role\":\"assistant\",\"content\":\"Let me check.\",\"tool_calls\":["
                + call("call_9", "get_weather", "\"{\\\"city\\\": \\\"Par\"")
                + "]},{\"role\":\"tool\",\"tool_call_id\":\"call_9\",\"content\":\"arguments were"
                + " not JSON\"}],\"temperature\":0.1,\"max_tokens\":200"
                + TOOLS
                + ",\"stream\":false}");
  }

  @Test
  void blankArgumentsGoBackAsAnEmptyObject() {
    String body =
        followUp(
            callsAnswer("[" + call("call_0", "get_weather", "\"\"") + "]", "tool_calls"), "ok");

    assertThat(body)
        .contains(
            "\"tool_calls\":["
                + call("call_0", "get_weather", "\"{}\"")
                + "]},{\"role\":\"tool\",\"tool_call_id\":\"call_0\",\"content\":\"ok\"}]");
  }
}
