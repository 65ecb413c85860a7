package dev.inference.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.FallbackPolicy;
import dev.inference.Inference;
import dev.inference.InferenceClient;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.stub.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fallback hop is an attempt of the same call: an event on the caller's span. */
class FallbackSpanTest {

  private final TelemetryFixture fixture = new TelemetryFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void a_hop_is_an_attempt_failed_event_on_the_callers_span_with_both_clients() throws Exception {
    fixture.stub.enqueue(Reply.error(503, "{\"error\":{\"message\":\"busy\"}}"), Reply.text("ok"));
    InferenceClient primary = fixture.client(false);
    InferenceClient secondary = fixture.client(false, settings -> settings.model("backup-model"));
    InferenceListener telemetry = InferenceTelemetry.builder(fixture.sdk).build().listener();
    InferenceClient client =
        Inference.fallback(
            List.of(primary, secondary), FallbackPolicy.builder().listener(telemetry).build());

    Span app = fixture.sdk.getTracer("app").spanBuilder("app").startSpan();
    Scope scope = app.makeCurrent();
    try {
      assertThat(client.infer(InferenceRequest.of("hi")).modelName()).isNotEmpty();
    } finally {
      scope.close();
      app.end();
    }
    fixture.awaitCalls(2);

    List<SpanData> finished = fixture.spans.getFinishedSpanItems();
    SpanData appSpan =
        finished.stream().filter(span -> span.getName().equals("app")).findFirst().orElseThrow();
    List<EventData> hops = appSpan.getEvents();
    assertThat(hops).hasSize(1);
    EventData hop = hops.get(0);
    assertThat(hop.getName()).isEqualTo("inference.attempt.failed");
    assertThat(hop.getAttributes().get(AttributeKey.longKey("inference.attempt.number")))
        .isEqualTo(1L);
    assertThat(hop.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("unavailable");
    assertThat(hop.getAttributes().get(AttributeKey.stringKey("inference.fallback.from")))
        .isEqualTo("openai/" + TelemetryFixture.MODEL);
    assertThat(hop.getAttributes().get(AttributeKey.stringKey("inference.fallback.to")))
        .isEqualTo("openai/backup-model");
    // each client's call is a span of its own under the caller's
    assertThat(finished)
        .filteredOn(span -> !span.getName().equals("app"))
        .hasSize(2)
        .allMatch(span -> span.getParentSpanId().equals(appSpan.getSpanId()));
  }
}
