package dev.inference.http.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inference.ErrorKind;
import dev.inference.InferenceException;
import dev.inference.JsonValue;
import dev.inference.spi.DriverContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runtime operation whose connection breaks is sent once more on a new connection. The server
 * here does what a keep-alive server does when it closes an idle connection just as the client
 * reuses it: it reads the request and closes without a byte of answer. The JDK resends only a GET
 * itself, so a POST such as Ollama's {@code /api/show} failed with "header parser received no
 * bytes" in a burst of model checks.
 */
@Timeout(60) // a hang guard only
class RuntimeResendTest {

  private static final JsonValue SHOW = JsonValue.object(Map.of("model", JsonValue.of("m")));

  @Test
  void aPostOnAKeepAliveConnectionTheServerClosedIsSentAgainOnANewOne() throws Exception {
    // each connection answers its first request and drops at its second
    try (DroppingServer server = new DroppingServer(1);
        HttpChatClient client = client(server)) {
      URI show = server.uri("/api/show");
      assertThat(client.exchangeJson("POST", show, SHOW, Duration.ofSeconds(10)))
          .isEqualTo(answer(1));
      // sent on the pooled connection, which drops it; the resend opens the second connection
      assertThat(client.exchangeJson("POST", show, SHOW, Duration.ofSeconds(10)))
          .isEqualTo(answer(3));
      assertThat(server.requests).as("requests read").hasValue(3);
      assertThat(server.accepted).as("connections").hasValue(2);
    }
  }

  @Test
  void aSecondBrokenConnectionIsATransportFailureAfterExactlyTwoTries() throws Exception {
    try (DroppingServer server = new DroppingServer(0);
        HttpChatClient client = client(server)) {
      assertThatThrownBy(
              () ->
                  client.exchangeJson(
                      "POST", server.uri("/api/show"), SHOW, Duration.ofSeconds(10)))
          .isInstanceOfSatisfying(
              InferenceException.class,
              failure -> {
                assertThat(failure.kind()).isEqualTo(ErrorKind.TRANSPORT);
                assertThat(failure.getMessage()).contains("127.0.0.1:" + server.port());
              });
      assertThat(server.requests).as("requests read").hasValue(2);
    }
  }

  @Test
  void aTimeoutIsNotSentAgain() throws Exception {
    // reads the request and never answers: the operation's deadline ends it, once
    try (DroppingServer server = new DroppingServer(-1);
        HttpChatClient client = client(server)) {
      assertThatThrownBy(
              () ->
                  client.exchangeJson(
                      "POST", server.uri("/api/show"), SHOW, Duration.ofMillis(300)))
          .isInstanceOfSatisfying(
              InferenceException.class,
              failure -> assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT));
      assertThat(server.requests).as("requests read").hasValue(1);
    }
  }

  private static HttpChatClient client(DroppingServer server) {
    return TestDialect.client(
        TestDialect.settings(server.port()).maxRetries(0).build(), DriverContext.defaults());
  }

  /** The body of the answer to the n-th request the server read. */
  private static JsonValue answer(int request) {
    return JsonValue.object(Map.of("request", JsonValue.of(request)));
  }

  /**
   * Answers the first {@code answered} requests of each connection with {@code {"request": n}}
   * (keep-alive), then closes the connection once it has read the next one; when {@code answered}
   * is negative, holds every connection open without answering until the test ends.
   */
  private static final class DroppingServer implements AutoCloseable {
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final int answered;

    DroppingServer(int answered) throws IOException {
      this.answered = answered;
      Thread acceptor =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    Socket connection = socket.accept();
                    accepted.incrementAndGet();
                    Thread handler = new Thread(() -> serve(connection), "dropping-connection");
                    handler.setDaemon(true);
                    handler.start();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "dropping-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port() + path);
    }

    private void serve(Socket connection) {
      try (connection) {
        InputStream in = new BufferedInputStream(connection.getInputStream());
        for (int served = 0; RawRequests.read(in); served++) {
          int n = requests.incrementAndGet();
          if (answered < 0) {
            in.read(); // until the client or the test closes the connection
            return;
          }
          if (served == answered) {
            return; // the request was read; the connection closes without an answer
          }
          byte[] body = answer(n).toJson().getBytes(UTF_8);
          connection
              .getOutputStream()
              .write(
                  ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          + body.length
                          + "\r\n\r\n"
                          + new String(body, UTF_8))
                      .getBytes(UTF_8));
        }
      } catch (IOException gone) {
        // the client closed the connection
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
