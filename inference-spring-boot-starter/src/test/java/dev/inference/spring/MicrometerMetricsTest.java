package dev.inference.spring;

import static dev.inference.spring.StarterFixture.profile;
import static dev.inference.spring.StarterFixture.runner;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import dev.inference.stub.Dialect;
import dev.inference.stub.Reply;
import dev.inference.stub.StubServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The clients record their calls in the application's registry. */
class MicrometerMetricsTest {

  @Test
  void aCallIsTimedWithItsTagsAndItsTokensCounted() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      stub.enqueue(Reply.text("one two three"), Reply.error(400, "{\"error\":{}}"));
      runner()
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withPropertyValues(profile("fast", stub.chatEndpoint(), "api-key=sk-metrics-marker"))
          .run(
              context -> {
                InferenceClient client = context.getBean(InferenceClient.class);
                client.infer(InferenceRequest.of("hi"));
                try {
                  client.infer(InferenceRequest.of("again"));
                } catch (InferenceException expected) {
                  // recorded as its kind
                }
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                Timer success =
                    registry
                        .get("inference.client.requests")
                        .tags("profile", "fast", "provider", "openai", "model", "fast-model")
                        .tags("mode", "infer", "outcome", "success")
                        .timer();
                assertThat(success.count()).isEqualTo(1);
                assertThat(
                        registry
                            .get("inference.client.requests")
                            .tag("outcome", "invalid_request")
                            .timer()
                            .count())
                    .isEqualTo(1);
                assertThat(
                        registry
                            .get("inference.client.tokens")
                            .tags("profile", "fast", "type", "output")
                            .summary()
                            .totalAmount())
                    .isPositive();
                assertThat(registry.get("inference.client.tokens").tag("type", "input").summary())
                    .isNotNull();
                assertThat(registry.getMeters())
                    .allSatisfy(
                        meter ->
                            assertThat(meter.getId().toString())
                                .doesNotContain("sk-metrics-marker")
                                .doesNotContain("hi"));
              });
    }
  }

  @Test
  void aStreamRecordsItsFirstToken() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      stub.enqueue(Reply.stream("one ", "two"));
      runner()
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withPropertyValues(profile("fast", stub.chatEndpoint()))
          .run(
              context -> {
                StringBuilder text = new StringBuilder();
                try (InferenceStream stream =
                    context.getBean(InferenceClient.class).stream(InferenceRequest.of("hi"))) {
                  for (StreamEvent event : stream) {
                    if (event instanceof StreamEvent.TextDelta delta) {
                      text.append(delta.text());
                    }
                  }
                }
                assertThat(text).hasToString("one two");
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(
                        registry
                            .get("inference.client.first.token")
                            .tags("profile", "fast", "mode", "stream")
                            .timer()
                            .count())
                    .isEqualTo(1);
                assertThat(
                        registry
                            .get("inference.client.requests")
                            .tags("mode", "stream", "outcome", "success")
                            .timer()
                            .count())
                    .isEqualTo(1);
              });
    }
  }

  @Test
  void metricsCanBeTurnedOff() {
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      stub.enqueue(Reply.text("ok"));
      runner()
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withPropertyValues(
              profile("fast", stub.chatEndpoint(), "inference.metrics.enabled=false"))
          .run(
              context -> {
                context.getBean(InferenceClient.class).infer(InferenceRequest.of("hi"));
                assertThat(
                        context
                            .getBean(MeterRegistry.class)
                            .find("inference.client.requests")
                            .timer())
                    .isNull();
              });
    }
  }
}
