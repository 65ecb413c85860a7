package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.Part;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes of each content {@link Reply} in the Anthropic dialect, whole and streamed, read over
 * loopback with the JDK client (no driver).
 */
class AnthropicRepliesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Two prompt words; the model the answer names. */
  static final String ASK =
      "{\"model\":\"claude-x\",\"max_tokens\":64,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi you\"}]}";

  static final String STREAM =
      "{\"model\":\"claude-x\",\"max_tokens\":64,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi you\"}]}]}";

  static final Part.ToolCall WEATHER =
      Part.ToolCall.parse("toolu_01A", "get_weather", "{\"city\":\"Zürich 🌍\",\"unit\":\"c\"}");

  static final Part.ToolCall TIME = Part.ToolCall.parse("toolu_02B", "get_time", "{}");

  static HttpResponse<String> post(StubServer stub, String body) throws Exception {
    return post(stub, stub.chatEndpoint(), body);
  }

  static HttpResponse<String> post(StubServer stub, URI uri, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .header("x-api-key", "k")
            .header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        NUMBERED_IDS_AS_MSG_STUB);
  }

  /**
   * The body with the ids the server numbers per answer ({@code msg_stub_00000001}) read as {@code
   * msg_stub}, so the fixtures below compare every other byte.
   */
  static final HttpResponse.BodyHandler<String> NUMBERED_IDS_AS_MSG_STUB =
      info ->
          HttpResponse.BodySubscribers.mapping(
              HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
              body -> body.replaceAll("msg_stub_[0-9a-f]{8}", "msg_stub"));

  /** Name and data pairs as SSE events: {@code event: NAME\ndata: DATA\n\n}. */
  static String sse(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      out.append("event: ").append(pairs[i]).append("\ndata: ").append(pairs[i + 1]).append("\n\n");
    }
    return out.toString();
  }

  static String messageStart(long input, long output) {
    return sse(
        "message_start",
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_stub\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],\"stop_reason\":null,"
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
            + input
            + ",\"output_tokens\":"
            + output
            + USAGE_REST
            + "}}");
  }

  static String start(int index, String block) {
    return sse(
        "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":"
            + index
            + ",\"content_block\":"
            + block
            + "}");
  }

  /** The usage fields after the token counts, as the API sends them. */
  static final String USAGE_REST =
      ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
          + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},"
          + "\"service_tier\":\"standard\"}";

  static final String PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n";

  static String text(int index, String json) {
    return delta(index, "{\"type\":\"text_delta\",\"text\":" + json + "}");
  }

  static String input(int index, String json) {
    return delta(index, "{\"type\":\"input_json_delta\",\"partial_json\":" + json + "}");
  }

  static String delta(int index, String delta) {
    return sse(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}");
  }

  static String stop(int index) {
    return sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  /** {@code message_delta}, whose usage is cumulative (the input again), then the stop. */
  static String end(String stopReason, long input, long output) {
    return sse(
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
            + stopReason
            + "\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":"
            + input
            + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0"
            + ",\"output_tokens\":"
            + output
            + "}}",
        "message_stop",
        "{\"type\":\"message_stop\"}");
  }

  static String message(String content, String stopReason, long input, long output) {
    return "{\"id\":\"msg_stub\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
        + "\"content\":["
        + content
        + "],\"stop_reason\":\""
        + stopReason
        + "\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
        + input
        + ",\"output_tokens\":"
        + output
        + USAGE_REST
        + "}";
  }

  @Test
  void aTextAnswerIsOneMessageWithATextBlock() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(Reply.text("Hello \"there\""));
      HttpResponse<String> response = post(stub, ASK);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(response.body())
          .isEqualTo(
              message("{\"type\":\"text\",\"text\":\"Hello \\\"there\\\"\"}", "end_turn", 2, 2));
    }
  }

  @Test
  void aTextAnswerStreamsNamedEventsWithAPingAfterTheFirstBlockStarts() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(Reply.text("Hello there"));
      HttpResponse<String> response = post(stub, STREAM);
      assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
      assertThat(response.body())
          .isEqualTo(
              messageStart(2, 1)
                  + start(0, "{\"type\":\"text\",\"text\":\"\"}")
                  + PING
                  + text(0, "\"Hello\"")
                  + text(0, "\" there\"")
                  + stop(0)
                  + end("end_turn", 2, 2));
    }
  }

  @Test
  void aJsonAnswerIsEscapedInItsTextBlock() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(Reply.json("{\"a\":1}").withUsage(9, 4));
      assertThat(post(stub, ASK).body())
          .isEqualTo(message("{\"type\":\"text\",\"text\":\"{\\\"a\\\":1}\"}", "end_turn", 9, 4));
    }
  }

  @Test
  void reasoningIsAThinkingBlockWithASignatureBeforeTheText() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      Reply reply = Reply.stream("a", "b").withReasoning("hmm").withFinishReason("max_tokens");
      stub.enqueue(reply, reply);
      String thinking =
          "{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"c3R1Yi1zaWduYXR1cmU=\"}";
      assertThat(post(stub, ASK).body())
          .isEqualTo(
              message(thinking + ",{\"type\":\"text\",\"text\":\"ab\"}", "max_tokens", 2, 2));
      assertThat(post(stub, STREAM).body())
          .isEqualTo(
              messageStart(2, 1)
                  + start(0, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}")
                  + PING
                  + delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}")
                  + delta(
                      0, "{\"type\":\"signature_delta\",\"signature\":\"c3R1Yi1zaWduYXR1cmU=\"}")
                  + stop(0)
                  + start(1, "{\"type\":\"text\",\"text\":\"\"}")
                  + text(1, "\"a\"")
                  + text(1, "\"b\"")
                  + stop(1)
                  + end("max_tokens", 2, 2));
    }
  }

  @Test
  void aRepeatedAnswerIsWrittenPieceByPiece() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(Reply.repeated("ab", 3), Reply.repeated("ab", 3));
      assertThat(post(stub, ASK).body())
          .isEqualTo(message("{\"type\":\"text\",\"text\":\"ababab\"}", "end_turn", 2, 3));
      assertThat(post(stub, STREAM).body())
          .isEqualTo(
              messageStart(2, 1)
                  + start(0, "{\"type\":\"text\",\"text\":\"\"}")
                  + PING
                  + text(0, "\"ab\"").repeat(3)
                  + stop(0)
                  + end("end_turn", 2, 3));
    }
  }

  @Test
  void toolCallsAreToolUseBlocksWithTheInputAsAnObject() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(Reply.toolCalls(WEATHER, TIME));
      assertThat(post(stub, ASK).body())
          .isEqualTo(
              message(
                  "{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"get_weather\","
                      + "\"input\":{\"city\":\"Zürich 🌍\",\"unit\":\"c\"}},"
                      + "{\"type\":\"tool_use\",\"id\":\"toolu_02B\",\"name\":\"get_time\","
                      + "\"input\":{}}",
                  "tool_use",
                  2,
                  0));
    }
  }

  @Test
  void streamedToolCallsSendTheirInputInFragmentsThatNeverSplitACharacter() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(Reply.toolCalls(WEATHER, TIME));
      String body = post(stub, STREAM).body();
      assertThat(body)
          .isEqualTo(
              messageStart(2, 0)
                  + start(
                      0,
                      "{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"get_weather\","
                          + "\"input\":{}}")
                  + PING
                  + input(0, "\"\"")
                  + input(0, "\"{\\\"city\\\":\"")
                  + input(0, "\"\\\"Zürich \"")
                  + input(0, "\"🌍\\\",\\\"uni\"")
                  + input(0, "\"t\\\":\\\"c\\\"}\"")
                  + stop(0)
                  + start(
                      1,
                      "{\"type\":\"tool_use\",\"id\":\"toolu_02B\",\"name\":\"get_time\","
                          + "\"input\":{}}")
                  + input(1, "\"\"")
                  + input(1, "\"{}\"")
                  + stop(1)
                  + end("tool_use", 2, 0));
    }
  }

  @Test
  void textThenToolCallsAreATextBlockAndThenToolUseBlocks() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      Reply reply = Reply.text("Let me look.").withToolCalls(List.of(TIME));
      stub.enqueue(reply, reply);
      String timeUse =
          "{\"type\":\"tool_use\",\"id\":\"toolu_02B\",\"name\":\"get_time\",\"input\":{}}";
      assertThat(post(stub, ASK).body())
          .isEqualTo(
              message(
                  "{\"type\":\"text\",\"text\":\"Let me look.\"}," + timeUse, "tool_use", 2, 3));
      assertThat(post(stub, STREAM).body())
          .isEqualTo(
              messageStart(2, 1)
                  + start(0, "{\"type\":\"text\",\"text\":\"\"}")
                  + PING
                  + text(0, "\"Let\"")
                  + text(0, "\" me\"")
                  + text(0, "\" look.\"")
                  + stop(0)
                  + start(1, timeUse)
                  + input(1, "\"\"")
                  + input(1, "\"{}\"")
                  + stop(1)
                  + end("tool_use", 2, 3));
    }
  }

  @Test
  void aCallWithoutAnIdGetsAToolUseIdAndNoUsageMeansNoUsageField() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(Reply.toolCalls(Part.ToolCall.parse("", "f", "{}")).withoutUsage());
      assertThat(post(stub, ASK).body())
          .isEqualTo(
              "{\"id\":\"msg_stub\",\"type\":\"message\",\"role\":\"assistant\","
                  + "\"model\":\"claude-x\",\"content\":[{\"type\":\"tool_use\","
                  + "\"id\":\"toolu_stub_0\",\"name\":\"f\",\"input\":{}}],"
                  + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null}");
    }
  }
}
