package dev.inference.http.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inference.InferenceClient;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import dev.inference.spi.DriverContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream that ended well gives its connection back: the stream closes itself at its {@code
 * Completed} event, and closing a body before its end would close the connection, so every later
 * call would pay for a new one (a TLS handshake, against a real provider).
 */
@Timeout(60) // a hang guard only
class ConnectionReuseTest {

  @Test
  void streamsOneAfterAnotherShareOneConnectionEvenWhenTheBodyEndsAfterTheLastEvent()
      throws Exception {
    // the end of the chunked body comes 20 ms after the last event, as from a server that flushes
    // each event and ends the body when its handler returns
    try (KeepAliveServer server = new KeepAliveServer();
        InferenceClient client =
            TestDialect.client(
                TestDialect.settings(server.port()).maxRetries(0).build(),
                DriverContext.defaults())) {
      for (int i = 0; i < 20; i++) {
        try (InferenceStream stream = client.stream(InferenceRequest.of("x"))) {
          assertThat(stream.iterator())
              .toIterable()
              .last()
              .isInstanceOf(StreamEvent.Completed.class);
        }
      }
      assertThat(server.accepted.get()).as("connections opened for 20 streams").isEqualTo(1);
    }
  }

  /** Answers every request of every connection with one SSE event and [DONE], chunked. */
  private static final class KeepAliveServer implements AutoCloseable {
    final java.util.concurrent.atomic.AtomicInteger accepted =
        new java.util.concurrent.atomic.AtomicInteger();
    private final java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    private final java.util.concurrent.CountDownLatch closed =
        new java.util.concurrent.CountDownLatch(1);

    KeepAliveServer() throws java.io.IOException {
      Thread acceptor =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    java.net.Socket connection = socket.accept();
                    accepted.incrementAndGet();
                    Thread handler = new Thread(() -> serve(connection), "keep-alive-connection");
                    handler.setDaemon(true);
                    handler.start();
                  } catch (java.io.IOException closed) {
                    return;
                  }
                }
              },
              "keep-alive-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void serve(java.net.Socket connection) {
      byte[] event =
          "data: {\"text\":\"a\",\"finish\":\"stop\"}\n\ndata: [DONE]\n\n".getBytes(UTF_8);
      try (connection) {
        java.io.InputStream in = new java.io.BufferedInputStream(connection.getInputStream());
        java.io.OutputStream out = connection.getOutputStream();
        while (RawRequests.read(in)) {
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                      + "Transfer-Encoding: chunked\r\n\r\n"
                      + Integer.toHexString(event.length)
                      + "\r\n")
                  .getBytes(UTF_8));
          out.write(event);
          out.write("\r\n".getBytes(UTF_8));
          out.flush();
          // the body ends 20 ms after the last event, or at once when the test closes the server
          closed.await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
          out.write("0\r\n\r\n".getBytes(UTF_8));
          out.flush();
        }
      } catch (java.io.IOException | InterruptedException closed) {
        // the client closed the connection
      }
    }

    @Override
    public void close() throws java.io.IOException {
      closed.countDown();
      socket.close();
    }
  }

  @Test
  void aBodyThatDoesNotEndAfterTheLastEventIsClosedWithoutHoldingUpTheCaller() throws Exception {
    // the last event, then silence with the connection open until the test is over: the drain
    // gives up and closes it; a drain that waited for the end would wait past the hang guard
    CountDownLatch testOver = new CountDownLatch(1);
    try (BoundedResponseTest.RawServer silent =
            new BoundedResponseTest.RawServer(
                "Content-Type: text/event-stream\r\nConnection: close\r\n",
                (out, pace) -> {
                  out.write(
                      "data: {\"text\":\"a\",\"finish\":\"stop\"}\n\ndata: [DONE]\n\n"
                          .getBytes(UTF_8));
                  out.flush();
                  testOver.await();
                  out.write('\n'); // fails once the client has closed the connection
                  out.flush();
                });
        InferenceClient client =
            TestDialect.client(
                TestDialect.settings(silent.port()).maxRetries(0).build(),
                DriverContext.defaults())) {
      List<StreamEvent> events = new ArrayList<>();
      try (InferenceStream stream = client.stream(InferenceRequest.of("x"))) {
        stream.forEach(events::add);
      }
      assertThat(events).last().isInstanceOf(StreamEvent.Completed.class);
      testOver.countDown();
    }
  }
}
