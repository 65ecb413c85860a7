package dev.inference.opentelemetry;

import static dev.inference.opentelemetry.TelemetryFixture.MODEL;
import static dev.inference.opentelemetry.TelemetryFixture.SERVED_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.stub.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The span of a blocking call: answered, answered after a retry, failed. */
class CallSpanTest {

  private final TelemetryFixture fixture = new TelemetryFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  /** The attributes every span of the fixture's client starts with. */
  static Map<AttributeKey<?>, Object> requestAttributes(int port) {
    return Map.of(
        AttributeKey.stringKey("gen_ai.operation.name"),
        "chat",
        AttributeKey.stringKey("gen_ai.provider.name"),
        "openai",
        AttributeKey.stringKey("gen_ai.request.model"),
        MODEL,
        AttributeKey.doubleKey("gen_ai.request.temperature"),
        0.25,
        AttributeKey.longKey("gen_ai.request.max_tokens"),
        200L,
        AttributeKey.stringKey("server.address"),
        "127.0.0.1",
        AttributeKey.longKey("server.port"),
        (long) port);
  }

  @Test
  void anAnsweredCallIsOneClientSpanWithTheConventionsAttributes() throws Exception {
    fixture.stub.enqueue(
        Reply.text("Hello there").withModel(SERVED_MODEL).withUsage(12, 3).withId("chatcmpl-stub"));
    InferenceClient client = fixture.client(false);

    client.infer(
        InferenceRequest.builder()
            .userPrompt("Say hello")
            .topP(0.9)
            .seed(42)
            .stop(List.of("END"))
            .build());
    fixture.awaitCalls(1);

    SpanData span = fixture.onlySpan();
    assertThat(span.getName()).isEqualTo("chat " + MODEL);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getParentSpanContext().isValid())
        .as("a root span: no context was current")
        .isFalse();
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.inference");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getEvents()).isEmpty();
    assertThat(span.getAttributes().asMap())
        .containsAllEntriesOf(requestAttributes(fixture.stub.port()))
        .containsEntry(AttributeKey.doubleKey("gen_ai.request.top_p"), 0.9)
        .containsEntry(AttributeKey.longKey("gen_ai.request.seed"), 42L)
        .containsEntry(AttributeKey.stringArrayKey("gen_ai.request.stop_sequences"), List.of("END"))
        .containsEntry(AttributeKey.stringKey("gen_ai.response.model"), SERVED_MODEL)
        .containsEntry(AttributeKey.stringKey("gen_ai.response.id"), "chatcmpl-stub")
        .containsEntry(
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"))
        .containsEntry(AttributeKey.longKey("gen_ai.usage.input_tokens"), 12L)
        .containsEntry(AttributeKey.longKey("gen_ai.usage.output_tokens"), 3L)
        .hasSize(requestAttributes(0).size() + 8);
  }

  @Test
  void aRetriedCallIsOneSpanWithAnEventPerFailedAttempt() throws Exception {
    fixture.stub.enqueue(
        Reply.error(503, "{\"error\":{\"message\":\"overloaded\"}}")
            .withHeader("retry-after-ms", "5"),
        Reply.error(502, "{\"error\":{\"message\":\"bad gateway\"}}")
            .withHeader("retry-after-ms", "7"),
        Reply.text("recovered").withModel(SERVED_MODEL).withUsage(5, 1));
    InferenceClient client =
        fixture.client(
            false, settings -> settings.maxRetries(2).retryMaxBackoff(Duration.ofSeconds(1)));

    assertThat(client.infer(InferenceRequest.of("hi")).text()).isEqualTo("recovered");
    fixture.awaitCalls(1);

    SpanData span = fixture.onlySpan();
    assertThat(fixture.stub.chatRequests()).as("attempts the stub saw").hasSize(3);
    assertThat(span.getName()).isEqualTo("chat " + MODEL);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
    assertThat(span.getEvents())
        .extracting(EventData::getName, EventData::getAttributes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "inference.attempt.failed",
                Attributes.builder()
                    .put("inference.attempt.number", 1L)
                    .put("error.type", "unavailable")
                    .put("inference.retry.delay", 0.005)
                    .build()),
            org.assertj.core.groups.Tuple.tuple(
                "inference.attempt.failed",
                Attributes.builder()
                    .put("inference.attempt.number", 2L)
                    .put("error.type", "server_error")
                    .put("inference.retry.delay", 0.007)
                    .build()));
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(5L);
  }

  @Test
  void aFailedCallEndsItsSpanWithErrorTypeAndStatus() throws Exception {
    fixture.stub.enqueue(
        Reply.error(
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: "
                + TelemetryFixture.KEY
                + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
    InferenceClient client = fixture.client(false);

    assertThatThrownBy(() -> client.infer(InferenceRequest.of("hi")))
        .isInstanceOfSatisfying(
            InferenceException.class,
            failure -> assertThat(failure.kind()).isEqualTo(ErrorKind.AUTHENTICATION));
    fixture.awaitCalls(1);

    SpanData span = fixture.onlySpan();
    assertThat(span.getName()).isEqualTo("chat " + MODEL);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription())
        .as("no message, which could echo anything")
        .isEmpty();
    assertThat(span.getEvents()).as("a refused key is not retried").isEmpty();
    assertThat(span.getAttributes().asMap())
        .containsAllEntriesOf(requestAttributes(fixture.stub.port()))
        .containsEntry(AttributeKey.stringKey("error.type"), "authentication")
        .hasSize(requestAttributes(0).size() + 1);
  }
}
