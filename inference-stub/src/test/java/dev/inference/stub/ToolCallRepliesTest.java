package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Part;
import dev.inference.StreamEvent;
import dev.inference.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Scripted tool calls in both dialects, whole and streamed, and the images a request carried. */
class ToolCallRepliesTest {

  /** The instant scripted on the replies whose bytes are compared whole. */
  private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The first bytes of a PNG and then some: what the stub reads the media type from. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

  static final Part.ToolCall WEATHER =
      Part.ToolCall.parse("call_w1", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}");

  static final Part.ToolCall TIME =
      Part.ToolCall.parse("call_t2", "get_time", "{\"zone\":\"CET\"}");

  static InferenceClient client(StubServer stub) {
    return StubDrivers.client(stub);
  }

  static InferenceRequest withTools(String prompt) {
    return InferenceRequest.builder()
        .userPrompt(prompt)
        .addTool(Tool.of("get_weather", "The weather", JsonValue.parse("{\"type\":\"object\"}")))
        .addTool(Tool.of("get_time", "The time", JsonValue.parse("{\"type\":\"object\"}")))
        .build();
  }

  /** The response a stream completed with. */
  private static InferenceResponse streamed(InferenceClient client, InferenceRequest request) {
    try (InferenceStream events = client.stream(request)) {
      for (StreamEvent event : events) {
        if (event instanceof StreamEvent.Completed done) {
          return done.response();
        }
      }
    }
    throw new AssertionError("the stream ended without its response");
  }

