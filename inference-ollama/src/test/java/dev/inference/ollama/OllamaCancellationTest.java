package dev.inference.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceClient;
import dev.inference.InferenceException;
import dev.inference.InferenceRequest;
import dev.inference.InferenceStream;
import dev.inference.StreamEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing a stream closes the connection: a raw loopback server sends one NDJSON line, then waits,
 * and sees the client go.
 */
class OllamaCancellationTest {

  private ServerSocket listener;
  private final CountDownLatch clientWentAway = new CountDownLatch(1);
  private Thread serverThread;

  @BeforeEach
  void startServer() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    serverThread =
        new Thread(
            () -> {
              try (Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                readRequest(in);
                OutputStream out = socket.getOutputStream();
                out.write(
                    ("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                chunk(
                    out,
                    "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-14T09:30:12.100000001Z\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"first\"},\"done\":false}\n");
                // the answer never finishes: only the client can end this call
                while (in.read() >= 0) {
                  // discard anything the client sends
                }
                clientWentAway.countDown();
              } catch (IOException reset) {
                clientWentAway.countDown();
              }
            },
            "raw-ndjson-server");
    serverThread.setDaemon(true);
    serverThread.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    listener.close();
  }

  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended early");
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
    int at = lower.indexOf("content-length:");
    int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
    in.readNBytes(length);
  }

  private static void chunk(OutputStream out, String data) throws IOException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Test
  void closingMidStreamClosesTheConnection() throws Exception {
    try (InferenceClient client = OllamaTestSupport.client(listener.getLocalPort())) {
      InferenceStream stream = client.stream(InferenceRequest.of("never ends"));
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).isEqualTo(new StreamEvent.TextDelta("first"));
      assertThat(clientWentAway.getCount()).as("the server still holds the call").isEqualTo(1);

      stream.close();

      assertThat(clientWentAway.await(10, TimeUnit.SECONDS))
          .as("the server saw the client close the connection")
          .isTrue();
      assertThatThrownBy(events::hasNext)
          .as("a closed stream never ends as if it had completed")
          .isInstanceOfSatisfying(
              InferenceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED));
    }
  }

  @Test
  void closingFromAnotherThreadUnblocksTheReaderWithCancelled() throws Exception {
    try (InferenceClient client = OllamaTestSupport.client(listener.getLocalPort())) {
      InferenceStream stream = client.stream(InferenceRequest.of("never ends"));
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).isEqualTo(new StreamEvent.TextDelta("first"));
      // the first event was read: the closer closes while this thread reads on (it blocks, as no
      // second event comes, unless the close is quicker still; either way it must end CANCELLED)
      Thread closer = new Thread(stream::close, "closer");
      closer.start();

      assertThatThrownBy(events::hasNext)
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
                assertThat(e.partialText()).contains("first");
              });
      assertThat(clientWentAway.await(10, TimeUnit.SECONDS)).isTrue();
      closer.join();
    }
  }

  @Test
  void aStreamThatStallsHitsTheTotalTimeoutWithItsPartialText() throws Exception {
    try (InferenceClient client =
        dev.inference.Inference.connect(
            OllamaTestSupport.settings(listener.getLocalPort())
                .requestTimeout(java.time.Duration.ofMillis(500))
                .build())) {
      InferenceStream stream = client.stream(InferenceRequest.of("stalls"));
      Iterator<StreamEvent> events = stream.iterator();
      assertThat(events.next()).isEqualTo(new StreamEvent.TextDelta("first"));

      assertThatThrownBy(events::hasNext)
          .isInstanceOfSatisfying(
              InferenceException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
                assertThat(e.timeoutPhase()).contains(InferenceException.TimeoutPhase.TOTAL);
                assertThat(e.partialText()).contains("first");
              });
      assertThat(clientWentAway.await(10, TimeUnit.SECONDS))
          .as("the watchdog closed the connection")
          .isTrue();
    }
  }
}
