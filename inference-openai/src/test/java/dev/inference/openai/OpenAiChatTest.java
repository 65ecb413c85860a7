package dev.inference.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.openai.OpenAiTestSupport.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonSchema;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.ProviderDescription;
import dev.inference.ProviderSettings;
import dev.inference.ResponseFormat;
import dev.inference.Usage;
import dev.inference.testkit.DriverServer;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Non-streaming calls of the OpenAI driver over loopback HTTP. */
class OpenAiChatTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OpenAiTestSupport::client);

  private static void answer(String body) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-request-id", "req_abc123")
                    .withHeader("x-ratelimit-remaining-requests", "499")
                    .withBody(body)));
  }

  private static final String SUMMARY =
      """
      {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4.1-mini-2025-04-14",
       "choices":[{"index":0,"message":{"role":"assistant","content":"A terse summary.","refusal":null},
        "logprobs":null,"finish_reason":"stop"}],
       "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,
        "prompt_tokens_details":{"cached_tokens":8,"audio_tokens":0},
        "completion_tokens_details":{"reasoning_tokens":0}},"system_fingerprint":"fp_1"}
      """;

  @Test
  void nullOrEmptyTokenDetailsReportNoCachedOrReasoningCount() {
    answer(
        """
        {"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",
         "content":"ok"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6,
          "prompt_tokens_details":null,"completion_tokens_details":{}}}
        """);

    InferenceResponse response = server.client().infer(InferenceRequest.of("hi"));

    assertThat(response.usage()).contains(Usage.of(5, 1, 6));
  }

  @Test
  void sendsTheCanonicalBodyAndReadsTheCanonicalResponse() {
    answer(SUMMARY);

    InferenceResponse response =
        server
            .client()
            .infer(
                InferenceRequest.builder()
                    .systemPrompt("You write terse summaries.")
                    .userPrompt("Summarise this diff.")
                    .requestId("r-1")
                    .build());

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + OpenAiTestSupport.MARKER_KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
                    {"model":"gpt-4.1-mini","messages":[
                      {"role":"system","content":"You write terse summaries."},
                      {"role":"user","content":"Summarise this diff."}],
                     "temperature":0.1,"max_tokens":200,"stream":false}
                    """)));
    assertThat(response.text()).isEqualTo("A terse summary.");
    assertThat(response.parsedJson()).isEmpty();
    assertThat(response.usage())
        .contains(Usage.of(12, 7, 19).withReasoningTokens(0).withCachedInputTokens(8));
    assertThat(response.finishReason()).contains(FinishReason.fromProvider("stop"));
    assertThat(response.providerName()).isEqualTo("openai");
    assertThat(response.modelName()).isEqualTo("gpt-4.1-mini-2025-04-14");
    assertThat(response.requestId()).isEqualTo("r-1");
    assertThat(response.providerRequestId()).contains("req_abc123");
    assertThat(response.responseId()).contains("chatcmpl-1");
    assertThat(response.rateLimits()).containsEntry("x-ratelimit-remaining-requests", "499");
  }

  @Test
  void temperatureIsSentExactlyAsWritten() {
    answer(SUMMARY);
    server.client().infer(InferenceRequest.builder().userPrompt("hi").temperature(0.7).build());
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing(
                    "\"temperature\":0.7,")));
  }

  @Test
  void requestValuesOverrideTheProfileAndOptionalFieldsAreSentOnlyWhenSet() {
    answer(SUMMARY);
    server
        .client()
        .infer(
            InferenceRequest.builder()
                .messages(
                    List.of(
                        Message.system("s"),
                        Message.user("q1"),
                        Message.assistant("a1"),
                        Message.user("q2")))
                .temperature(0)
                .maxOutputTokens(5)
                .topP(0.9)
                .seed(42)
                .stop(List.of("END"))
                .build());
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    """
                    {"model":"gpt-4.1-mini","messages":[
                      {"role":"system","content":"s"},{"role":"user","content":"q1"},
                      {"role":"assistant","content":"a1"},{"role":"user","content":"q2"}],
                     "temperature":0.0,"max_tokens":5,"top_p":0.9,"seed":42,"stop":["END"],
                     "stream":false}
                    """)));
  }

  @Test
  void noAuthorizationHeaderWithoutAKeyAndMaxCompletionTokensWhenAsked() {
    answer(SUMMARY);
    ProviderSettings settings =
        ProviderSettings.builder("openai_chat_completions")
            .model("o4-mini")
            .baseUrl(java.net.URI.create("http://127.0.0.1:" + server.getPort() + PATH))
            .maxOutputTokens(64)
            .option("max_tokens_field", JsonValue.of("max_completion_tokens"))
            .option("organization", JsonValue.of("org-1"))
            .option("headers", JsonValue.object(Map.of("X-Gateway", JsonValue.of("blue"))))
            .build();
    try (InferenceClient keyless = Inference.connect(settings)) {
      keyless.infer(InferenceRequest.of("hi"));
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", absent())
            .withHeader("OpenAI-Organization", equalTo("org-1"))
            .withHeader("X-Gateway", equalTo("blue"))
            .withRequestBody(
                equalToJson(
                    """
                    {"model":"o4-mini","messages":[{"role":"user","content":"hi"}],
                     "max_completion_tokens":64,"stream":false}
                    """)));
  }

  @Test
  void jsonObjectModeAsksForJsonAndParsesTheObject() {
    answer(
        """
        {"choices":[{"message":{"content":"{\\"summary\\":\\"ok\\",\\"n\\":1}"},"finish_reason":"stop"}]}
        """);
    InferenceResponse response =
        server
            .client()
            .infer(
                InferenceRequest.builder()
                    .userPrompt("Reply in JSON.")
                    .responseFormat(ResponseFormat.jsonObject())
                    .build());
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson("{\"response_format\":{\"type\":\"json_object\"}}", true, true)));
    assertThat(response.parsedJson()).contains(JsonValue.parse("{\"n\":1.0,\"summary\":\"ok\"}"));
    assertThat(response.text()).isEqualTo("{\"summary\":\"ok\",\"n\":1}");
    assertThat(response.usage()).isEmpty();
    assertThat(response.modelName()).isEqualTo("gpt-4.1-mini");
  }

  @Test
  void jsonSchemaModeSendsTheSchema() {
    answer(
        """
        {"choices":[{"message":{"content":"{\\"title\\":\\"x\\"}"},"finish_reason":"stop"}]}
        """);
    JsonValue schema =
        JsonValue.parse("{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}}");
    InferenceResponse response =
        server
            .client()
            .infer(
                InferenceRequest.builder()
                    .userPrompt("title?")
                    .responseFormat(ResponseFormat.jsonSchema(JsonSchema.of("title", schema)))
                    .build());
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    "{\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"title\",\"schema\":"
                        + schema.toJson()
                        + "}}}",
                    true,
                    true)));
    assertThat(response.parsedJson()).contains(JsonValue.parse("{\"title\":\"x\"}"));
  }

  record Title(String title) {}

  @Test
  void aSchemaFromARecordIsStrictAndTheAnswerIsTheRecord() {
    answer(
        """
        {"choices":[{"message":{"content":"{\\"title\\":\\"x\\"}"},"finish_reason":"stop"}]}
        """);

    Title title = server.client().infer(InferenceRequest.of("title?"), Title.class);

    assertThat(title).isEqualTo(new Title("x"));
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    "{\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{"
                        + "\"name\":\"Title\",\"schema\":"
                        + JsonSchema.of(Title.class).schema().toJson()
                        + ",\"strict\":true}}}",
                    true,
                    true)));
  }

  @Test
  void contentArraysJoinTextPartsAndKeepThinkingApart() {
    answer(
        """
        {"model":"magistral-medium","choices":[{"message":{"role":"assistant","content":[
          {"type":"thinking","thinking":[{"type":"text","text":"Let me think."}]},
          {"type":"text","text":"Hello"},{"type":"image","url":"x"},{"type":"text","text":", world"}]},
          "finish_reason":"model_length"}]}
        """);
    InferenceResponse response = server.client().infer(InferenceRequest.of("hi"));
    assertThat(response.text()).isEqualTo("Hello, world");
    assertThat(response.reasoning()).contains("Let me think.");
    assertThat(response.finishReason().orElseThrow().kind()).isEqualTo(FinishReason.Kind.LENGTH);
    assertThat(response.finishReason().orElseThrow().raw()).isEqualTo("model_length");
  }

  @Test
  void reasoningContentAndReasoningAreNeverMixedIntoText() {
    answer(
        """
        {"choices":[{"message":{"content":"42","reasoning_content":"6 times 7."},"finish_reason":"stop"}],
         "usage":null}
        """);
    InferenceResponse response = server.client().infer(InferenceRequest.of("6*7?"));
    assertThat(response.text()).isEqualTo("42");
    assertThat(response.reasoning()).contains("6 times 7.");
    assertThat(response.usage()).as("usage: null stays absent, never zero").isEmpty();
  }

  @Test
  void partialUsageIsKeptPartialAndGroqUsageIsRead() {
    answer(
        """
        {"choices":[{"message":{"content":"a"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3}}
        """);
    Usage partial = server.client().infer(InferenceRequest.of("x")).usage().orElseThrow();
    assertThat(partial.promptTokens()).isEqualTo(OptionalLong.of(3));
    assertThat(partial.completionTokens()).isEmpty();
    assertThat(partial.totalTokens()).isEmpty();

    server.resetAll();
    answer(
        """
        {"choices":[{"message":{"content":"a"},"finish_reason":"stop"}],
         "x_groq":{"id":"req_1","usage":{"queue_time":0.01,"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}}
        """);
    assertThat(server.client().infer(InferenceRequest.of("x")).usage()).contains(Usage.of(5, 2, 7));
  }

  @Test
  void finishReasonsAreNormalisedAndRawIsKept() {
    for (String[] pair :
        new String[][] {
          {"stop", "STOP"},
          {"length", "LENGTH"},
          {"content_filter", "CONTENT_FILTER"},
          {"tool_calls", "TOOL_CALLS"},
          {"function_call", "TOOL_CALLS"},
          {"error", "ERROR"},
          {"abort", "OTHER"}
        }) {
      server.resetAll();
      answer(
          "{\"choices\":[{\"message\":{\"content\":\"\"},\"finish_reason\":\"" + pair[0] + "\"}]}");
      FinishReason reason =
          server.client().infer(InferenceRequest.of("x")).finishReason().orElseThrow();
      assertThat(reason.kind().name()).as(pair[0]).isEqualTo(pair[1]);
      assertThat(reason.raw()).isEqualTo(pair[0]);
    }
  }

  @Test
  void missingOrNullContentIsMalformedButEmptyContentIsAnAnswer() {
    answer("{\"choices\":[{\"message\":{\"content\":null},\"finish_reason\":\"stop\"}]}");
    assertThatThrownBy(() -> server.client().infer(InferenceRequest.of("x")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
    server.resetAll();
    answer("{\"choices\":[]}");
    assertThatThrownBy(() -> server.client().infer(InferenceRequest.of("x")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
    server.resetAll();
    answer("{\"choices\":[{\"message\":{\"content\":\"\"},\"finish_reason\":\"stop\"}]}");
    assertThat(server.client().infer(InferenceRequest.of("x")).text()).isEmpty();
  }

  @Test
  void inferAsyncCompletesWithTheSameResponse() throws Exception {
    answer(SUMMARY);
    InferenceResponse response =
        server
            .client()
            .inferAsync(InferenceRequest.of("x"))
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.text()).isEqualTo("A terse summary.");
  }

  @Test
  void describeReportsTheProfileWithoutNetworkOrSecret() {
    ProviderDescription description = server.client().describe();
    assertThat(description.kind()).isEqualTo("openai_chat_completions");
    assertThat(description.providerName()).isEqualTo("openai");
    assertThat(description.modelName()).isEqualTo("gpt-4.1-mini");
    assertThat(description.endpoint()).isEqualTo("http://127.0.0.1:" + server.getPort() + PATH);
    assertThat(description.capabilities().supports(ResponseFormat.Kind.JSON_SCHEMA)).isTrue();
    assertThat(description.capabilities().usageReporting()).isTrue();
    assertThat(description.capabilities().streaming()).isTrue();
    assertThat(description.toString()).doesNotContain(OpenAiTestSupport.MARKER_KEY);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void theFactoryIsFoundByServiceLoaderAndChecksItsSettings() {
    assertThat(Inference.drivers()).contains("openai_chat_completions");
    assertThat(Inference.factory("openai_chat_completions").configKeys())
        .extracting(key -> key.name())
        .containsExactly(
            "max_tokens_field",
            "organization",
            "project",
            "headers",
            "max_frame_bytes",
            "max_body_bytes",
            "http_client");
    assertThatThrownBy(
            () ->
                Inference.connect(
                    OpenAiTestSupport.settings(1)
                        .option("max_frame_bytes", JsonValue.of(10))
                        .build()))
        .hasMessage(
            "option 'max_frame_bytes' must be an integer from 1024 to 2147483647, but was 10");
    assertThatThrownBy(
            () ->
                Inference.connect(
                    OpenAiTestSupport.settings(1)
                        .option("max_body_bytes", JsonValue.of(-1))
                        .build()))
        .hasMessage(
            "option 'max_body_bytes' must be an integer from 1024 to 2147483647, but was -1");
    assertThatThrownBy(
            () ->
                Inference.connect(
                    ProviderSettings.builder("openai_chat_completions").model("m").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs base_url");
    assertThatThrownBy(
            () ->
                Inference.connect(
                    OpenAiTestSupport.settings(1)
                        .option("max_tokens_field", JsonValue.of("tokens"))
                        .build()))
        .hasMessage(
            "option 'max_tokens_field' must be one of max_tokens, max_completion_tokens, but was"
                + " \"tokens\"");
    assertThatThrownBy(() -> Inference.connect(ProviderSettings.builder("nope").model("m").build()))
        .hasMessageStartingWith("no driver 'nope'; installed drivers: ")
        .hasMessageContaining("openai_chat_completions");
  }
}
