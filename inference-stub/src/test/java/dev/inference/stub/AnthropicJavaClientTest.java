package dev.inference.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import dev.inference.Part;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java client ({@code com.anthropic:anthropic-java}) against the stub: every
 * served route, reply type and error, each message {@code validate()}d against the client's types.
 */
class AnthropicJavaClientTest {

  private StubServer stub;
  private AnthropicClient client;

  @BeforeEach
  void start() {
    stub = StubServer.builder(Dialect.ANTHROPIC).models("claude-x").start();
    client =
        AnthropicOkHttpClient.builder()
            .baseUrl(stub.baseUrl().toString())
            .apiKey("sk-ant-test")
            .maxRetries(0)
            .timeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    stub.close();
  }

  private static MessageCreateParams ask(String prompt) {
    return MessageCreateParams.builder()
        .model("claude-x")
        .maxTokens(64)
        .addUserMessage(prompt)
        .build();
  }

  @Test
  void aMessageValidatesAndCarriesItsRequestId() {
    HttpResponseFor<Message> raw = client.messages().withRawResponse().create(ask("hi you"));
    Message message = raw.parse().validate();
    assertThat(raw.requestId()).hasValue("req_stub000000000000000000000001");
    assertThat(message.id()).isEqualTo("msg_stub_00000001");
    assertThat(message.content().get(0).asText().text()).isEqualTo("Stub answer to: hi you");
    assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
    assertThat(message.usage().inputTokens()).isEqualTo(2);
    assertThat(message.usage().outputTokens()).isEqualTo(5);
    assertThat(message.usage().cacheReadInputTokens()).hasValue(0L);
    assertThat(message.usage().cacheCreation().orElseThrow().ephemeral5mInputTokens()).isZero();
    assertThat(message.usage().cacheCreation().orElseThrow().ephemeral1hInputTokens()).isZero();
    assertThat(message.usage().serviceTier().orElseThrow().asString()).isEqualTo("standard");
  }

  @Test
  void aStreamAccumulatesToTheSameMessage() {
    stub.enqueue(Reply.stream("Hel", "lo").withReasoning("hmm"));
    MessageAccumulator accumulator = MessageAccumulator.create();
    List<String> types = new ArrayList<>();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(ask("hi"))) {
      stream.stream()
          .forEach(
              event -> {
                accumulator.accumulate(event);
                types.add(event.isMessageStart() ? "start" : event.isMessageStop() ? "stop" : "");
              });
    }
    Message message = accumulator.message().validate();
    assertThat(types).startsWith("start").endsWith("stop");
    assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("hmm");
    assertThat(message.content().get(1).asText().text()).isEqualTo("Hello");
    assertThat(message.usage().outputTokens()).isEqualTo(2);
    // message_delta's usage is cumulative: the input counted at the start is counted again
    assertThat(message.usage().inputTokens()).isEqualTo(1);
  }

  @Test
  void toolUseArrivesWholeAndStreamed() {
    Part.ToolCall call = Part.ToolCall.parse("toolu_1", "get_weather", "{\"city\":\"Zürich\"}");
    stub.enqueue(Reply.toolCalls(call), Reply.toolCalls(call));
    Message whole = client.messages().create(ask("weather?")).validate();
    ToolUseBlock use = whole.content().get(0).asToolUse();
    assertThat(use.id()).isEqualTo("toolu_1");
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(use._input().toString()).contains("Zürich");
    assertThat(whole.stopReason()).hasValue(StopReason.TOOL_USE);
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(ask("weather?"))) {
      stream.stream().forEach(accumulator::accumulate);
    }
    ToolUseBlock streamed = accumulator.message().content().get(0).asToolUse();
    assertThat(streamed.name()).isEqualTo("get_weather");
    assertThat(streamed._input().toString()).contains("Zürich");
  }

  @Test
  void errorsCarryTheirTypeAndRequestId() {
    stub.enqueue(Reply.apiError(429, "slow down"), Reply.apiError(529, "Overloaded"));
    assertThatThrownBy(() -> client.messages().create(ask("x")))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.requestId()).isPresent();
              assertThat(e.getMessage()).contains("slow down");
            });
    assertThatThrownBy(() -> client.messages().create(ask("x")))
        .isInstanceOfSatisfying(
            AnthropicServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(529);
              assertThat(e.getMessage()).contains("overloaded_error");
            });
  }

  @Test
  void modelsAreListedAndRetrieved() {
    List<String> ids = new ArrayList<>();
    client.models().list().autoPager().forEach(m -> ids.add(m.validate().id()));
    assertThat(ids).containsExactly("claude-x");
    assertThat(client.models().retrieve("claude-x").validate().displayName()).isEqualTo("claude-x");
    assertThatThrownBy(() -> client.models().retrieve("nope"))
        .isInstanceOf(NotFoundException.class);
  }
}
