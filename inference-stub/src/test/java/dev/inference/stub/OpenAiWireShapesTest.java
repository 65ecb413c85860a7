package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Field by field, the OpenAI answers of the stub against the shapes of {@code
 * shared/reference/wire-formats.md} sections 2 to 4: every key the API documents for a completion,
 * a chunk, the usage chunk and an error.
 */
class OpenAiWireShapesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");
  private static final String ASK =
      "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi you\"}]";

  static StubServer stub() {
    return StubServer.builder(Dialect.OPENAI).clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
  }

  static HttpResponse<String> post(StubServer stub, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(stub.chatEndpoint())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(StubServer stub, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCompletionHasEveryDocumentedField() throws Exception {
    try (StubServer stub = stub()) {
      HttpResponse<String> response = post(stub, ASK + "}");
      JsonValue body = JsonValue.parse(response.body());
      assertThat(((JsonValue.ObjectValue) body).members().keySet())
          .containsExactly(
              "id",
              "object",
              "created",
              "model",
              "choices",
              "usage",
              "service_tier",
              "system_fingerprint");
      assertThat(body.get("id").flatMap(JsonValue::asString)).hasValue("chatcmpl-stub-00000001");
      assertThat(body.get("object").flatMap(JsonValue::asString)).hasValue("chat.completion");
      assertThat(body.get("created").orElseThrow().asLong()).hasValue(NOW.getEpochSecond());
      assertThat(body.get("service_tier").flatMap(JsonValue::asString)).hasValue("default");
      JsonValue choice =
          ((JsonValue.ArrayValue) body.get("choices").orElseThrow()).elements().get(0);
      assertThat(choice.toJson())
          .isEqualTo(
              "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Stub answer to: hi"
                  + " you\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,"
                  + "\"finish_reason\":\"stop\"}");
      assertThat(body.get("usage").orElseThrow().toJson())
          .isEqualTo(
              "{\"prompt_tokens\":2,\"completion_tokens\":5,\"total_tokens\":7,"
                  + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                  + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                  + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}");
      assertThat(response.headers().firstValue("x-request-id"))
          .hasValue("req_stub000000000000000000000001");
      HttpResponse<String> second = post(stub, ASK + "}");
      assertThat(JsonValue.parse(second.body()).get("id").flatMap(JsonValue::asString))
          .hasValue("chatcmpl-stub-00000002");
      assertThat(second.headers().firstValue("x-request-id"))
          .hasValue("req_stub000000000000000000000002");
    }
  }

  @Test
  void aScriptedIdCreatedAndRequestIdAreSentAsWritten() throws Exception {
    try (StubServer stub = stub()) {
      stub.enqueue(
          Reply.text("x")
              .withId("chatcmpl-abc")
              .withCreated(Instant.ofEpochSecond(42))
              .withHeader("x-request-id", "req_mine"));
      HttpResponse<String> response = post(stub, ASK + "}");
      JsonValue body = JsonValue.parse(response.body());
      assertThat(body.get("id").flatMap(JsonValue::asString)).hasValue("chatcmpl-abc");
      assertThat(body.get("created").orElseThrow().asLong()).hasValue(42L);
      assertThat(response.headers().allValues("x-request-id")).containsExactly("req_mine");
    }
  }

  @Test
  void aStreamWithUsageSendsUsageNullOnEveryChunkThenTheUsageChunk() throws Exception {
    try (StubServer stub = stub()) {
      stub.enqueue(Reply.stream("a", "b").withId("chatcmpl-s").withCreated(NOW));
      String body =
          post(stub, ASK + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").body();
      String prefix =
          "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":"
              + NOW.getEpochSecond()
              + ",\"model\":\"gpt-x\",\"service_tier\":\"default\","
              + "\"system_fingerprint\":\"fp_stub\",";
      String end = "},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n";
      assertThat(body)
          .isEqualTo(
              prefix
                  + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
                  + "\"refusal\":null"
                  + end
                  + prefix
                  + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\""
                  + end
                  + prefix
                  + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\""
                  + end
                  + prefix
                  + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                  + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
                  + prefix
                  + "\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2,"
                  + "\"total_tokens\":4,\"prompt_tokens_details\":{\"cached_tokens\":0,"
                  + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,"
                  + "\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
                  + "\"rejected_prediction_tokens\":0}}}\n\n"
                  + "data: [DONE]\n\n");
      String plain = post(stub, ASK + ",\"stream\":true}").body();
      assertThat(plain).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
    }
  }

  @Test
  void onlyAJsonResponseFormatTurnsJsonModeOn() throws Exception {
    try (StubServer stub = stub()) {
      for (String off : List.of("{\"type\":\"text\"}", "null")) {
        assertThat(content(post(stub, ASK + ",\"response_format\":" + off + "}")))
            .isEqualTo("Stub answer to: hi you");
      }
      assertThat(content(post(stub, ASK + ",\"response_format\":{\"type\":\"json_object\"}}")))
          .isEqualTo("{\"answer\":\"Stub answer to: hi you\",\"words\":2}");
    }
  }

  @Test
  void aJsonSchemaGetsAnObjectWithEveryPropertyOfTheSchema() throws Exception {
    try (StubServer stub = stub()) {
      String schema =
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
              + "\"temp\":{\"type\":\"number\"},\"unit\":{\"enum\":[\"c\",\"f\"]},"
              + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
              + "\"when\":{\"type\":\"string\",\"format\":\"date\"},"
              + "\"where\":{\"$ref\":\"#/$defs/place\"}},"
              + "\"required\":[\"city\",\"temp\",\"unit\",\"tags\",\"when\",\"where\"],"
              + "\"$defs\":{\"place\":{\"type\":\"object\",\"properties\":"
              + "{\"ok\":{\"type\":[\"boolean\",\"null\"]}}}}}";
      String json =
          content(
              post(
                  stub,
                  ASK
                      + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                      + "{\"name\":\"w\",\"strict\":true,\"schema\":"
                      + schema
                      + "}}}"));
      assertThat(json)
          .isEqualTo(
              "{\"city\":\"Stub answer to: hi you\",\"temp\":2,\"unit\":\"c\","
                  + "\"tags\":[\"Stub answer to: hi you\"],\"when\":\"2025-01-01\","
                  + "\"where\":{\"ok\":true}}");
    }
  }

  @Test
  void errorsHaveTypeParamAndCodeAndAnUnknownRouteIsAnInvalidUrl() throws Exception {
    try (StubServer stub = stub()) {
      stub.enqueue(Reply.apiError(429, "Rate limit reached"), Reply.apiError(404, "no such model"));
      HttpResponse<String> limited = post(stub, ASK + "}");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("x-request-id")).isPresent();
      assertThat(limited.body())
          .isEqualTo(
              "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                  + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
      assertThat(post(stub, ASK + "}").body())
          .isEqualTo(
              "{\"error\":{\"message\":\"no such model\",\"type\":\"invalid_request_error\","
                  + "\"param\":\"model\",\"code\":\"model_not_found\"}}");
      assertThat(post(stub, "not json").body())
          .startsWith("{\"error\":{\"message\":\"the request body is not JSON")
          .endsWith("\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
      HttpResponse<String> unknown = get(stub, "/v1/nothing");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body())
          .isEqualTo(
              "{\"error\":{\"message\":\"Invalid URL (GET /v1/nothing)\","
                  + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
    }
  }

  @Test
  void aStreamThatFailsSendsTheErrorEnvelopeWithParamAndCode() throws Exception {
    try (StubServer stub = stub()) {
      stub.enqueue(Reply.stream("a").failingAfterDeltas("boom"));
      assertThat(post(stub, ASK + ",\"stream\":true}").body())
          .endsWith(
              "data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,"
                  + "\"code\":null}}\n\n");
    }
  }

  @Test
  void reasoningGoesInTheChosenField() throws Exception {
    try (StubServer stub = stub()) {
      stub.enqueue(
          Reply.text("42").withReasoning("6x7"),
          Reply.text("42").withReasoning("6x7").withReasoningField(ReasoningField.REASONING),
          Reply.text("42").withReasoning("6x7").withReasoningField(ReasoningField.CONTENT_PARTS));
      assertThat(post(stub, ASK + "}").body())
          .contains(
              "\"message\":{\"role\":\"assistant\",\"reasoning_content\":\"6x7\",\"content\":\"42\"");
      assertThat(post(stub, ASK + "}").body())
          .contains("\"message\":{\"role\":\"assistant\",\"reasoning\":\"6x7\",\"content\":\"42\"");
      assertThat(post(stub, ASK + "}").body())
          .contains(
              "\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":"
                  + "\"6x7\"}]},{\"type\":\"text\",\"text\":\"42\"}],\"refusal\":null");
      HttpResponse<String> control =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/_stub/replies"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"type\":\"stream\",\"deltas\":[\"4\",\"2\"],\"reasoning\":\"6x7\","
                              + "\"reasoning_field\":\"reasoning\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(control.statusCode()).isEqualTo(200);
      assertThat(post(stub, ASK + ",\"stream\":true}").body())
          .contains("\"delta\":{\"reasoning\":\"6x7\"}")
          .contains("\"delta\":{\"content\":\"4\"}");
    }
  }

  static String content(HttpResponse<String> response) {
    JsonValue body = JsonValue.parse(response.body());
    JsonValue choice = ((JsonValue.ArrayValue) body.get("choices").orElseThrow()).elements().get(0);
    return choice
        .get("message")
        .flatMap(m -> m.get("content"))
        .flatMap(JsonValue::asString)
        .orElseThrow();
  }
}
