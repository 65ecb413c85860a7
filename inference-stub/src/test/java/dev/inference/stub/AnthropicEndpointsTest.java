package dev.inference.stub;

import static dev.inference.stub.AnthropicRepliesTest.ASK;
import static dev.inference.stub.AnthropicRepliesTest.PING;
import static dev.inference.stub.AnthropicRepliesTest.STREAM;
import static dev.inference.stub.AnthropicRepliesTest.USAGE_REST;
import static dev.inference.stub.AnthropicRepliesTest.messageStart;
import static dev.inference.stub.AnthropicRepliesTest.post;
import static dev.inference.stub.AnthropicRepliesTest.start;
import static dev.inference.stub.AnthropicRepliesTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic dialect's errors, stalls, drops and bad endings, its model list, its default reply
 * and the images of its requests, read over loopback with the JDK client (no driver).
 */
class AnthropicEndpointsTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String TEXT_START =
      messageStart(2, 1) + start(0, "{\"type\":\"text\",\"text\":\"\"}") + PING;

  private static HttpResponse<String> get(StubServer stub, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String error(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":\""
        + type
        + "\",\"message\":\""
        + message
        + "\"}}";
  }

  /** {@code {"type":"error","error":{"type","message"},"request_id"}}, as the API answers. */
  private static String error(String type, String message, String requestId) {
    return "{\"type\":\"error\",\"error\":{\"type\":\""
        + type
        + "\",\"message\":\""
        + message
        + "\"},\"request_id\":\""
        + requestId
        + "\"}";
  }

  @Test
  void theDialectIsNamedAnthropicAndServesMessages() {
    assertThat(Dialect.fromName(" Anthropic ")).isEqualTo(Dialect.ANTHROPIC);
    assertThat(Dialect.ANTHROPIC.cliName()).isEqualTo("anthropic");
    assertThatThrownBy(() -> Dialect.fromName("claude"))
        .hasMessage("unknown dialect 'claude'; known dialects: openai, ollama, anthropic, inferd");
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      assertThat(stub.chatEndpoint().getPath()).isEqualTo("/v1/messages");
    }
  }

  @Test
  void errorsAreSentAsWrittenWithTheirStatusAndRetryAfter() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(
          Reply.error(429, error("rate_limit_error", "Number of requests has exceeded your limit"))
              .withHeader("retry-after", "7")
              .withHeader("request-id", "req_011"),
          Reply.error(529, error("overloaded_error", "Overloaded")));
      HttpResponse<String> limited = post(stub, ASK);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("retry-after")).hasValue("7");
      assertThat(limited.headers().firstValue("request-id")).hasValue("req_011");
      assertThat(limited.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(limited.body())
          .isEqualTo(
              "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                  + "\"message\":\"Number of requests has exceeded your limit\"}}");
      HttpResponse<String> overloaded = post(stub, STREAM);
      assertThat(overloaded.statusCode()).isEqualTo(529);
      assertThat(overloaded.body())
          .isEqualTo(
              "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    }
  }

  @Test
  void theControlEndpointScriptsAnthropicErrorsAndToolUse() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      String queued =
          AnthropicRepliesTest.post(
                  stub,
                  URI.create(stub.baseUrl() + "/_stub/replies"),
                  "[{\"type\":\"error\",\"status\":529},{\"type\":\"error\",\"status\":401},"
                      + "{\"type\":\"tool_calls\",\"calls\":[{\"id\":\"toolu_9\",\"name\":\"f\","
                      + "\"arguments\":{\"x\":1}}]}]")
              .body();
      assertThat(queued).isEqualTo("{\"queued\":3}");
      HttpResponse<String> overloaded = post(stub, ASK);
      assertThat(overloaded.statusCode()).isEqualTo(529);
      // an error in the API's own shape carries the request id of its header, as the API's do
      String first = "req_stub000000000000000000000001";
      assertThat(overloaded.headers().firstValue("request-id")).hasValue(first);
      assertThat(overloaded.body()).isEqualTo(error("overloaded_error", "stub error", first));
      assertThat(post(stub, ASK).body())
          .isEqualTo(
              error("authentication_error", "stub error", "req_stub000000000000000000000002"));
      assertThat(post(stub, ASK).body())
          .contains(
              "\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"f\","
                  + "\"input\":{\"x\":1}}],\"stop_reason\":\"tool_use\"");
    }
  }

  @Test
  void aStreamCanFailWithAnErrorEventOrEndWithoutMessageStop() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      Reply answer = Reply.stream("one", " two");
      stub.enqueue(
          answer.failingAfterDeltas("the \"model\" crashed"), answer.truncatedAfterDeltas());
      String deltas = text(0, "\"one\"") + text(0, "\" two\"");
      HttpResponse<String> failed = post(stub, STREAM);
      assertThat(failed.statusCode()).isEqualTo(200);
      assertThat(failed.body())
          .isEqualTo(
              TEXT_START
                  + deltas
                  + "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"api_error\","
                  + " \"message\": \"the \\\"model\\\" crashed\"}}\n\n");
      assertThat(post(stub, STREAM).body()).isEqualTo(TEXT_START + deltas);
    }
  }

  @Test
  void aDroppedStreamEndsInTheMiddleOfTheBody() {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(Reply.stream("one").droppingAfterDeltas(), Reply.drop());
      assertThatThrownBy(() -> post(stub, STREAM)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> post(stub, ASK)).isInstanceOf(IOException.class);
      assertThat(stub.chatRequests()).hasSize(2);
    }
  }

  @Test
  void aStallAnswersNothingUntilTheClientGivesUp() {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      stub.enqueue(Reply.stall());
      HttpRequest request =
          HttpRequest.newBuilder(stub.chatEndpoint())
              .timeout(Duration.ofMillis(200))
              .POST(HttpRequest.BodyPublishers.ofString(ASK))
              .build();
      assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(HttpTimeoutException.class);
    }
  }

  @Test
  void aBodyThatIsNotJsonAndAnUnknownRouteGetAnthropicErrors() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      HttpResponse<String> notJson = post(stub, "{nope");
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(notJson.body())
          .startsWith(
              "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                  + "\"message\":\"the request body is not JSON: ")
          .endsWith(
              "\"},\"request_id\":\""
                  + notJson.headers().firstValue("request-id").orElseThrow()
                  + "\"}");
      HttpResponse<String> unknown = get(stub, "/v1/complete");
      assertThat(unknown.statusCode()).isEqualTo(404);
      String requestId = unknown.headers().firstValue("request-id").orElseThrow();
      assertThat(requestId).matches("req_stub[0-9a-f]{24}");
      assertThat(unknown.body())
          .isEqualTo(
              error("not_found_error", "the stub has no route for GET /v1/complete", requestId));
    }
  }

  @Test
  void theModelListHasAnthropicsShape() throws Exception {
    try (StubServer stub =
        StubServer.builder(Dialect.ANTHROPIC).models("claude-a", "claude-b").start()) {
      HttpResponse<String> list = get(stub, "/v1/models");
      assertThat(list.statusCode()).isEqualTo(200);
      String rest =
          ",\"created_at\":\"2025-01-01T00:00:00Z\",\"lifecycle\":\"active\","
              + "\"deprecated_at\":null,\"retires_at\":null,\"max_input_tokens\":8192,"
              + "\"max_tokens\":8192}";
      assertThat(list.body())
          .isEqualTo(
              "{\"data\":[{\"type\":\"model\",\"id\":\"claude-a\",\"display_name\":\"claude-a\""
                  + rest
                  + ",{\"type\":\"model\",\"id\":\"claude-b\",\"display_name\":\"claude-b\""
                  + rest
                  + "],\"has_more\":false,\"first_id\":\"claude-a\",\"last_id\":\"claude-b\"}");
      assertThat(get(stub, "/v1/models/claude-b").body())
          .isEqualTo(
              "{\"type\":\"model\",\"id\":\"claude-b\",\"display_name\":\"claude-b\"" + rest);
      HttpResponse<String> missing = get(stub, "/v1/models/claude-z");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("\"type\":\"not_found_error\"");
    }
  }

  @Test
  void theDefaultReplyCountsTheSystemAndAnswersTheLastQuestionAfterToolResults() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      String body =
          post(
                  stub,
                  "{\"model\":\"claude-x\",\"max_tokens\":9,\"system\":\"be brief\","
                      + "\"messages\":[{\"role\":\"user\",\"content\":\"weather in Paris?\"},"
                      + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
                      + "\"id\":\"toolu_1\",\"name\":\"w\",\"input\":{}}]},"
                      + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                      + "\"tool_use_id\":\"toolu_1\",\"content\":\"sunny\"}]}]}")
              .body();
      assertThat(body)
          .contains("\"text\":\"Stub answer to: weather in Paris?\"")
          .endsWith("\"usage\":{\"input_tokens\":5,\"output_tokens\":6" + USAGE_REST + "}");
      String json =
          post(
                  stub,
                  "{\"model\":\"m\",\"max_tokens\":9,\"output_format\":{\"type\":\"json_schema\"},"
                      + "\"messages\":[{\"role\":\"user\",\"content\":\"two words\"}]}")
              .body();
      assertThat(json)
          .contains(
              "\"text\":\"{\\\"answer\\\":\\\"Stub answer to: two words\\\",\\\"words\\\":2}\"");
    }
  }

  @Test
  void imageBlocksAreRecordedFromBase64AndUrlSourcesAndToolResults() throws Exception {
    try (StubServer stub = StubServer.start(Dialect.ANTHROPIC)) {
      String png = Base64.getEncoder().encodeToString(ToolCallRepliesTest.PNG);
      post(
          stub,
          "{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":["
              + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/jpeg\","
              + "\"data\":\"AQID\"}},"
              + "{\"type\":\"image\",\"source\":{\"type\":\"url\","
              + "\"url\":\"https://example.com/cat.png\"}},"
              + "{\"type\":\"text\",\"text\":\"what?\"}]},"
              + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
              + "\"name\":\"snap\",\"input\":{}}]},"
              + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
              + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
              + "\"media_type\":\"image/png\",\"data\":\""
              + png
              + "\"}}]}]}]}");
      assertThat(stub.chatRequests().get(0).images())
          .containsExactly(
              new RecordedRequest.Image("image/jpeg", 3, Optional.empty()),
              new RecordedRequest.Image("", 0, Optional.of("https://example.com/cat.png")),
              new RecordedRequest.Image("image/png", 12, Optional.empty()));
    }
  }
}
