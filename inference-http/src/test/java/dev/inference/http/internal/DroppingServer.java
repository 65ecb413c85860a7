package dev.inference.http.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.inference.JsonValue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server that does what a keep-alive server does when it closes an idle connection
 * just as the client reuses it: it answers the first {@code answered} requests of each connection,
 * then reads the next one and closes the connection without a byte of answer. When {@code answered}
 * is negative it holds every connection open without answering until the client leaves. For every
 * engine's tests.
 */
public final class DroppingServer implements AutoCloseable {

  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  private final int answered;

  /**
   * Starts the server on an ephemeral loopback port.
   *
   * @param answered how many requests each connection answers before it drops the next
   * @throws IOException if the port cannot be opened
   */
  public DroppingServer(int answered) throws IOException {
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

  /**
   * The JSON answer to the n-th request the server read: {@code request} is n, and Ollama's {@code
   * version} and {@code models} are there too, so that its runtime operations read it.
   *
   * @param request n, from 1
   * @return the body
   */
  public static JsonValue answer(int request) {
    return JsonValue.object(
        Map.of(
            "request", JsonValue.of(request),
            "version", JsonValue.of("0.1." + request),
            "models",
                JsonValue.array(
                    List.of(JsonValue.object(Map.of("name", JsonValue.of("m:latest")))))));
  }

  /**
   * The port.
   *
   * @return the port
   */
  public int port() {
    return socket.getLocalPort();
  }

  /**
   * A URI of this server.
   *
   * @param path the path
   * @return {@code http://127.0.0.1:<port><path>}
   */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /**
   * The connections accepted so far.
   *
   * @return the count
   */
  public int accepted() {
    return accepted.get();
  }

  /**
   * The requests read so far, answered or not.
   *
   * @return the count
   */
  public int requests() {
    return requests.get();
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
        OutputStream out = connection.getOutputStream();
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(UTF_8));
        out.write(body);
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
