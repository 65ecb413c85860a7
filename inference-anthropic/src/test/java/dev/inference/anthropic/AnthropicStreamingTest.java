package dev.inference.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.inference.anthropic.AnthropicTestSupport.MESSAGE_START;
import static dev.inference.anthropic.AnthropicTestSupport.MESSAGE_STOP;
import static dev.inference.anthropic.AnthropicTestSupport.PATH;
import static dev.inference.anthropic.AnthropicTestSupport.PING;
import static dev.inference.anthropic.AnthropicTestSupport.blockStart;
import static dev.inference.anthropic.AnthropicTestSupport.blockStop;
import static dev.inference.anthropic.AnthropicTestSupport.delta;
import static dev.inference.anthropic.AnthropicTestSupport.event;
import static dev.inference.anthropic.AnthropicTestSupport.messageDelta;
import static dev.inference.anthropic.AnthropicTestSupport.sentBody;
import static dev.inference.anthropic.AnthropicTestSupport.sse;
import static dev.inference.anthropic.AnthropicTestSupport.textDelta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.StreamEvent;
import dev.inference.Usage;
import dev.inference.testkit.DriverServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Streamed calls: named events, pings, thinking, mid-stream errors and cut streams. */
class AnthropicStreamingTest {

  @RegisterExtension
  static final DriverServer server = DriverServer.connecting(AnthropicTestSupport::client);

  private List<StreamEvent> streamed(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    return AnthropicTestSupport.readAll(server.client(), InferenceRequest.of("Hello"));
  }

  private static InferenceResponse completed(List<StreamEvent> events) {
    assertThat(events).last().isInstanceOf(StreamEvent.Completed.class);
    return ((StreamEvent.Completed) events.get(events.size() - 1)).response();
  }

  @Test
  void textDeltasWithPingsBetweenThemJoinToTheAnswer() {
    List<StreamEvent> events =
        streamed(
            sse(
                MESSAGE_START,
                blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                PING,
                textDelta(0, "Hello"),
                PING,
                textDelta(0, " wörld ✓"),
                PING,
                blockStop(0),
                messageDelta("end_turn", 15),
                MESSAGE_STOP));

    assertThat(sentBody(server))
        .isEqualTo(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true}");
    assertThat(events.subList(0, events.size() - 1))
        .containsExactly(new StreamEvent.TextDelta("Hello"), new StreamEvent.TextDelta(" wörld ✓"));
    InferenceResponse response = completed(events);
    assertThat(response.text()).isEqualTo("Hello wörld ✓");
    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.STOP, "end_turn"));
    assertThat(response.modelName()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(response.providerRequestId()).contains(AnthropicTestSupport.REQUEST_ID);
    assertThat(response.responseId()).contains("msg_014p7gG3wDgGV9EUtLvnow3U");
    // input from message_start, output from message_delta (which replaces the 2 of the start)
    Usage usage = response.usage().orElseThrow();
    assertThat(usage.promptTokens()).hasValue(472);
    assertThat(usage.completionTokens()).hasValue(15);
    assertThat(usage.totalTokens()).hasValue(487);
    assertThat(usage.cachedInputTokens()).hasValue(0);
  }

  @Test
  void thinkingStreamsAsReasoningAndNeverAsText() {
    List<StreamEvent> events =
        streamed(
            sse(
                MESSAGE_START,
                blockStart(0, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"),
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"Let me see: \"}"),
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"27 = 3 × 9.\"}"),
                delta(0, "{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9G\"}"),
                blockStop(0),
                blockStart(1, "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix\"}"),
                blockStop(1),
                blockStart(2, "{\"type\":\"text\",\"text\":\"\"}"),
                textDelta(2, "27 is not prime."),
                blockStop(2),
                messageDelta("end_turn", 60),
                MESSAGE_STOP));

    assertThat(events.subList(0, events.size() - 1))
        .containsExactly(
            new StreamEvent.ReasoningDelta("Let me see: "),
            new StreamEvent.ReasoningDelta("27 = 3 × 9."),
            new StreamEvent.TextDelta("27 is not prime."));
    InferenceResponse response = completed(events);
    assertThat(response.text()).isEqualTo("27 is not prime.");
    assertThat(response.reasoning()).contains("Let me see: 27 = 3 × 9.");
    assertThat(response.text() + response.reasoning().orElseThrow())
        .doesNotContain("EmwKAhgBEgy3va3pzix")
        .doesNotContain("EqQBCgIYAhIM");
  }

  @Test
  void anErrorEventMidStreamIsTypedAndKeepsThePartialText() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                sse(
                    MESSAGE_START,
                    blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                    textDelta(0, "Once upon"),
                    PING,
                    textDelta(0, " a time"),
                    event(
                        "error",
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                            + "\"message\":\"Overloaded\"},"
                            + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}"))));
    List<StreamEvent> seen = new ArrayList<>();

    assertThatThrownBy(() -> readInto(seen))
        .isInstanceOfSatisfying(
            InferenceException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(failure.isRetryable()).isTrue();
              assertThat(failure.providerCode()).contains("overloaded_error");
              assertThat(failure.partialText()).contains("Once upon a time");
              assertThat(failure.getMessage()).contains("Overloaded");
            });
    assertThat(seen)
        .containsExactly(
            new StreamEvent.TextDelta("Once upon"), new StreamEvent.TextDelta(" a time"));
  }

  @Test
  void aStreamCutBeforeMessageStopIsTruncatedEvenAfterItsStopReason() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                sse(
                    MESSAGE_START,
                    blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                    textDelta(0, "All but"),
                    textDelta(0, " the end"),
                    blockStop(0),
                    messageDelta("end_turn", 4))));
    List<StreamEvent> seen = new ArrayList<>();

    assertThatThrownBy(() -> readInto(seen))
        .isInstanceOfSatisfying(
            InferenceException.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(ErrorKind.STREAM_TRUNCATED);
              assertThat(failure.partialText()).contains("All but the end");
            });
    assertThat(seen).hasSize(2);
  }

  @Test
  void eventsWithoutEventLinesAreReadByTheirType() {
    List<StreamEvent> events =
        streamed(
            sse(
                "data: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-x\","
                    + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n",
                "data: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}\n\n",
                "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},"
                    + "\"usage\":{\"output_tokens\":1}}\n\n",
                "data: {\"type\":\"message_stop\"}\n\n"));
    InferenceResponse response = completed(events);
    assertThat(response.text()).isEqualTo("ok");
    assertThat(response.finishReason())
        .contains(new FinishReason(FinishReason.Kind.LENGTH, "max_tokens"));
    assertThat(response.usage().orElseThrow().totalTokens()).hasValue(4);
  }

  private void readInto(List<StreamEvent> seen) {
    try (var stream = server.client().stream(InferenceRequest.of("Hello"))) {
      for (StreamEvent event : stream) {
        seen.add(event);
      }
    }
  }
}
