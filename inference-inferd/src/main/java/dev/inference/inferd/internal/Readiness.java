package dev.inference.inferd.internal;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.kit.CallPipeline;
import dev.inference.runtime.RuntimeStatus;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Waits for the daemon as its own {@code dial_and_wait_ready} does: the inference socket exists
 * only once the daemon is ready, so a connect that succeeds is the ready signal. Dials with a
 * backoff from 100 ms, doubling, at most 5 s, measured on the client's clock and timer (a test's
 * fake clock makes it instant); a refused connect, a missing socket and a timed-out connect are
 * retried, anything else (access denied) fails at once.
 */
final class Readiness {

  static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final InferdEndpoint endpoint;
  private final CallPipeline pipeline;

  Readiness(InferdEndpoint endpoint, CallPipeline pipeline) {
    this.endpoint = endpoint;
    this.pipeline = pipeline;
  }

  /**
   * Dials once.
   *
   * @return empty when the daemon accepted, else the failure
   */
  Optional<IOException> dial() {
    return dial(pipeline.settings().timeouts().connect());
  }

  private Optional<IOException> dial(Duration connectTimeout) {
    try {
      // a connect is the ready signal; nothing is sent
      SocketDialer.connect(endpoint, connectTimeout).close();
      return Optional.empty();
    } catch (ClosedByInterruptException interrupted) {
      throw cancelled(interrupted);
    } catch (IOException failed) {
      return Optional.of(failed);
    }
  }

  RuntimeStatus awaitReady(Duration timeout) {
    long deadline = pipeline.ticker().nanos() + timeout.toNanos();
    Duration backoff = FIRST_BACKOFF;
    List<Duration> waits = new ArrayList<>();
    while (true) {
      Duration connect = pipeline.settings().timeouts().connect();
      long remaining = Math.max(deadline - pipeline.ticker().nanos(), 1_000_000L);
      Optional<IOException> failure =
          dial(connect.toNanos() < remaining ? connect : Duration.ofNanos(remaining));
      if (failure.isEmpty()) {
        return new RuntimeStatus(
            RuntimeStatus.State.READY,
            Optional.empty(),
            List.of(),
            List.of(name() + " accepts connections at " + endpoint),
            Optional.empty());
      }
      IOException failed = failure.get();
      if (SocketDialer.classify(failed, endpoint) == SocketDialer.Outcome.PERMANENT) {
        InferenceException mapped =
            SocketDialer.callFailure(failed, endpoint, name(), "awaitReady");
        throw InferenceException.builder(
                mapped.kind(),
                name()
                    + " at "
                    + endpoint
                    + " cannot be reached, and waiting will not help: "
                    + SocketDialer.describe(failed, endpoint))
            .retryable(false)
            .providerName(name())
            .cause(failed)
            .build();
      }
      long left = deadline - pipeline.ticker().nanos();
      if (left <= 0) {
        throw timedOut(timeout, waits, failed);
      }
      Duration wait = Duration.ofNanos(Math.min(backoff.toNanos(), left));
      pause(wait);
      waits.add(wait);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private InferenceException timedOut(Duration timeout, List<Duration> waits, IOException last) {
    String schedule =
        waits.isEmpty()
            ? "no wait"
            : waits.stream().map(w -> Long.toString(w.toMillis())).collect(Collectors.joining(", "))
                + " ms";
    return InferenceException.builder(
            ErrorKind.TIMEOUT,
            name()
                + " was not ready at "
                + endpoint
                + " within "
                + timeout.toMillis()
                + " ms: dialled "
                + (waits.size() + 1)
                + " times, waiting "
                + schedule
                + " between (backoff from "
                + FIRST_BACKOFF.toMillis()
                + " ms, doubling, at most "
                + MAX_BACKOFF.toMillis()
                + " ms); last: "
                + SocketDialer.describe(last, endpoint)
                + ". A first start downloads the model: wait longer, or watch the lifecycle.")
        .timeoutPhase(InferenceException.TimeoutPhase.TOTAL)
        .providerName(name())
        .cause(last)
        .build();
  }

  private void pause(Duration wait) {
    try {
      pipeline.pause(wait);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw cancelled(interrupted);
    }
  }

  private InferenceException cancelled(Exception interrupted) {
    return InferenceException.builder(
            ErrorKind.CANCELLED, "interrupted while waiting for " + name() + " to be ready")
        .providerName(name())
        .cause(interrupted)
        .build();
  }

  private String name() {
    return pipeline.description().providerName();
  }
}
