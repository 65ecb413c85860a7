package dev.inference.testkit;

import static dev.inference.testkit.KitCalls.failureOf;
import static dev.inference.testkit.KitCalls.readAll;
import static dev.inference.testkit.KitCalls.readInto;
import static dev.inference.testkit.KitCalls.textDeltas;
import static dev.inference.testkit.KitContext.DELTAS;
import static dev.inference.testkit.KitContext.STREAMED_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.ErrorKind;
import dev.inference.FinishReason;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.StreamEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The rules of section 10 (timeouts): each timeout phase, provoked by a socket or a server that
 * holds back.
 */
final class TimeoutRules {

  private final KitContext kit;

  TimeoutRules(KitContext kit) {
    this.kit = kit;
  }

  /** Rule 10.1. */
  void connectTimeout() throws IOException {
    Assumptions.assumeTrue(
        kit.wire().endpointAt(0).isPresent(),
        "the socket fixture serves on a Unix socket; the rule needs a TCP listener whose backlog"
            + " is full");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    List<Socket> backlog = new ArrayList<>();
    try (ServerSocket full = new ServerSocket(0, 1, loopback)) {
      // a listener that never accepts: once its backlog is full, new connections hang
      InetSocketAddress address = new InetSocketAddress(loopback, full.getLocalPort());
      for (int i = 0; i < 16; i++) {
        Socket filler = new Socket();
        try {
          filler.connect(address, 200);
          backlog.add(filler);
        } catch (SocketTimeoutException hangs) {
          filler.close();
          break;
        }
      }
      InferenceClient client =
          kit.client(
              kit.wire().endpointAt(full.getLocalPort()).orElseThrow(),
              profile -> profile.connectTimeout(kit.config().connectTimeout()));
      InferenceException failure = failureOf(() -> client.infer(InferenceRequest.of("hi")));
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase())
          .as("timeoutPhase()")
          .contains(InferenceException.TimeoutPhase.CONNECT);
      assertThat(failure.isRetryable()).as("isRetryable()").isTrue();
    } finally {
      for (Socket socket : backlog) {
        socket.close();
      }
    }
  }

  /** Rule 10.2. */
  void firstEventTimeout() throws Exception {
    Assumptions.assumeTrue(
        kit.config().firstEventTimeout(),
        "the settings say the driver has no first-event timeout"
            + " (ConformanceSettings.builder().firstEventTimeout(false))");
    kit.assumeStreaming();
    try (KitWire.Held raw = kit.wire().hold(KitWire.Hold.NOTHING_THEN_HOLD)) {
      InferenceClient client =
          kit.client(
              raw.endpoint(), builder -> builder.firstEventTimeout(kit.config().shortTimeout()));
      InferenceException failure = failureOf(() -> readAll(client, InferenceRequest.of("hi")));
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase())
          .as("timeoutPhase()")
          .contains(InferenceException.TimeoutPhase.FIRST_EVENT);
    }
  }

  /** Rule 10.3. */
  void idleTimeout() throws Exception {
    Assumptions.assumeTrue(
        kit.config().idleTimeout(),
        "the settings say the driver has no idle timeout"
            + " (ConformanceSettings.builder().idleTimeout(false))");
    kit.assumeStreaming();
    try (KitWire.Held raw = kit.firstDeltaThenHold()) {
      InferenceClient client =
          kit.client(raw.endpoint(), builder -> builder.idleTimeout(kit.config().shortTimeout()));
      InferenceException failure = failureOf(() -> readAll(client, InferenceRequest.of("hi")));
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase())
          .as("timeoutPhase()")
          .contains(InferenceException.TimeoutPhase.IDLE);
      assertThat(failure.partialText()).as("partialText()").contains("first");
    }
  }

  /** Rule 10.4. */
  void totalTimeoutBeforeTheAnswer() {
    Duration timeout = kit.config().shortTimeout();
    InferenceClient client = kit.client(builder -> builder.requestTimeout(timeout));
    kit.stub(
        new Scenario.Stall(
            new Scenario.Text("late", FinishReason.Kind.STOP, Optional.empty()),
            Scenario.Stall.Where.BEFORE_HEADERS,
            timeout.multipliedBy(3)));
    List<InferenceException> failures = new ArrayList<>();
    failures.add(failureOf(() -> client.infer(InferenceRequest.of("hi"))));
    if (kit.factory().capabilities().streaming()) {
      kit.stub(
          new Scenario.Stall(
              new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()),
              Scenario.Stall.Where.BEFORE_HEADERS,
              timeout.multipliedBy(3)));
      failures.add(failureOf(() -> readAll(client, InferenceRequest.of("hi"))));
    }
    for (InferenceException failure : failures) {
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase())
          .as("timeoutPhase()")
          .contains(InferenceException.TimeoutPhase.TOTAL);
      assertThat(failure.isRetryable()).as("isRetryable()").isTrue();
    }
  }

  /** Rule 10.5. */
  void totalTimeoutMidStream() throws Exception {
    kit.assumeStreaming();
    Duration timeout = kit.config().shortTimeout();
    InferenceClient dribbled = kit.client(builder -> builder.requestTimeout(timeout));
    kit.stub(
        new Scenario.Stall(
            new Scenario.StreamedText(DELTAS, FinishReason.Kind.STOP, Optional.empty()),
            Scenario.Stall.Where.MID_BODY,
            timeout.multipliedBy(3)));
    InferenceException halfway = failureOf(() -> readAll(dribbled, InferenceRequest.of("hi")));
    assertThat(halfway.kind()).as("kind of %s", halfway).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(halfway.timeoutPhase())
        .as("timeoutPhase()")
        .contains(InferenceException.TimeoutPhase.TOTAL);
    assertThat(STREAMED_TEXT)
        .as("the partial text is what was delivered, a start of the answer")
        .startsWith(halfway.partialText().orElse(""));
    // and on a connection that holds after the first event: the text is kept, the call is closed
    try (KitWire.Held raw = kit.firstDeltaThenHold()) {
      InferenceClient client =
          kit.client(raw.endpoint(), builder -> builder.requestTimeout(timeout));
      List<StreamEvent> seen = new ArrayList<>();
      InferenceException failure =
          failureOf(() -> readInto(client, InferenceRequest.of("hi"), seen));
      assertThat(textDeltas(seen)).as("the deltas before the stall").containsExactly("first");
      assertThat(failure.kind()).as("kind of %s", failure).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase())
          .as("timeoutPhase()")
          .contains(InferenceException.TimeoutPhase.TOTAL);
      assertThat(failure.partialText()).as("partialText()").contains("first");
      assertThat(raw.awaitClientGone(kit.config().closeWait()))
          .as(
              "the server saw the connection closed within %s of the timeout",
              kit.config().closeWait())
          .isTrue();
    }
  }
}
