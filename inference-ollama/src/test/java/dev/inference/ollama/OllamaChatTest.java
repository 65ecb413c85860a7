package dev.inference.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.ollama.OllamaTestSupport.MARKER_KEY;
import static dev.inference.ollama.OllamaTestSupport.PATH;
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
import dev.inference.Secret;
import dev.inference.Usage;
import dev.inference.spi.ConfigKey;
import dev.inference.testkit.DriverServer;
import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Non-streaming calls of the Ollama driver over loopback HTTP, with Ollama's own bytes. */
class OllamaChatTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(OllamaTestSupport::client);

  /** A non-streamed answer as Ollama 0.11 writes it: Go field order, ns durations, no newline. */
  static final String ANSWER =
      "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.918276473Z\",\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"A terse summary \\u003c 5 lines \\u0026 no"
          + " fluff.\"},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":1843402917,"
          + "\"load_duration\":21738625,\"prompt_eval_count\":26,\"prompt_eval_duration\":"
          + "130079000,\"eval_count\":12,\"eval_duration\":1690633000}";

  private static void answer(String body) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(body)));
  }

  /** A done body with the given tail after the message (done_reason, done, metrics). */
  private static String body(String content, String tail) {
    return "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.918276473Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\"},"
        + tail
        + "}";
  }

  @Test
  void sendsTheBitloopsBodyWithStreamFalseAndReadsTheAnswer() {
    answer(ANSWER);

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
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Accept", absent()) // a buffered call needs none: every answer is JSON
            .withHeader("Authorization", absent())
            .withRequestBody(
                equalToJson(
                    """
                    {"model":"llama3.2","messages":[
                      {"role":"system","content":"You write terse summaries."},
                      {"role":"user","content":"Summarise this diff."}],
                     "options":{"temperature":0.1,"num_predict":200},"stream":false}
                    """)));
    assertThat(response.text()).isEqualTo("A terse summary < 5 lines & no fluff.");
    assertThat(response.parsedJson()).isEmpty();
    assertThat(response.reasoning()).isEmpty();
    assertThat(response.usage()).contains(Usage.of(26, 12, 38));
    assertThat(response.finishReason()).contains(FinishReason.fromProvider("stop"));
    assertThat(response.providerName()).isEqualTo("ollama");
    assertThat(response.modelName()).isEqualTo("llama3.2");
    assertThat(response.requestId()).isEqualTo("r-1");
  }

  @Test
  void everyOptionIsSentAndTheRequestOverridesTheProfile() {
    answer(ANSWER);
    ProviderSettings settings =
        OllamaTestSupport.settings(server.getPort())
            .option("num_ctx", JsonValue.of(8192))
            .option("keep_alive", JsonValue.of("10m"))
            .option("think", JsonValue.of("high"))
            .build();
    try (InferenceClient tuned = Inference.connect(settings)) {
      tuned.infer(
          InferenceRequest.builder()
              .messages(
                  List.of(
                      Message.system("s"),
                      Message.user("q1"),
                      Message.assistant("a1"),
                      Message.user("q2")))
              .temperature(0.7)
              .maxOutputTokens(5)
              .topP(0.9)
              .seed(42)
              .stop(List.of("END", "\n\n"))
              .build());
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    """
                    {"model":"llama3.2","messages":[
                      {"role":"system","content":"s"},{"role":"user","content":"q1"},
                      {"role":"assistant","content":"a1"},{"role":"user","content":"q2"}],
                     "options":{"temperature":0.7,"num_predict":5,"top_p":0.9,"seed":42,
                       "stop":["END","\\n\\n"],"num_ctx":8192},
                     "stream":false,"keep_alive":"10m","think":"high"}
                    """)));
  }

  @Test
  void noOptionsObjectWhenNothingIsSetAndTheKeyIsSentAsBearer() {
    answer(ANSWER);
    ProviderSettings settings =
        ProviderSettings.builder("ollama_chat")
            .model("gpt-oss:120b-cloud")
            .baseUrl(URI.create("http://127.0.0.1:" + server.getPort() + PATH))
            .apiKey(Secret.of(MARKER_KEY))
            .option("think", JsonValue.of(false))
            .option("keep_alive", JsonValue.of(0))
            .build();
    try (InferenceClient cloud = Inference.connect(settings)) {
      cloud.infer(InferenceRequest.of("hi"));
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + MARKER_KEY))
            .withRequestBody(
                equalToJson(
                    """
                    {"model":"gpt-oss:120b-cloud","messages":[{"role":"user","content":"hi"}],
                     "stream":false,"keep_alive":0,"think":false}
                    """)));
  }

  static Stream<Arguments> keepAliveValues() {
    return Stream.of(
        Arguments.of(JsonValue.of("5m"), "\"5m\""),
        Arguments.of(JsonValue.of("1h30m"), "\"1h30m\""),
        Arguments.of(JsonValue.of("0"), "0"),
        Arguments.of(JsonValue.of("300"), "300"),
        Arguments.of(JsonValue.of(" -1 "), "-1"),
        Arguments.of(JsonValue.of("-1m"), "\"-1m\""),
        Arguments.of(JsonValue.of(3600), "3600"));
  }

  @ParameterizedTest(name = "keep_alive {0} is sent as {1}")
  @MethodSource("keepAliveValues")
  void keepAliveIsAGoDurationOrSeconds(JsonValue option, String wire) {
    answer(ANSWER);
    try (InferenceClient tuned =
        Inference.connect(
            OllamaTestSupport.settings(server.getPort()).option("keep_alive", option).build())) {
      tuned.infer(InferenceRequest.of("hi"));
    }
    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(equalToJson("{\"keep_alive\":" + wire + "}", true, true)));
  }

  @Test
  void thinkTakesABooleanOrALevel() {
    answer(ANSWER);
    for (String[] pair :
        new String[][] {
          {"true", "true"},
          {"\"low\"", "\"low\""},
          {"\"Medium\"", "\"medium\""},
          {"\"max\"", "\"max\""}
        }) {
      server.resetRequests();
      try (InferenceClient tuned =
          Inference.connect(
              OllamaTestSupport.settings(server.getPort())
                  .option("think", JsonValue.parse(pair[0]))
                  .build())) {
        tuned.infer(InferenceRequest.of("hi"));
      }
      server.verify(
          postRequestedFor(urlEqualTo(PATH))
              .withRequestBody(equalToJson("{\"think\":" + pair[1] + "}", true, true)));
    }
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(
            "keep_alive",
            JsonValue.of("5 minutes"),
            "option 'keep_alive' must be a duration string like \"5m\" or a number of seconds, but was \"5 minutes\""),
        Arguments.of(
            "keep_alive",
            JsonValue.of(true),
            "option 'keep_alive' must be a duration string like \"5m\" or a number of seconds, but was true"),
        Arguments.of(
            "keep_alive",
            JsonValue.of(1.5),
            "option 'keep_alive' must be a duration string like \"5m\" or a number of seconds, but was 1.5"),
        Arguments.of(
            "num_ctx",
            JsonValue.of(0),
            "option 'num_ctx' must be an integer from 1 to 2147483647, but was 0"),
        Arguments.of(
            "num_ctx",
            JsonValue.of("8192"),
            "option 'num_ctx' must be an integer from 1 to 2147483647, but was \"8192\""),
        Arguments.of(
            "think",
            JsonValue.of("maximum"),
            "option 'think' must be true, false, or one of \"low\", \"medium\", \"high\","
                + " \"max\", but was \"maximum\""),
        Arguments.of(
            "think",
            JsonValue.of(1),
            "option 'think' must be true, false, or one of \"low\", \"medium\", \"high\","
                + " \"max\", but was 1"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("badOptions")
  void badProfileOptionsAreRejectedWhenTheClientIsMade(
      String key, JsonValue value, String message) {
    assertThatThrownBy(
            () ->
                Inference.connect(
                    OllamaTestSupport.settings(server.getPort()).option(key, value).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void jsonObjectModeSendsFormatJsonAndParsesTheObject() {
    answer(
        body("{\\\"summary\\\":\\\"ok\\\",\\\"n\\\":1}", "\"done_reason\":\"stop\",\"done\":true"));
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
            .withRequestBody(equalToJson("{\"format\":\"json\",\"stream\":false}", true, true)));
    assertThat(response.parsedJson()).contains(JsonValue.parse("{\"summary\":\"ok\",\"n\":1}"));
    assertThat(response.text()).isEqualTo("{\"summary\":\"ok\",\"n\":1}");
    assertThat(response.usage()).as("no counts, no usage: never invented").isEmpty();
  }

  @Test
  void jsonSchemaModeSendsTheSchemaObjectAsFormat() {
    answer(body("{\\\"title\\\":\\\"x\\\"}", "\"done_reason\":\"stop\",\"done\":true"));
    JsonValue schema =
        JsonValue.parse(
            "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}},"
                + "\"required\":[\"title\"]}");
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
            .withRequestBody(equalToJson("{\"format\":" + schema.toJson() + "}", true, true)));
    assertThat(response.parsedJson()).contains(JsonValue.parse("{\"title\":\"x\"}"));
  }

  @Test
  void thinkingIsReasoningAndNeverMixedIntoText() {
    answer(
        "{\"model\":\"qwen3:8b\",\"created_at\":\"2025-08-14T09:30:12.918276473Z\",\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"42\",\"thinking\":\"6 times 7 is 42.\"},"
            + "\"done_reason\":\"stop\",\"done\":true,\"total_duration\":912345678,"
            + "\"prompt_eval_count\":11,\"eval_count\":40}");
    InferenceResponse response = server.client().infer(InferenceRequest.of("6*7?"));
    assertThat(response.text()).isEqualTo("42");
    assertThat(response.reasoning()).contains("6 times 7 is 42.");
    assertThat(response.modelName()).isEqualTo("qwen3:8b");
  }

  @Test
  void aMissingPromptCountGivesPartialUsage() {
    // a cached prompt: prompt_eval_count is omitempty and older builds left it out
    answer(
        body(
            "cached",
            "\"done_reason\":\"stop\",\"done\":true,\"total_duration\":221234567,"
                + "\"load_duration\":1234567,\"eval_count\":12,\"eval_duration\":201234567"));
    Usage usage = server.client().infer(InferenceRequest.of("x")).usage().orElseThrow();
    assertThat(usage.promptTokens()).isEmpty();
    assertThat(usage.completionTokens()).isEqualTo(OptionalLong.of(12));
    assertThat(usage.totalTokens()).as("no total from one count").isEmpty();
    assertThat(usage.isComplete()).isFalse();
  }

  @Test
  void noCountsGiveNoUsage() {
    answer(body("x", "\"done_reason\":\"stop\",\"done\":true,\"total_duration\":221234567"));
    assertThat(server.client().infer(InferenceRequest.of("x")).usage()).isEmpty();
  }

  static Stream<Arguments> doneReasons() {
    return Stream.of(
        Arguments.of("\"done_reason\":\"stop\",\"done\":true", FinishReason.Kind.STOP, "stop"),
        Arguments.of(
            "\"done_reason\":\"length\",\"done\":true", FinishReason.Kind.LENGTH, "length"),
        Arguments.of("\"done_reason\":\"load\",\"done\":true", FinishReason.Kind.OTHER, "load"),
        Arguments.of("\"done_reason\":\"unload\",\"done\":true", FinishReason.Kind.OTHER, "unload"),
        Arguments.of("\"done\":true", FinishReason.Kind.STOP, "stop"),
        Arguments.of("\"done_reason\":\"\",\"done\":true", FinishReason.Kind.STOP, "stop"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("doneReasons")
  void doneReasonsAreNormalisedAndDoneWithoutAReasonIsStop(
      String tail, FinishReason.Kind kind, String raw) {
    answer(body("", tail));
    InferenceResponse response = server.client().infer(InferenceRequest.of("x"));
    assertThat(response.finishReason()).contains(new FinishReason(kind, raw));
    assertThat(response.text()).isEmpty();
  }

  @Test
  void stopAfterToolCallsIsToolCalls() {
    answer(
        "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.918276473Z\",\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_k3x9b2ql\","
            + "\"function\":{\"index\":0,\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}}]},"
            + "\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":80,\"eval_count\":19}");
    InferenceResponse response = server.client().infer(InferenceRequest.of("weather?"));
    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.TOOL_CALLS, "tool_calls"));
    assertThat(response.usage()).contains(Usage.of(80, 19, 99));
  }

  @Test
  void missingContentIsMalformedButEmptyContentIsAnAnswer() {
    answer(
        "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.918276473Z\","
            + "\"done_reason\":\"stop\",\"done\":true}");
    assertThatThrownBy(() -> server.client().infer(InferenceRequest.of("x")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
              assertThat(e.getMessage()).contains("without the assistant message content");
            });
    server.resetAll();
    answer(body("", "\"done_reason\":\"stop\",\"done\":true"));
    assertThat(server.client().infer(InferenceRequest.of("x")).text()).isEmpty();
  }

  @Test
  void theModelDefaultsToTheProfileWhenTheBodyNamesNone() {
    answer(
        "{\"message\":{\"role\":\"assistant\",\"content\":\"hi\",\"images\":null},\"done\":true}");
    InferenceResponse response = server.client().infer(InferenceRequest.of("x"));
    assertThat(response.modelName()).isEqualTo("llama3.2");
    assertThat(response.text()).isEqualTo("hi");
  }

  @Test
  void describeReportsTheProfileWithoutNetworkOrSecret() {
    ProviderSettings settings =
        OllamaTestSupport.settings(server.getPort()).apiKey(Secret.of(MARKER_KEY)).build();
    try (InferenceClient keyed = Inference.connect(settings)) {
      ProviderDescription description = keyed.describe();
      assertThat(description.kind()).isEqualTo("ollama_chat");
      assertThat(description.providerName()).isEqualTo("ollama");
      assertThat(description.modelName()).isEqualTo("llama3.2");
      assertThat(description.endpoint()).isEqualTo("http://127.0.0.1:" + server.getPort() + PATH);
      assertThat(description.capabilities().responseFormats())
          .containsExactlyInAnyOrder(ResponseFormat.Kind.values());
      assertThat(description.capabilities().usageReporting()).isTrue();
      assertThat(description.capabilities().streaming()).isTrue();
      assertThat(description.capabilities().reasoning()).isTrue();
      assertThat(description.toString()).doesNotContain(MARKER_KEY);
      assertThat(keyed.toString()).doesNotContain(MARKER_KEY);
    }
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void theFactoryIsFoundByServiceLoaderAndDeclaresItsKeys() {
    assertThat(Inference.drivers()).contains("ollama_chat");
    assertThat(Inference.factory("ollama_chat")).isInstanceOf(OllamaProviderFactory.class);
    assertThat(Inference.factory("ollama_chat").configKeys())
        .extracting(ConfigKey::name, ConfigKey::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("keep_alive", JsonValue.class),
            org.assertj.core.groups.Tuple.tuple("num_ctx", Long.class),
            org.assertj.core.groups.Tuple.tuple("think", JsonValue.class),
            org.assertj.core.groups.Tuple.tuple("max_frame_bytes", Long.class),
            org.assertj.core.groups.Tuple.tuple("max_body_bytes", Long.class),
            org.assertj.core.groups.Tuple.tuple("http_client", String.class));
    assertThat(Inference.factory("ollama_chat").capabilities().streaming()).isTrue();
    assertThatThrownBy(
            () -> Inference.connect(ProviderSettings.builder("ollama_chat").model("m").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ollama_chat needs base_url, the full Ollama chat endpoint, such as"
                + " http://localhost:11434/api/chat");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:11434",
        "http://127.0.0.1:11434/",
        "http://127.0.0.1:11434/api",
        "http://127.0.0.1:11434/api/generate",
        "http://127.0.0.1:11434/v1/chat/completions",
        "http://127.0.0.1:11434/api/chat/x",
        "http://127.0.0.1:11434/api/chatty"
      })
  void aBaseUrlThatIsNotTheChatEndpointIsRejected(String url) {
    assertThatThrownBy(
            () ->
                Inference.connect(
                    ProviderSettings.builder("ollama_chat")
                        .model("m")
                        .baseUrl(URI.create(url))
                        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "base_url must target the Ollama chat endpoint '/api/chat', but was '" + url + "'");
  }

  @Test
  void aRejectedBaseUrlNeverShowsCredentials() {
    assertThatThrownBy(
            () ->
                Inference.connect(
                    ProviderSettings.builder("ollama_chat")
                        .model("m")
                        .baseUrl(
                            URI.create(
                                "http://user:"
                                    + MARKER_KEY
                                    + "@127.0.0.1:11434/api?key="
                                    + MARKER_KEY))
                        .build()))
        .hasMessage(
            "base_url must target the Ollama chat endpoint '/api/chat', but was"
                + " 'http://****@127.0.0.1:11434/api?...'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/chat/", "/api/chat//", "/ollama/api/chat"})
  void theChatEndpointIsAcceptedWithTrailingSlashesOrBehindAPrefixAndPostedAsWritten(String path) {
    server.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(ANSWER)));
    try (InferenceClient proxied =
        Inference.connect(
            OllamaTestSupport.settings(server.getPort())
                .baseUrl(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .build())) {
      assertThat(proxied.infer(InferenceRequest.of("x")).text()).startsWith("A terse summary");
    }
    server.verify(postRequestedFor(urlEqualTo(path)));
  }

  @Test
  void inferAsyncCompletesWithTheSameResponse() throws Exception {
    answer(ANSWER);
    InferenceResponse response =
        server
            .client()
            .inferAsync(InferenceRequest.of("x"))
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.text()).isEqualTo("A terse summary < 5 lines & no fluff.");
    assertThat(response.usage()).contains(Usage.of(26, 12, 38));
  }
}
