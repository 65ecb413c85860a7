package dev.inference.spring;

import static dev.inference.spring.StarterFixture.profile;
import static dev.inference.spring.StarterFixture.runner;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.spring.StarterFixture.MovableClock;
import dev.inference.stub.Dialect;
import dev.inference.stub.StubServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The indicator asks the runtimes once per time to live, on the application's clock. */
class InferenceHealthTest {

  private static long modelRequests(StubServer stub) {
    return stub.requests().stream().filter(r -> r.path().equals("/v1/models")).count();
  }

  @Test
  void upAgainstARunningStubCachedAndRefreshedAfterTheTimeToLive() {
    MovableClock clock = new MovableClock();
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      runner()
          .withBean(Clock.class, () -> clock)
          .withPropertyValues(profile("fast", stub.chatEndpoint()))
          .withPropertyValues("inference.health.cache-ttl=30s")
          .run(
              context -> {
                InferenceHealthIndicator indicator =
                    context.getBean(InferenceHealthIndicator.class);
                assertThat(context).hasBean("inferenceHealthIndicator");
                Health health = indicator.health();
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsOnlyKeys("fast");
                assertThat(modelRequests(stub)).isEqualTo(1);

                clock.advance(Duration.ofSeconds(29));
                assertThat(indicator.health()).isSameAs(health);
                assertThat(modelRequests(stub)).as("cached").isEqualTo(1);

                clock.advance(Duration.ofSeconds(1));
                assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                assertThat(modelRequests(stub)).as("refreshed").isEqualTo(2);
              });
    }
  }

  @Test
  void downWithTheDiagnosticWhenNothingListens() {
    URI closed;
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      closed = stub.chatEndpoint();
    }
    try (StubServer stub = StubServer.start(Dialect.OPENAI)) {
      runner()
          .withPropertyValues(profile("up", stub.chatEndpoint()))
          .withPropertyValues(profile("gone", closed, "api-key=sk-health-marker"))
          .run(
              context -> {
                Health health = context.getBean(InferenceHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                @SuppressWarnings("unchecked")
                Map<String, Object> gone = (Map<String, Object>) health.getDetails().get("gone");
                assertThat(gone).containsEntry("status", "DOWN");
                assertThat(String.valueOf(gone.get("diagnostic"))).isNotBlank();
                assertThat(health.getDetails().get("up")).isEqualTo(Map.of("status", "UP"));
                assertThat(health.toString()).doesNotContain("sk-health-marker");
              });
    }
  }

  @Test
  void theIndicatorCanBeTurnedOff() {
    runner()
        .withPropertyValues(profile("fast", URI.create("http://127.0.0.1:9/v1/chat/completions")))
        .withPropertyValues("management.health.inference.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(InferenceHealthIndicator.class));
  }
}
