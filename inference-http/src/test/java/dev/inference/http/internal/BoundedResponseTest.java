package dev.inference.http.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.JsonValue;
import dev.inference.StreamEvent;
import dev.inference.spi.DriverContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded everything: a non-streamed body is cut at {@code max_body_bytes} while it is read (a 200
 * MB body never reaches memory), a stream frame at {@code max_frame_bytes}, a stream that never
 * ends at the total timeout, a provider dripping one byte a second at the idle timeout. The server
 * is a raw socket that writes from one small buffer, so the test never holds the body either.
 */
@Timeout(60) // a hang guard only
class BoundedResponseTest {

  private static final long BODY_BYTES = 200L * 1024 * 1024;

  private RawServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aHugeBodyIsCutAtTheLimitWhileItIsReadAndTheHeapStaysSmall() throws Exception {
    server =
        new RawServer(
            "Content-Type: application/json\r\nConnection: close\r\n",
            (out, pace) -> fill(out, (byte) ' ', BODY_BYTES));
    long before = usedHeapAfterGc();
    try (InferenceClient client =
        TestDialect.client(
            TestDialect.settings(server.port())
                .option("max_body_bytes", JsonValue.of(1024 * 1024))
                .maxRetries(0)
                .build(),
            DriverContext.defaults())) {
      InferenceException failure =
          catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));
      assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(failure.getMessage()).contains("1048576-byte limit", "max_body_bytes");
    }
    server.awaitDone();
    // the client stopped reading and closed the connection: the server could not send it all
    assertThat(server.sent.get()).isLessThan(BODY_BYTES / 4);
    assertThat(usedHeapAfterGc() - before).isLessThan(BODY_BYTES / 8);
  }

  @Test
  void aDeclaredContentLengthOverTheLimitFailsBeforeTheBodyIsRead() throws Exception {
    server =
        new RawServer(
            "Content-Type: application/json\r\nContent-Length: " + BODY_BYTES + "\r\n",
            (out, pace) -> fill(out, (byte) ' ', BODY_BYTES));
    try (InferenceClient client =
        TestDialect.client(
            TestDialect.settings(server.port()).maxRetries(0).build(), DriverContext.defaults())) {
      InferenceException failure =
          catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));
      assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(failure.getMessage())
          .contains(
              dev.inference.http.HttpTransport.DEFAULT_MAX_BODY_BYTES + "-byte limit",
              "max_body_bytes");
    }
    server.awaitDone();
    assertThat(server.sent.get()).isLessThan(BODY_BYTES / 4);
  }

  @Test
  void aBodyWithinTheLimitIsRead() throws Exception {
    byte[] body = "{\"text\":\"ok\",\"finish\":\"stop\"}".getBytes(UTF_8);
    server =
        new RawServer(
            "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n",
            (out, pace) -> out.write(body));
    try (InferenceClient client =
        TestDialect.client(
            TestDialect.settings(server.port())
                .option("max_body_bytes", JsonValue.of(body.length + 1024))
                .build(),
            DriverContext.defaults())) {
      assertThat(client.infer(InferenceRequest.of("hi")).text()).isEqualTo("ok");
    }
  }

  @Test
  void aHugeStreamFrameIsCutAtTheFrameLimit() throws Exception {
    server =
        new RawServer(
            "Content-Type: text/event-stream\r\nConnection: close\r\n",
            (out, pace) -> {
              out.write("data: ".getBytes(UTF_8));
              fill(out, (byte) 'x', BODY_BYTES);
            });
    try (InferenceClient client =
            TestDialect.client(
                TestDialect.settings(server.port())
                    .option("max_frame_bytes", JsonValue.of(64 * 1024))
                    .maxRetries(0)
                    .build(),
                DriverContext.defaults());
        InferenceStream stream = client.stream(InferenceRequest.of("hi"))) {
      InferenceException failure =
          catchThrowableOfType(InferenceException.class, () -> stream.forEach(event -> {}));
      assertThat(failure.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
      assertThat(failure.getMessage()).contains("65536-byte frame limit", "max_frame_bytes");
    }
    server.awaitDone();
    assertThat(server.sent.get()).isLessThan(BODY_BYTES / 4);
  }

  @Test
  void aStreamThatNeverEndsIsCutAtTheTotalTimeout() throws Exception {
    server =
        new RawServer(
            "Content-Type: text/event-stream\r\nConnection: close\r\n",
            (out, pace) -> {
              for (int i = 0; i < 100_000; i++) {
                out.write("data: {\"text\":\"a\"}\n\n".getBytes(UTF_8));
                out.flush();
                pace.pause(20); // an event every 20 ms, until the test closes the server
              }
            });
    try (InferenceClient client =
            TestDialect.client(
                TestDialect.settings(server.port())
                    .requestTimeout(
                        Duration.ofMillis(
                            2000)) // headers must come in first, even on a busy machine
                    .idleTimeout(Duration.ofSeconds(5))
                    .maxRetries(0)
                    .build(),
                DriverContext.defaults());
        InferenceStream stream = client.stream(InferenceRequest.of("hi"))) {
      StringBuilder seen = new StringBuilder();
      InferenceException failure =
          catchThrowableOfType(
              InferenceException.class,
              () -> stream.forEach(event -> seen.append(((StreamEvent.TextDelta) event).text())));
      assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase()).contains(InferenceException.TimeoutPhase.TOTAL);
      assertThat(seen).isNotEmpty();
      assertThat(failure.partialText()).contains(seen.toString());
    }
  }

  @Test
  void aStreamWhoseEventsComeFasterThanTheIdleTimeoutIsNeverCutByIt() throws Exception {
    // 40 events 50 ms apart: 2 s in all, far past the 300 ms idle timeout, never 300 ms quiet
    server =
        new RawServer(
            "Content-Type: text/event-stream\r\nConnection: close\r\n",
            (out, pace) -> {
              for (int i = 0; i < 40; i++) {
                out.write("data: {\"text\":\"a\"}\n\n".getBytes(UTF_8));
                out.flush();
                pace.pause(50); // paced under the idle timeout
              }
              out.write(
                  "data: {\"text\":\"\",\"finish\":\"stop\"}\n\ndata: [DONE]\n\n".getBytes(UTF_8));
            });
    try (InferenceClient client =
            TestDialect.client(
                TestDialect.settings(server.port())
                    .idleTimeout(Duration.ofMillis(300))
                    .maxRetries(0)
                    .build(),
                DriverContext.defaults());
        InferenceStream stream = client.stream(InferenceRequest.of("hi"))) {
      StringBuilder seen = new StringBuilder();
      stream.forEach(
          event -> {
            if (event instanceof StreamEvent.TextDelta delta) {
              seen.append(delta.text());
            }
          });
      assertThat(seen).hasToString("a".repeat(40));
    }
  }

  @Test
  void aProviderDrippingOneByteASecondIsCutByTheIdleTimeout() throws Exception {
    server =
        new RawServer(
            "Content-Type: text/event-stream\r\nConnection: close\r\n",
            (out, pace) -> {
              for (byte b : "data: {\"text\":\"slow\"}\n\n".getBytes(UTF_8)) {
                out.write(b);
                out.flush();
                pace.pause(1000); // one byte a second
              }
            });
    try (InferenceClient client =
            TestDialect.client(
                TestDialect.settings(server.port())
                    .idleTimeout(Duration.ofMillis(500))
                    .maxRetries(0)
                    .build(),
                DriverContext.defaults());
        InferenceStream stream = client.stream(InferenceRequest.of("hi"))) {
      InferenceException failure =
          catchThrowableOfType(InferenceException.class, () -> stream.forEach(event -> {}));
      assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase()).contains(InferenceException.TimeoutPhase.IDLE);
    }
  }

  @Test
  void aNonStreamedBodyDrippingForeverIsCutAtTheTotalTimeout() throws Exception {
    server =
        new RawServer(
            "Content-Type: application/json\r\nConnection: close\r\n",
            (out, pace) -> {
              for (int i = 0; i < 100_000; i++) {
                out.write(' ');
                out.flush();
                pace.pause(50); // a body dripping until the test closes the server
              }
            });
    try (InferenceClient client =
        TestDialect.client(
            TestDialect.settings(server.port())
                .requestTimeout(Duration.ofMillis(700))
                .maxRetries(0)
                .build(),
            DriverContext.defaults())) {
      InferenceException failure =
          catchThrowableOfType(
              InferenceException.class, () -> client.infer(InferenceRequest.of("hi")));
      assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(failure.timeoutPhase()).contains(InferenceException.TimeoutPhase.TOTAL);
    }
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static void fill(OutputStream out, byte value, long count) throws IOException {
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, value);
    for (long left = count; left > 0; left -= block.length) {
      out.write(block, 0, (int) Math.min(block.length, left));
    }
  }

  /** Writes the body; a server slow on purpose paces itself with {@code pace}. */
  @FunctionalInterface
  interface Body {
    void write(OutputStream out, Pace pace) throws Exception;
  }

  /** The pace of a server slow on purpose: a wait that ends early when the test closes it. */
  @FunctionalInterface
  interface Pace {
    /**
     * Waits for the server's close for up to {@code millis}.
     *
     * @throws IOException if the server was closed, which ends the body
     */
    void pause(long millis) throws IOException, InterruptedException;
  }

  /**
   * A one-connection HTTP/1.1 server on loopback: reads the request head and body, answers 200 with
   * the given headers and body, counting the bytes the socket accepted.
   */
  static final class RawServer implements AutoCloseable {
    final AtomicLong sent = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ServerSocket socket;
    private final Thread thread;

    RawServer(String headers, Body body) throws IOException {
      socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                try (Socket connection = socket.accept()) {
                  RawRequests.read(connection.getInputStream());
                  OutputStream out =
                      new java.io.FilterOutputStream(connection.getOutputStream()) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                          out.write(b, off, len);
                          sent.addAndGet(len);
                        }
                      };
                  out.write(("HTTP/1.1 200 OK\r\n" + headers + "\r\n").getBytes(UTF_8));
                  out.flush();
                  body.write(out, this::pause);
                  out.flush();
                } catch (Exception closedByClient) {
                  // the client hung up: what the tests expect
                }
              },
              "raw-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    /** Waits up to 30 s for the exchange to end; true when it did. */
    boolean awaitDone() throws InterruptedException {
      thread.join(30_000);
      return !thread.isAlive();
    }

    private void pause(long millis) throws IOException, InterruptedException {
      if (closed.await(millis, TimeUnit.MILLISECONDS)) {
        throw new IOException("the test closed the server");
      }
    }

    @Override
    public void close() throws IOException {
      closed.countDown();
      socket.close();
      thread.interrupt();
    }
  }
}