  private static String post(StubServer stub, String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(stub.chatEndpoint())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void aWholeAnswerCallsTwoToolsAndTheDriverReadsThem(Dialect dialect) {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = client(stub)) {
      stub.enqueue(Reply.toolCalls(WEATHER, TIME));
      InferenceResponse response = client.infer(withTools("weather and time?"));
      assertThat(response.toolCalls()).containsExactly(WEATHER, TIME);
      assertThat(response.text()).isEmpty();
      assertThat(response.finishReason().map(FinishReason::kind))
          .contains(FinishReason.Kind.TOOL_CALLS);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void aStreamedAnswerCallsToolsAfterItsTextAndTheDriverAssemblesThem(Dialect dialect) {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = client(stub)) {
      stub.enqueue(Reply.text("Let me look.").withToolCalls(List.of(WEATHER, TIME)));
      StringBuilder text = new StringBuilder();
      Map<Integer, StringBuilder> fragments = new java.util.TreeMap<>();
      InferenceResponse completed = null;
      try (InferenceStream events = client.stream(withTools("weather?"))) {
        for (StreamEvent event : events) {
          if (event instanceof StreamEvent.TextDelta delta) {
            text.append(delta.text());
          } else if (event instanceof StreamEvent.ToolCallDelta delta) {
            fragments
                .computeIfAbsent(delta.index(), i -> new StringBuilder())
                .append(delta.argumentsFragment());
          } else if (event instanceof StreamEvent.Completed done) {
            completed = done.response();
          }
        }
      }
      assertThat(text).hasToString("Let me look.");
      assertThat(fragments.get(0)).hasToString(WEATHER.rawArguments());
      assertThat(fragments.get(1)).hasToString(TIME.rawArguments());
      assertThat(completed).isNotNull();
      assertThat(completed.toolCalls()).containsExactly(WEATHER, TIME);
      assertThat(completed.finishReason().map(FinishReason::kind))
          .contains(FinishReason.Kind.TOOL_CALLS);
    }
  }

  @Test
  void openAiSendsContentNullAndStreamsTheArgumentsInFragmentsByIndex() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      stub.enqueue(Reply.toolCalls(TIME).withoutUsage().withId("chatcmpl-stub").withCreated(T0));
      assertThat(post(stub, "{\"model\":\"m\",\"messages\":[]}"))
          .isEqualTo(
              "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1700000000,"
                  + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                  + "\"content\":null,\"refusal\":null,\"annotations\":[],\"tool_calls\":[{\"id\":"
                  + "\"call_t2\",\"type\":\"function\","
                  + "\"function\":{\"name\":\"get_time\",\"arguments\":\"{\\\"zone\\\":\\\"CET\\\"}\"}}"
                  + "]},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],"
                  + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_stub\"}");
      stub.enqueue(Reply.toolCalls(TIME).withId("chatcmpl-stub").withCreated(T0));
      String prefix =
          "data: {\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\","
              + "\"created\":1700000000,\"model\":\"m\",\"service_tier\":\"default\","
              + "\"system_fingerprint\":\"fp_stub\",\"choices\":[{\"index\":0,\"delta\":";
      String end = ",\"logprobs\":null,\"finish_reason\":null}]}\n\n";
      assertThat(post(stub, "{\"model\":\"m\",\"stream\":true,\"messages\":[]}"))
          .isEqualTo(
              prefix
                  + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}"
                  + end
                  + prefix
                  + "{\"tool_calls\":[{\"index\":0,\"id\":\"call_t2\",\"type\":\"function\","
                  + "\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]}"
                  + end
                  + prefix
                  + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                  + "\"{\\\"zone\\\":\"}}]}"
                  + end
                  + prefix
                  + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"CET\\\"}\"}}]}"
                  + end
                  + prefix
                  + "{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}\n\n"
                  + "data: [DONE]\n\n");
    }
  }

  @Test
  void ollamaStreamsTheCallsWholeInALineBeforeTheDoneLine() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.OLLAMA)) {
      stub.enqueue(
          Reply.toolCalls(Part.ToolCall.parse("", "get_time", "{\"zone\":\"CET\"}"))
              .withCreated(Instant.parse("2025-01-01T00:00:00Z")));
      List<String> lines = post(stub, "{\"model\":\"m\",\"messages\":[]}").lines().toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0))
          .isEqualTo(
              "{\"model\":\"m\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":"
                  + "\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"index\":0,"
                  + "\"name\":\"get_time\",\"arguments\":{\"zone\":\"CET\"}}}]},\"done\":false}");
      assertThat(lines.get(1)).contains("\"done_reason\":\"stop\",\"done\":true");
    }
  }

  @Test
  void theJsonSpecScriptsCallsWithObjectOrRawArgumentsAndDefaultIds() {
    Reply reply =
        Reply.fromJson(
            JsonValue.parse(
                "{\"type\":\"tool_calls\",\"text\":\"Checking.\",\"calls\":["
                    + "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}},"
                    + "{\"id\":\"x9\",\"name\":\"get_time\",\"arguments\":\"{not json\"}]}"));
    assertThat(reply.parts().deltas()).containsExactly("Checking.");
    assertThat(reply.parts().toolCalls())
        .containsExactly(
            Part.ToolCall.of("call_1", "get_weather", JsonValue.parse("{\"city\":\"Oslo\"}")),
            Part.ToolCall.parse("x9", "get_time", "{not json"));
    assertThat(reply.parts().toolCalls().get(1).argumentsValid()).isFalse();
    assertThat(reply.parts().finishReason(Dialect.OPENAI)).isEqualTo("tool_calls");
    assertThat(reply.parts().finishReason(Dialect.OLLAMA)).isEqualTo("stop");
    assertThatThrownBy(() -> Reply.fromJson(JsonValue.parse("{\"type\":\"tool_calls\"}")))
        .hasMessageContaining("a tool_calls reply needs 'calls'");
    assertThatThrownBy(
            () ->
                Reply.fromJson(
                    JsonValue.parse("{\"type\":\"tool_calls\",\"calls\":[{\"id\":\"a\"}]}")))
        .hasMessage("tool call 1 needs a string 'name'");
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void invalidArgumentsReachTheCallerAsRawText(Dialect dialect) {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = client(stub)) {
      stub.enqueue(Reply.toolCalls(Part.ToolCall.parse("call_1", "get_weather", "{\"city\":")));
      // an Anthropic message always carries an object as input: only a stream can cut one short
      Part.ToolCall call =
          dialect == Dialect.ANTHROPIC
              ? streamed(client, withTools("weather?")).toolCalls().get(0)
              : client.infer(withTools("weather?")).toolCalls().get(0);
      assertThat(call.argumentsValid()).isFalse();
      assertThat(call.rawArguments()).isEqualTo("{\"city\":");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Dialect.class,
      names = {"OPENAI", "OLLAMA", "ANTHROPIC"})
  void theImagesARequestCarriedAreRecorded(Dialect dialect) throws Exception {
    try (StubServer stub = StubServer.start(dialect);
        InferenceClient client = client(stub)) {
      client.infer(
          InferenceRequest.builder()
              .messages(
                  List.of(
                      Message.user(
                          "what is this?",
                          Part.Image.inline(PNG, "image/png"),
                          Part.Image.inline(new byte[] {1, 2, 3}, "image/x-raw"))))
              .build());
      RecordedRequest.Image png = new RecordedRequest.Image("image/png", 12, Optional.empty());
      // Ollama sends bare base64: the stub reads the media type from the bytes, unknown ones empty
      RecordedRequest.Image raw =
          new RecordedRequest.Image(
              dialect == Dialect.OLLAMA ? "" : "image/x-raw", 3, Optional.empty());
      assertThat(stub.chatRequests().get(0).images()).containsExactly(png, raw);
      assertThat(stub.chatRequests().get(0).toJsonValue().get("images").orElseThrow().toJson())
          .startsWith("[{\"byte_count\":12,\"media_type\":\"image/png\"},");
    }
  }

  @Test
  void anImageUrlIsRecordedAsTheUrl() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI);
        InferenceClient client = client(stub)) {
      URI url = URI.create("https://example.com/cat.png");
      client.infer(
          InferenceRequest.builder()
              .messages(List.of(Message.user("cat?", Part.Image.url(url))))
              .build());
      assertThat(stub.chatRequests().get(0).images())
          .containsExactly(new RecordedRequest.Image("", 0, Optional.of(url.toString())));
      assertThat(new RecordedRequest("GET", "/x", Map.of(), "").images()).isEmpty();
      assertThat(new ArrayList<>(RequestImages.of("{\"messages\":[{\"images\":[\"@@\"]}]}")))
          .containsExactly(new RecordedRequest.Image("", -1, Optional.empty()));
    }
  }
}
