package dev.inference.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import dev.inference.stub.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Prompts and answers appear only when asked for; the API key never appears. */
class ContentAndSecretsTest {

  private static final String SYSTEM = "You are terse.";
  private static final String PROMPT = "What is the capital of Finland?";
  private static final String ANSWER = "Helsinki";

  private final TelemetryFixture fixture = new TelemetryFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static InferenceRequest request() {
    return InferenceRequest.builder().systemPrompt(SYSTEM).userPrompt(PROMPT).build();
  }

  @Test
  void contentIsRecordedAsTheConventionsJsonWhenSwitchedOn() throws Exception {
    fixture.stub.enqueue(Reply.text(ANSWER).withUsage(10, 2));
    fixture.client(true).infer(request());
    fixture.awaitCalls(1);

    SpanData span = fixture.onlySpan();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.system_instructions")))
        .isEqualTo("[{\"type\":\"text\",\"content\":\"You are terse.\"}]");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
        .isEqualTo(
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + PROMPT + "\"}]}]");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")))
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Helsinki\"}],"
                + "\"finish_reason\":\"stop\"}]");
  }

  @Test
  void contentIsNeverRecordedByDefault() throws Exception {
    fixture.stub.enqueue(Reply.text(ANSWER), Reply.stream("Hel", "sinki"));
    InferenceClient client = fixture.client(false);
    client.infer(request());
    try (InferenceStream stream = client.stream(request())) {
      stream.forEach(event -> {});
    }
    fixture.awaitCalls(2);

    List<SpanData> spans = fixture.spans.getFinishedSpanItems();
    assertThat(spans).hasSize(2);
    for (SpanData span : spans) {
      assertThat(span.getAttributes().asMap().keySet())
          .extracting(AttributeKey::getKey)
          .doesNotContain(
              "gen_ai.system_instructions", "gen_ai.input.messages", "gen_ai.output.messages");
      assertThat(everything(span)).doesNotContain(PROMPT, SYSTEM, ANSWER, "sinki");
    }
  }

  @Test
  void theKeyAppearsInNoSpanEventOrMetricEvenWhenTheProviderEchoesIt() throws Exception {
    String echo =
        "{\"error\":{\"message\":\"Incorrect API key provided: " + TelemetryFixture.KEY + "\"}}";
    fixture.stub.enqueue(
        Reply.error(503, echo).withHeader("retry-after-ms", "1"),
        Reply.text(ANSWER),
        Reply.error(401, echo),
        Reply.stream("a", "b", "c").stallingAfterDeltas());
    InferenceClient client = fixture.client(true, settings -> settings.maxRetries(1));
    client.infer(request());
    assertThatThrownBy(() -> client.infer(request())).hasMessageNotContaining(TelemetryFixture.KEY);
    try (InferenceStream stream = client.stream(request())) {
      assertThat(stream.iterator().next()).isInstanceOf(StreamEvent.TextDelta.class);
    }
    fixture.awaitCalls(3);

    List<String> exported = new ArrayList<>();
    fixture.spans.getFinishedSpanItems().forEach(span -> exported.add(everything(span)));
    fixture.collectMetrics().forEach(metric -> exported.add(metric.toString()));
    assertThat(exported).hasSize(3 + 2);
    assertThat(String.join("\n", exported))
        .as("spans with content on, their events, and the metrics")
        .contains("inference.attempt.failed", PROMPT)
        .doesNotContain(TelemetryFixture.KEY, "MARKER", "Bearer");
  }

  /** A span as text: name, attributes, events with theirs, status, resource. */
  private static String everything(SpanData span) {
    return span.toString() + span.getEvents() + span.getAttributes() + span.getResource();
  }
}
