package dev.inference.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.http.HttpRuntimeOperations;
import dev.inference.runtime.RuntimeOperations;
import dev.inference.runtime.RuntimeStatus;
import dev.inference.spi.DriverContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code awaitReady} waits on the context's clock and scheduler, so a fake one costs no time. */
class AwaitReadyOnAFakeClockTest {

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void stopThreads() {
    executor.shutdownNow();
  }

  private HttpChatClient client() {
    return TestDialect.client(
        TestDialect.settings(1).build(),
        DriverContext.builder()
            .clock(time.clock)
            .scheduler(time.scheduler)
            .executor(executor)
            .build());
  }

  /** Not ready for the first {@code loading} probes. */
  private static HttpRuntimeOperations operations(HttpChatClient client, int loading) {
    AtomicInteger probes = new AtomicInteger();
    return new HttpRuntimeOperations(client) {
      @Override
      protected RuntimeStatus probe() {
        if (probes.incrementAndGet() <= loading) {
          return RuntimeStatus.notReady(
              RuntimeStatus.State.UNKNOWN,
              RuntimeOperations.ErrorClass.PROVIDER_ERROR,
              "still loading");
        }
        return RuntimeStatus.ready("1", List.of());
      }
    };
  }

  @Test
  void theBackoffBetweenProbesPassesOnTheFakeClock() {
    try (HttpChatClient client = client()) {
      assertThat(operations(client, 3).awaitReady(Duration.ofMinutes(1)).ok()).isTrue();
    }
    // 100 + 200 + 400 ms of backoff
    assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void aRuntimeThatNeverGetsReadyTimesOutOnTheFakeClock() {
    try (HttpChatClient client = client()) {
      HttpRuntimeOperations never = operations(client, Integer.MAX_VALUE);
      assertThatThrownBy(() -> never.awaitReady(Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                assertThat(e.getMessage()).contains("30000 ms", "still loading");
              });
    }
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(30));
  }
}
