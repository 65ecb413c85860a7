package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.inference.Part;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java client ({@code com.openai:openai-java}) against the stub: every served
 * route, reply type and error, with each answer {@code validate()}d against the client's own types;
 * {@code validate()} accepts a missing nullable field, so the fields the API sends as {@code null}
 * are checked as present and null ({@code _refusal().isNull()}), not only empty.
 */
class OpenAiJavaClientTest {

  private StubServer stub;
  private OpenAIClient client;

  @BeforeEach
  void start() {
    stub = StubServer.builder(Dialect.OPENAI).models("gpt-x", "gpt-y").start();
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(stub.baseUrl() + "/v1")
            .apiKey("sk-test")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    stub.close();
  }

  private static ChatCompletionCreateParams.Builder ask(String prompt) {
    return ChatCompletionCreateParams.builder().model("gpt-x").addUserMessage(prompt);
  }

  @Test
  @SuppressWarnings("deprecation") // system_fingerprint is deprecated, and still sent
  void aCompletionValidatesAndCarriesEveryField() {
    HttpResponseFor<ChatCompletion> raw =
        client.chat().completions().withRawResponse().create(ask("hi you").build());
    ChatCompletion completion = raw.parse().validate();
    assertThat(raw.requestId()).hasValue("req_stub000000000000000000000001");
    assertThat(completion.id()).isEqualTo("chatcmpl-stub-00000001");
    assertThat(completion.model()).isEqualTo("gpt-x");
    assertThat(completion.systemFingerprint()).hasValue("fp_stub");
    assertThat(completion.serviceTier().map(Object::toString)).hasValue("default");
    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(choice._logprobs().isNull()).isTrue();
    assertThat(choice.message().content()).hasValue("Stub answer to: hi you");
    assertThat(choice.message()._refusal().isNull()).isTrue();
    assertThat(choice.message().annotations()).hasValue(List.of());
    var usage = completion.usage().orElseThrow();
    assertThat(usage.promptTokens()).isEqualTo(2);
    assertThat(usage.completionTokens()).isEqualTo(5);
    assertThat(usage.totalTokens()).isEqualTo(7);
    assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).hasValue(0L);
    assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).hasValue(0L);
  }

  @Test
  void aStreamWithUsageEndsWithTheUsageChunk() {
    stub.enqueue(Reply.stream("Hel", "lo").withUsage(3, 2));
    List<ChatCompletionChunk> chunks = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client
            .chat()
            .completions()
            .createStreaming(
                ask("hi")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream().forEach(chunk -> chunks.add(chunk.validate()));
    }
    StringBuilder text = new StringBuilder();
    for (ChatCompletionChunk chunk : chunks) {
      chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
    }
    assertThat(text).hasToString("Hello");
    assertThat(chunks.get(0).choices().get(0).delta().role().map(Object::toString))
        .hasValue("assistant");
    assertThat(chunks.stream().map(ChatCompletionChunk::id).distinct()).hasSize(1);
    ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
    assertThat(finish.choices().get(0).finishReason())
        .hasValue(ChatCompletionChunk.Choice.FinishReason.STOP);
    assertThat(finish._usage().isNull()).isTrue();
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.choices()).isEmpty();
    assertThat(last.usage().orElseThrow().totalTokens()).isEqualTo(5);
  }

  @Test
  void toolCallsArriveWholeAndInFragments() {
    Part.ToolCall weather = Part.ToolCall.parse("call_w", "get_weather", "{\"city\":\"Zürich\"}");
    stub.enqueue(
        Reply.toolCalls(weather), Reply.text("Let me see.").withToolCalls(List.of(weather)));
    ChatCompletion completion = client.chat().completions().create(ask("weather?").build());
    completion.validate();
    ChatCompletion.Choice choice = completion.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(choice.message().content()).isEmpty();
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.id()).isEqualTo("call_w");
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Zürich\"}");

    Map<Long, StringBuilder> arguments = new TreeMap<>();
    StringBuilder text = new StringBuilder();
    List<String> names = new ArrayList<>();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(ask("weather?").build())) {
      stream.stream()
          .flatMap(chunk -> chunk.validate().choices().stream())
          .forEach(
              c -> {
                c.delta().content().ifPresent(text::append);
                c.delta()
                    .toolCalls()
                    .ifPresent(
                        calls ->
                            calls.forEach(
                                d -> {
                                  d.function().flatMap(f -> f.name()).ifPresent(names::add);
                                  d.function()
                                      .flatMap(f -> f.arguments())
                                      .ifPresent(
                                          a ->
                                              arguments
                                                  .computeIfAbsent(
                                                      d.index(), i -> new StringBuilder())
                                                  .append(a));
                                }));
              });
    }
    assertThat(text).hasToString("Let me see.");
    assertThat(names).containsExactly("get_weather");
    assertThat(arguments.get(0L)).hasToString("{\"city\":\"Zürich\"}");
  }

  @Test
  void jsonModeAnswersAnObjectAndTextModeText() {
    ChatCompletion json =
        client
            .chat()
            .completions()
            .create(
                ask("two words json")
                    .responseFormat(ResponseFormatJsonObject.builder().build())
                    .build());
    assertThat(json.choices().get(0).message().content())
        .hasValue("{\"answer\":\"Stub answer to: two words json\",\"words\":3}");
  }

  @Test
  void errorsCarryStatusTypeCodeParamAndRequestId() {
    stub.enqueue(
        Reply.apiError(429, "Rate limit reached").withHeader("retry-after", "1"),
        Reply.apiError(404, "The model 'nope' does not exist"));
    assertThatThrownBy(() -> client.chat().completions().create(ask("x").build()))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.type()).hasValue("requests");
              assertThat(e.code()).hasValue("rate_limit_exceeded");
              assertThat(e.headers().values("x-request-id")).hasSize(1);
              assertThat(e.getMessage()).contains("Rate limit reached");
            });
    assertThatThrownBy(() -> client.chat().completions().create(ask("x").build()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.param()).hasValue("model");
              assertThat(e.code()).hasValue("model_not_found");
            });
  }

  @Test
  void aStreamThatFailsAfterItsDeltasThrowsTheServersMessage() {
    stub.enqueue(Reply.stream("a", "b").failingAfterDeltas("the model crashed"));
    List<String> text = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (StreamResponse<ChatCompletionChunk> stream =
                  client.chat().completions().createStreaming(ask("x").build())) {
                stream.stream()
                    .flatMap(c -> c.choices().stream())
                    .forEach(c -> c.delta().content().ifPresent(text::add));
              }
            })
        .isInstanceOf(OpenAIServiceException.class)
        .hasMessageContaining("the model crashed");
    assertThat(String.join("", text)).isEqualTo("ab");
  }

  @Test
  void modelsAreListedAndRetrievedAndAnUnknownOneIsNotFound() {
    List<String> ids = new ArrayList<>();
    client.models().list().autoPager().forEach(m -> ids.add(m.validate().id()));
    assertThat(ids).containsExactly("gpt-x", "gpt-y");
    Model model = client.models().retrieve("gpt-y").validate();
    assertThat(model.id()).isEqualTo("gpt-y");
    assertThat(model.ownedBy()).isEqualTo("stub");
    assertThatThrownBy(() -> client.models().retrieve("nope"))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.code()).hasValue("model_not_found"));
  }
}
