package dev.inference.http.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.ProviderSettings;
import dev.inference.spi.DriverContext;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocking {@code infer()} runs on the caller's thread, so whatever stops it from another thread
 * (the total deadline, {@code close()}) does so by interrupting that thread. These tests pin down
 * what the caller sees: the right failure, the exchange cancelled on the wire, and the interrupt
 * status exactly as the application left it.
 */
@Timeout(60) // a hang guard only
class BlockingCallTest {

  private BoundedResponseTest.RawServer server;

  @AfterEach
  void stop() throws IOException {
    Thread.interrupted(); // never leak a status into the next test, whatever happened
    if (server != null) {
      server.close();
    }
  }

  /** Sends the start of an answer, then one byte every 20 ms for a minute, with no end. */
  private void drippingServer(CountDownLatch started) throws IOException {
    server =
        new BoundedResponseTest.RawServer(
            "Content-Type: application/json\r\nConnection: close\r\n",
            (out, pace) -> {
              out.write("{\"text\":\"".getBytes(UTF_8));
              out.flush();
              started.countDown();
              drip(out, pace);
            });
  }

  private static void drip(OutputStream out, BoundedResponseTest.Pace pace)
      throws IOException, InterruptedException {
    for (int i = 0; i < 3000; i++) {
      out.write('x');
      out.flush();
      pace.pause(20); // a body that drips until the test closes the server
    }
  }

  private InferenceClient client(Duration timeout) {
    return TestDialect.client(
        TestDialect.settings(server.port()).requestTimeout(timeout).maxRetries(0).build(),
        DriverContext.defaults());
  }

  @Test
  void theTotalDeadlineStopsABodyInTheMiddleAndLeavesNoInterruptBehind() throws Exception {
    drippingServer(new CountDownLatch(1));
    try (InferenceClient client = client(Duration.ofMillis(300))) {
      InferenceException failure =
          catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));

      assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase()).contains(InferenceException.TimeoutPhase.TOTAL);
      assertThat(Thread.currentThread().isInterrupted())
          .as("the interrupt that stopped the call is not left on the caller")
          .isFalse();
    }
    assertThat(server.awaitDone())
        .as("the server saw the connection closed: the exchange was cancelled on the wire")
        .isTrue();
  }

  @Test
  void closeFromAnotherThreadStopsABlockedCallWithCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    drippingServer(started);
    InferenceClient client = client(Duration.ofSeconds(50));
    Thread closer =
        new Thread(
            () -> {
              try {
                started.await(); // the server has the request and is answering it
              } catch (InterruptedException stop) {
                return;
              }
              client.close();
            });
    closer.start();

    InferenceException failure =
        catchThrowableOfType(
            InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));

    assertThat(failure.kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(failure.getMessage()).contains("the client was closed");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(server.awaitDone()).as("the connection was closed").isTrue();
    closer.join();
  }

  @Test
  void anInterruptFromTheApplicationIsCancelledAndStaysSet() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    drippingServer(started);
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                started.await(); // the server has the request and is answering it
              } catch (InterruptedException stop) {
                return;
              }
              caller.interrupt();
            });
    interrupter.start();
    try (InferenceClient client = client(Duration.ofSeconds(50))) {
      InferenceException failure =
          catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));

      assertThat(failure.kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(failure.getMessage()).contains("interrupted");
      assertThat(Thread.interrupted()).as("the application's interrupt is kept").isTrue();
    }
    assertThat(server.awaitDone()).as("the connection was closed").isTrue();
    interrupter.join();
  }

  @Test
  void aStreamWaitingForItsHeadersStopsAtTheDeadlineAndOnCloseWithNoInterruptLeft()
      throws Exception {
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
      // accepts (the backlog does) and never answers: the headers never come
      ProviderSettings.Builder settings = TestDialect.settings(silent.getLocalPort()).maxRetries(0);
      try (InferenceClient client =
          TestDialect.client(
              settings.requestTimeout(Duration.ofMillis(300)).build(), DriverContext.defaults())) {
        InferenceException late =
            catchThrowableOfType(
                InferenceException.class, () -> client.stream(InferenceRequest.of("hi")));
        assertThat(late.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(late.timeoutPhase()).contains(InferenceException.TimeoutPhase.TOTAL);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
      }
    }
    // a server that reads the request and never answers, so the closer knows the call is waiting
    // for its headers
    try (java.net.ServerSocket mute =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CountDownLatch requested = new CountDownLatch(1);
      CountDownLatch wentAway = new CountDownLatch(1);
      Thread taker =
          new Thread(
              () -> {
                try (java.net.Socket connection = mute.accept()) {
                  java.io.InputStream in = connection.getInputStream();
                  StringBuilder head = new StringBuilder();
                  for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0; ) {
                    head.append((char) b);
                  }
                  requested.countDown();
                  while (in.read() >= 0) {
                    // the body, then nothing until the client goes
                  }
                } catch (IOException closed) {
                  // the client went away
                }
                wentAway.countDown();
              },
              "mute-server");
      taker.setDaemon(true);
      taker.start();
      InferenceClient client =
          TestDialect.client(
              TestDialect.settings(mute.getLocalPort())
                  .maxRetries(0)
                  .requestTimeout(Duration.ofSeconds(50))
                  .build(),
              DriverContext.defaults());
      Thread closer =
          new Thread(
              () -> {
                try {
                  requested.await(); // the request is sent: the call waits for its headers
                } catch (InterruptedException stop) {
                  return;
                }
                client.close();
              });
      closer.start();
      InferenceException closed =
          catchThrowableOfType(
              InferenceException.class, () -> client.stream(InferenceRequest.of("hi")));
      assertThat(closed.kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(closed.getMessage()).contains("the client was closed");
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(wentAway.await(30, TimeUnit.SECONDS))
          .as("the server saw the connection closed")
          .isTrue();
      closer.join();
    }
  }

  @Test
  void aCallerThatIsAlreadyInterruptedFailsAtOnceAndKeepsItsStatus() throws Exception {
    drippingServer(new CountDownLatch(1));
    try (InferenceClient client = client(Duration.ofSeconds(50))) {
      Thread.currentThread().interrupt();
      InferenceException failure =
          catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));

      assertThat(failure.kind()).isEqualTo(ErrorKind.CANCELLED);
      assertThat(Thread.interrupted()).isTrue();
    }
  }

  @Test
  void aDeadlineRacingTheEndOfTheCallNeverLeavesAnInterrupt() throws Exception {
    // a 1 ms deadline fires before, during or just after the exchange: whichever wins, the
    // caller's thread ends up as it started
    byte[] body = "{\"text\":\"ok\",\"finish\":\"stop\"}".getBytes(UTF_8);
    for (int i = 0; i < 100; i++) {
      server =
          new BoundedResponseTest.RawServer(
              "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n",
              (out, pace) -> out.write(body));
      try (InferenceClient client = client(Duration.ofMillis(1))) {
        try {
          client.infer(InferenceRequest.of("hi"));
        } catch (InferenceException late) {
          assertThat(late.kind()).isEqualTo(ErrorKind.TIMEOUT);
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        TimeUnit.MILLISECONDS.sleep(2); // would throw if an interrupt were pending
      }
      server.close();
    }
  }
}
