package dev.inference.opentelemetry;

import static dev.inference.opentelemetry.TelemetryFixture.MODEL;
import static dev.inference.opentelemetry.TelemetryFixture.SERVED_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceResponse;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import dev.inference.stub.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans that end on another thread than they started: streams and asynchronous calls. */
class StreamAndAsyncSpanTest {

  private static final AttributeKey<Double> FIRST_CHUNK =
      AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");

  private final TelemetryFixture fixture = new TelemetryFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aCompletedStreamEndsItsSpanWithTheFirstChunkRecorded() throws Exception {
    fixture.stub.enqueue(
        Reply.stream("Hello", ", ", "world")
            .withModel(SERVED_MODEL)
            .withUsage(9, 4)
            .withId("chatcmpl-stub"));
    InferenceClient client = fixture.client(false);
    Span parent = fixture.sdk.getTracer("test").spanBuilder("handler").startSpan();

    StringBuilder text = new StringBuilder();
    InferenceRequest request = InferenceRequest.of("Say hello");
    try (InferenceStream stream =
        Context.current().with(parent).wrap(() -> client.stream(request)).call()) {
      for (StreamEvent event : stream) {
        if (event instanceof StreamEvent.TextDelta delta) {
          text.append(delta.text());
        }
      }
    }
    parent.end();
    fixture.awaitCalls(1);

    assertThat(text).hasToString("Hello, world");
    SpanData span = span("chat " + MODEL);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getEvents())
        .extracting(EventData::getName)
        .containsExactly("inference.first_chunk");
    assertThat(span.getAttributes().get(FIRST_CHUNK)).isNotNull().isGreaterThanOrEqualTo(0.0);
    assertThat(span.getAttributes().asMap())
        .containsAllEntriesOf(CallSpanTest.requestAttributes(fixture.stub.port()))
        .containsEntry(AttributeKey.stringKey("gen_ai.response.model"), SERVED_MODEL)
        .containsEntry(AttributeKey.stringKey("gen_ai.response.id"), "chatcmpl-stub")
        .containsEntry(
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"))
        .containsEntry(AttributeKey.longKey("gen_ai.usage.input_tokens"), 9L)
        .containsEntry(AttributeKey.longKey("gen_ai.usage.output_tokens"), 4L)
        .hasSize(CallSpanTest.requestAttributes(0).size() + 6);
  }

  @Test
  void aStreamClosedEarlyEndsItsSpanAsCancelledNotAsAnError() throws Exception {
    fixture.stub.enqueue(Reply.stream("Once", " upon", " a time").stallingAfterDeltas());
    InferenceClient client = fixture.client(false);

    try (InferenceStream stream = client.stream(InferenceRequest.of("Tell a story"))) {
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).isEqualTo(new StreamEvent.TextDelta("Once"));
    }
    fixture.awaitCalls(1);

    SpanData span = fixture.onlySpan();
    assertThat(span.getName()).isEqualTo("chat " + MODEL);
    assertThat(span.hasEnded()).isTrue();
    assertThat(span.getStatus().getStatusCode())
        .as("the caller closing is not the provider failing")
        .isEqualTo(StatusCode.UNSET);
    assertThat(span.getEvents())
        .extracting(EventData::getName)
        .containsExactly("inference.first_chunk", "inference.cancelled");
    assertThat(span.getAttributes().get(FIRST_CHUNK)).isNotNull();
    assertThat(span.getAttributes().asMap())
        .containsAllEntriesOf(CallSpanTest.requestAttributes(fixture.stub.port()))
        .doesNotContainKey(AttributeKey.stringKey("error.type"))
        .doesNotContainKey(AttributeKey.stringKey("gen_ai.response.model"))
        .hasSize(CallSpanTest.requestAttributes(0).size() + 1);
  }

  @Test
  void anAsyncCallEndingOnAnotherThreadIsAChildOfTheCallersSpan() throws Exception {
    fixture.stub.enqueue(Reply.text("later").withModel(SERVED_MODEL).withUsage(2, 1));
    InferenceClient client = fixture.client(false);
    Tracer tracer = fixture.sdk.getTracer("test");
    Span parent = tracer.spanBuilder("handler").startSpan();

    CompletableFuture<InferenceResponse> answer =
        Context.current()
            .with(parent)
            .wrap(() -> client.inferAsync(InferenceRequest.of("hi")))
            .call();
    assertThat(answer.get(10, TimeUnit.SECONDS).text()).isEqualTo("later");
    parent.end();
    fixture.awaitCalls(1);

    assertThat(fixture.endThreads())
        .as("the call ended on the client's thread, not the caller's")
        .hasSize(1)
        .doesNotContain(Thread.currentThread().getName());
    SpanData span = span("chat " + MODEL);
    assertThat(span.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getEvents()).isEmpty();
    assertThat(span.getAttributes().get(FIRST_CHUNK)).as("not a stream").isNull();
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
        .isEqualTo(1L);
  }

  private SpanData span(String name) {
    List<SpanData> named =
        fixture.spans.getFinishedSpanItems().stream()
            .filter(span -> span.getName().equals(name))
            .toList();
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }
}
