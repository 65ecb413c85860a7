package dev.inference.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.inference.anthropic.AnthropicTestSupport.MARKER_KEY;
import static dev.inference.anthropic.AnthropicTestSupport.PATH;
import static dev.inference.anthropic.AnthropicTestSupport.answer;
import static dev.inference.anthropic.AnthropicTestSupport.sentBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.inference.FinishReason;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.JsonValue;
import dev.inference.Message;
import dev.inference.Usage;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole (non-streamed) calls: the exact request, the headers and what the answer becomes. */
class AnthropicChatTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String TEXT_ANSWER =
      "{\"id\":\"msg_013Zva2CMHLNnXjNJJKqJ2EF\",\"type\":\"message\",\"role\":\"assistant\","
          + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\","
          + "\"text\":\"Bonjour ! ✓\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
          + "\"usage\":{\"input_tokens\":21,\"cache_creation_input_tokens\":1500,"
          + "\"cache_read_input_tokens\":3000,\"output_tokens\":9,\"service_tier\":\"standard\"}}";

  @Test
  void aTextCallSendsExactlyThisAndReadsTheAnswer() {
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(PATH))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("request-id", "req_018EeWyXxfu5pfWkrYcMdjWG")
                    .withHeader("anthropic-ratelimit-requests-remaining", "49")
                    .withHeader("anthropic-ratelimit-tokens-reset", "2025-06-01T12:00:30Z")
                    .withBody(TEXT_ANSWER)));
    InferenceResponse response;
    try (InferenceClient client =
        Inference.connect(
            AnthropicTestSupport.settings(server.getPort())
                .temperature(0.2)
                .maxOutputTokens(300)
                .build())) {
      response =
          client.infer(
              InferenceRequest.builder()
                  .messages(
                      java.util.List.of(
                          Message.system("You translate."),
                          Message.system("Keep it short."),
                          Message.user("Say hello in French")))
                  .topP(0.9)
                  .stop(java.util.List.of("\n\nHuman:"))
                  .build());
    }

    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":300,"
                + "\"system\":\"You translate.\\n\\nKeep it short.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello in French\"}],"
                + "\"temperature\":0.2,\"top_p\":0.9,\"stop_sequences\":[\"\\n\\nHuman:\"]}");
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("x-api-key", equalTo(MARKER_KEY))
            .withHeader("anthropic-version", equalTo("2023-06-01"))
            .withHeader("anthropic-beta", absent())
            .withHeader("Authorization", absent()));
    assertThat(response.text()).isEqualTo("Bonjour ! ✓");
    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.STOP, "end_turn"));
    assertThat(response.modelName()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(response.providerRequestId()).contains("req_018EeWyXxfu5pfWkrYcMdjWG");
    assertThat(response.responseId()).contains("msg_013Zva2CMHLNnXjNJJKqJ2EF");
    assertThat(response.rateLimits())
        .containsEntry("anthropic-ratelimit-requests-remaining", "49")
        .containsEntry("anthropic-ratelimit-tokens-reset", "2025-06-01T12:00:30Z");
    // input_tokens leaves out the cache: the prompt is all three, the cached part the reads
    Usage usage = response.usage().orElseThrow();
    assertThat(usage.promptTokens()).hasValue(21 + 1500 + 3000);
    assertThat(usage.completionTokens()).hasValue(9);
    assertThat(usage.totalTokens()).hasValue(21 + 1500 + 3000 + 9);
    assertThat(usage.cachedInputTokens()).hasValue(3000);
  }

  @Test
  void withoutAnyLimitMaxTokensIsTheDocumentedDefault() {
    answer(server, TEXT_ANSWER);
    try (InferenceClient client = AnthropicTestSupport.client(server.getPort())) {
      client.infer(InferenceRequest.of("hi"));
    }
    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  @Test
  void profileKeysSetTheVersionTheBetasTheBearerAndTheUser() {
    answer(server, TEXT_ANSWER);
    try (InferenceClient client =
        Inference.connect(
            AnthropicTestSupport.settings(server.getPort())
                .option("anthropic_version", JsonValue.of("2024-01-01"))
                .option(
                    "anthropic_beta",
                    JsonValue.array(
                        java.util.List.of(
                            JsonValue.of("prompt-caching-2024-07-31"),
                            JsonValue.of("token-efficient-tools-2025-02-19"))))
                .option("auth_scheme", JsonValue.of("bearer"))
                .option("user_id", JsonValue.of("user-5f2c"))
                .build())) {
      client.infer(InferenceRequest.of("hi"));
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("anthropic-version", equalTo("2024-01-01"))
            .withHeader(
                "anthropic-beta",
                equalTo("prompt-caching-2024-07-31,token-efficient-tools-2025-02-19"))
            .withHeader("Authorization", equalTo("Bearer " + MARKER_KEY))
            .withHeader("x-api-key", absent()));
    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"metadata\":{\"user_id\":\"user-5f2c\"}}");
  }

  @Test
  void thinkingIsReasoningAndRedactedThinkingIsInNeither() {
    answer(
        server,
        "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":["
            + "{\"type\":\"thinking\",\"thinking\":\"17 is prime: no divisor up to 4.\","
            + "\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds\"},"
            + "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT\"},"
            + "{\"type\":\"text\",\"text\":\"Yes, 17 is prime.\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":40,\"output_tokens\":120}}");
    InferenceResponse response;
    try (InferenceClient client = AnthropicTestSupport.client(server.getPort())) {
      response = client.infer(InferenceRequest.of("Is 17 prime?"));
    }
    assertThat(response.text()).isEqualTo("Yes, 17 is prime.");
    assertThat(response.reasoning()).contains("17 is prime: no divisor up to 4.");
    assertThat(response.text() + response.reasoning().orElseThrow())
        .doesNotContain("EmwKAhgBEgy3va3pzix")
        .doesNotContain("EqQBCgIYAhIM");
    assertThat(response.usage().orElseThrow().totalTokens()).hasValue(160);
    assertThat(response.usage().orElseThrow().cachedInputTokens()).isEqualTo(OptionalLong.empty());
  }

  @Test
  void membersAreReadInAnyOrderAndBlocksThatAreNotAnswersAreLeftOut() {
    answer(
        server,
        "{\"model\":[\"not\",\"a\",\"string\"],"
            + "\"usage\":{\"cache_creation\":{\"ephemeral_5m_input_tokens\":0},\"output_tokens\":4,"
            + "\"input_tokens\":10,\"server_tool_use\":{\"web_search_requests\":1}},"
            + "\"content\":[{\"text\":\"A\",\"type\":\"text\",\"citations\":[{\"type\":\"x\","
            + "\"cited_text\":\"q\"}]},{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\","
            + "\"name\":\"web_search\",\"input\":{\"query\":\"q\"}},{\"signature\":\"sig\","
            + "\"thinking\":\"hmm\",\"type\":\"thinking\"},{\"type\":\"text\",\"text\":\"B\"},"
            + "{\"input\":{\"path\":\"/x\"},\"name\":\"read\",\"id\":\"toolu_1\","
            + "\"type\":\"tool_use\"}],\"stop_reason\":\"tool_use\",\"model\":\"m\","
            + "\"type\":\"message\",\"id\":\"msg_1\",\"container\":null,"
            + "\"stop_sequence\":{\"unexpected\":[1]}}");
    InferenceResponse response;
    try (InferenceClient client = AnthropicTestSupport.client(server.getPort())) {
      response = client.infer(InferenceRequest.of("Read /x"));
    }
    assertThat(response.text()).isEqualTo("AB");
    assertThat(response.reasoning()).contains("hmm");
    assertThat(response.toolCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.id()).isEqualTo("toolu_1");
              assertThat(call.name()).isEqualTo("read");
              assertThat(call.arguments()).isEqualTo(JsonValue.parse("{\"path\":\"/x\"}"));
            });
    assertThat(response.finishReason().orElseThrow().kind())
        .isEqualTo(FinishReason.Kind.TOOL_CALLS);
    assertThat(response.usage().orElseThrow().totalTokens()).hasValue(14);
    assertThat(response.modelName()).isEqualTo("m");
    assertThat(response.responseId()).contains("msg_1");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "end_turn, STOP",
    "stop_sequence, STOP",
    "max_tokens, LENGTH",
    "tool_use, TOOL_CALLS",
    "refusal, CONTENT_FILTER",
    "pause_turn, OTHER",
    "something_new, OTHER"
  })
  void stopReasonsAreNormalisedWithTheWordKept(String raw, FinishReason.Kind kind) {
    answer(
        server,
        "{\"id\":\"msg_02\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":\""
            + raw
            + "\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}");
    try (InferenceClient client = AnthropicTestSupport.client(server.getPort())) {
      assertThat(client.infer(InferenceRequest.of("x")).finishReason())
          .contains(new FinishReason(kind, raw));
    }
  }
}
