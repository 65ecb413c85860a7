package dev.inference.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceClient;
import dev.inference.InferenceListener;
import dev.inference.InferenceRequest;
import dev.inference.stub.Dialect;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;

/**
 * With an {@code OpenTelemetry} bean, every configured client's calls become GenAI spans; without
 * one, or with nothing configured, no listener is made.
 */
class OpenTelemetryWiringTest {

  private final StubServer stub = StubServer.start(Dialect.OPENAI);
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .build();

  @AfterEach
  void close() {
    sdk.close();
    stub.close();
  }

  private org.springframework.boot.test.context.runner.ApplicationContextRunner runner() {
    return StarterFixture.runner()
        .withConfiguration(AutoConfigurations.of(InferenceOpenTelemetryAutoConfiguration.class));
  }

  @Test
  void anOpenTelemetryBeanTurnsEveryCallIntoAGenAiSpan() {
    stub.enqueue(Reply.text("traced"));
    runner()
        .withBean(OpenTelemetry.class, () -> sdk)
        .withPropertyValues(StarterFixture.profile("fast", stub.chatEndpoint()))
        .run(
            context -> {
              assertThat(context).hasBean("inferenceTelemetryListener");
              context.getBean(InferenceClient.class).infer(InferenceRequest.of("hi"));
              // read before the context closes: closing it shuts the SDK and its exporter down
              SpanData span = spans.getFinishedSpanItems().get(0);
              assertThat(span.getName()).isEqualTo("chat fast-model");
              assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
              assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))
                  .isEqualTo("openai");
              assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
                  .as("no content unless inference.opentelemetry.capture-content is set")
                  .isNull();
            });
  }

  @Test
  void captureContentIsAProperty() {
    stub.enqueue(Reply.text("traced"));
    runner()
        .withBean(OpenTelemetry.class, () -> sdk)
        .withPropertyValues(StarterFixture.profile("fast", stub.chatEndpoint()))
        .withPropertyValues("inference.opentelemetry.capture-content=true")
        .run(
            context -> {
              context.getBean(InferenceClient.class).infer(InferenceRequest.of("hi"));
              assertThat(
                      spans
                          .getFinishedSpanItems()
                          .get(0)
                          .getAttributes()
                          .get(AttributeKey.stringKey("gen_ai.input.messages")))
                  .contains("hi");
            });
  }

  @Test
  void withoutAnOpenTelemetryBeanOrWithoutClientsThereIsNoListener() {
    runner()
        .withPropertyValues(StarterFixture.profile("fast", stub.chatEndpoint()))
        .run(context -> assertThat(context).doesNotHaveBean(InferenceListener.class));
    runner()
        .withBean(OpenTelemetry.class, () -> sdk)
        .run(context -> assertThat(context).doesNotHaveBean(InferenceListener.class));
  }
}
