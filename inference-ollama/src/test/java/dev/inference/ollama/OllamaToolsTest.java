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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.ToolChoice;
import dev.inference.Usage;
import dev.inference.ollama.OllamaTestSupport.Weather;
import dev.inference.testkit.DriverServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tool calling over Ollama's {@code /api/chat}, not streamed: the exact bytes both ways. */
class OllamaToolsTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OllamaTestSupport::client);

  /** The first request of every test: one question, the weather tool, Ollama's options. */
  static final String ASKED =
      "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo?\"}],"
          + "\"tools\":["
          + WEATHER_JSON
          + "],"
          + OPTIONS
          + ",\"stream\":false}";

  /** A done body as Ollama 0.11 writes it, with the given {@code tool_calls} array. */
  private static void answerWithCalls(String toolCalls) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(
                        "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.918276473Z\","
                            + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
                            + toolCalls
                            + "},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":"
                            + "1843402917,\"prompt_eval_count\":180,\"eval_count\":24}")));
  }

  private InferenceResponse ask() {
    return server
        .client()
        .infer(InferenceRequest.builder().userPrompt("Weather in Oslo?").addTool(WEATHER).build());
  }

  private static void assertAskedExactly(String body) {
    server.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalTo(body)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // Ollama 0.11 and later: an id and function.index
        "[{\"id\":\"call_k3x9b2ql\",\"function\":{\"index\":0,\"name\":\"get_weather\","
            + "\"arguments\":{\"city\":\"Oslo\",\"unit\":\"celsius\"}}}]",
        // older builds: neither
        "[{\"function\":{\"name\":\"get_weather\","
            + "\"arguments\":{\"city\":\"Oslo\",\"unit\":\"celsius\"}}}]"
      })
  void oneCallIsSentWithoutStrictAndReadWithItsObjectArguments(String toolCalls) {
    answerWithCalls(toolCalls);

    InferenceResponse response = ask();

    assertAskedExactly(ASKED);
    assertThat(WEATHER.strict()).as("a record's schema is strict; Ollama has no flag").isTrue();
    String id = toolCalls.contains("\"id\"") ? "call_k3x9b2ql" : "";
    assertThat(response.toolCalls())
        .containsExactly(
            Part.ToolCall.of(
                id, "get_weather", JsonValue.parse("{\"city\":\"Oslo\",\"unit\":\"celsius\"}")));
    Part.ToolCall call = response.toolCalls().get(0);
    assertThat(call.argumentsValid()).isTrue();
    assertThat(call.rawArguments()).isEqualTo("{\"city\":\"Oslo\",\"unit\":\"celsius\"}");
    assertThat(call.argumentsAs(Weather.class)).isEqualTo(new Weather("Oslo", "celsius"));
    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.TOOL_CALLS, "tool_calls"));
    assertThat(response.text()).isEmpty();
    assertThat(response.usage()).contains(Usage.of(180, 24, 204));
  }

  @Test
  void threeParallelCallsInOneAnswerKeepTheirOrderIdsAndArguments() {
    answerWithCalls(
        "[{\"id\":\"call_a1\",\"function\":{\"index\":0,\"name\":\"get_weather\",\"arguments\":"
            + "{\"city\":\"Oslo\",\"unit\":\"celsius\"}}},"
            + "{\"id\":\"call_b2\",\"function\":{\"index\":1,\"name\":\"get_weather\",\"arguments\":"
            + "{\"city\":\"Zürich\",\"unit\":\"celsius\"}}},"
            + "{\"id\":\"call_c3\",\"function\":{\"index\":2,\"name\":\"get_weather\",\"arguments\":"
            + "{\"city\":\"Tromsø \\u0026 Bodø\",\"unit\":\"kelvin\"}}}]");

    InferenceResponse response = ask();

    assertAskedExactly(ASKED);
    assertThat(response.toolCalls())
        .extracting(Part.ToolCall::id, call -> call.argumentsAs(Weather.class))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("call_a1", new Weather("Oslo", "celsius")),
            org.assertj.core.groups.Tuple.tuple("call_b2", new Weather("Zürich", "celsius")),
            org.assertj.core.groups.Tuple.tuple("call_c3", new Weather("Tromsø & Bodø", "kelvin")));
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
  }

  @Test
  void argumentsInAStringAreParsedAndInvalidOnesAreKeptRawWithoutThrowing() {
    // not Ollama's own form: compatible servers send the OpenAI string, sometimes broken
    answerWithCalls(
        "[{\"function\":{\"name\":\"get_weather\",\"arguments\":"
            + "\"{\\\"city\\\":\\\"Oslo\\\",\\\"unit\\\":\\\"celsius\\\"}\"}},"
            + "{\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Os\"}}]");

    InferenceResponse response = ask();

    assertThat(response.toolCalls()).hasSize(2);
    Part.ToolCall good = response.toolCalls().get(0);
    assertThat(good.argumentsValid()).isTrue();
    assertThat(good.argumentsAs(Weather.class)).isEqualTo(new Weather("Oslo", "celsius"));
    Part.ToolCall broken = response.toolCalls().get(1);
    assertThat(broken.argumentsValid()).isFalse();
    assertThat(broken.rawArguments()).isEqualTo("{\"city\": \"Os");
    assertThat(broken.arguments()).isEqualTo(JsonValue.of("{\"city\": \"Os"));
    assertThat(broken.name()).isEqualTo("get_weather");
    assertThatThrownBy(() -> broken.argumentsAs(Weather.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
  }

  @ParameterizedTest(name = "function \"{0}\"")
  @ValueSource(strings = {",\"arguments\":{}", ",\"arguments\":null", ""})
  void aCallWithoutArgumentsHasAnEmptyObject(String arguments) {
    answerWithCalls("[{\"function\":{\"index\":0,\"name\":\"get_time\"" + arguments + "}}]");

    Part.ToolCall call = ask().toolCalls().get(0);

    assertThat(call.name()).isEqualTo("get_time");
    assertThat(call.argumentsValid()).isTrue();
    assertThat(call.arguments()).isEqualTo(JsonValue.object(java.util.Map.of()));
    assertThat(call.rawArguments()).isEqualTo("{}");
  }

  @Test
  void aToolResultGoesBackAsAToolMessageNamingItsToolAndCallAfterTheAssistantsCalls() {
    answerWithCalls(
        "[{\"id\":\"call_k3x9b2ql\",\"function\":{\"index\":0,\"name\":\"get_weather\","
            + "\"arguments\":{\"city\":\"Oslo\",\"unit\":\"celsius\"}}}]");
    InferenceResponse response = ask();
    Part.ToolCall call = response.toolCalls().get(0);
    server.resetRequests();

    server
        .client()
        .infer(
            InferenceRequest.builder()
                .messages(
                    List.of(
                        Message.user("Weather in Oslo?"),
                        response.message(),
                        Message.toolResults(
                            List.of(
                                Part.ToolResult.of(call, "{\"temp_c\":21,\"sky\":\"clear\"}")))))
                .addTool(WEATHER)
                .build());

    assertAskedExactly(
        "{\"model\":\"llama3.2\",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"Weather in Oslo?\"},"
            + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_k3x9b2ql\","
            + "\"function\":{\"name\":\"get_weather\","
            + "\"arguments\":{\"city\":\"Oslo\",\"unit\":\"celsius\"}}}]},"
            + "{\"role\":\"tool\",\"content\":\"{\\\"temp_c\\\":21,\\\"sky\\\":\\\"clear\\\"}\","
            + "\"tool_name\":\"get_weather\",\"tool_call_id\":\"call_k3x9b2ql\"}],"
            + "\"tools\":["
            + WEATHER_JSON
            + "],"
            + OPTIONS
            + ",\"stream\":false}");
  }

  @Test
  void toolChoiceNoneSendsNoTools() {
    answerWithCalls("[]");

    InferenceResponse response =
        server
            .client()
            .infer(
                InferenceRequest.builder()
                    .userPrompt("Weather in Oslo?")
                    .addTool(WEATHER)
                    .toolChoice(ToolChoice.none())
                    .build());

    assertAskedExactly(
        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in"
            + " Oslo?\"}],"
            + OPTIONS
            + ",\"stream\":false}");
    assertThat(response.toolCalls()).as("tool_calls:[] is none").isEmpty();
    assertThat(response.finishReason()).contains(FinishReason.fromProvider("stop"));
  }

  @Test
  void aRequiredOrNamedToolChoiceIsUnsupportedBeforeAnyRequest() {
    for (ToolChoice choice : List.of(ToolChoice.required(), ToolChoice.named("get_weather"))) {
      InferenceRequest request =
          InferenceRequest.builder()
              .userPrompt("Weather in Oslo?")
              .addTool(WEATHER)
              .toolChoice(choice)
              .build();
      assertUnsupported(() -> server.client().infer(request), "Ollama has no tool choice");
      assertUnsupported(() -> server.client().stream(request), "Ollama has no tool choice");
    }
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void parallelToolCallsFalseIsUnsupportedSinceOllamaCannotBeHeldToIt() {
    InferenceRequest request =
        InferenceRequest.builder()
            .userPrompt("Weather in Oslo?")
            .addTool(WEATHER)
            .parallelToolCalls(false)
            .build();

    assertUnsupported(() -> server.client().infer(request), "parallelToolCalls");
    assertThat(server.getAllServeEvents()).isEmpty();

    answerWithCalls("[]");
    server.client().infer(request.toBuilder().parallelToolCalls(true).build());
    assertAskedExactly(ASKED);
  }

  @Test
  void describeDeclaresToolsParallelCallsAndInlineImagesButNoImageUrls() {
    var capabilities = server.client().describe().capabilities();
    assertThat(capabilities.tools()).isTrue();
    assertThat(capabilities.parallelToolCalls()).isTrue();
    assertThat(capabilities.imageInput()).isTrue();
    assertThat(capabilities.imageUrls()).isFalse();
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  static void assertUnsupported(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String says) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED);
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.providerName()).contains("ollama");
              assertThat(e.getMessage()).startsWith("ollama cannot ").contains(says);
            });
  }
}
