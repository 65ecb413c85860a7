package dev.inference.testkit.internal;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-call loopback HTTP/1.1 server on a raw socket, for what WireMock cannot do: send part of a
 * response and then hold the connection (to see whether the client closes it) or reset it.
 */
public final class RawServer implements AutoCloseable {

  /** What happens after the part of the response is sent. */
  public enum Then {
    /** Keep the connection open and wait for the client to close it. */
    HOLD,
    /** Reset the connection (TCP RST). */
    RESET
  }

  private static final Duration RESET_AFTER = Duration.ofMillis(150);

  private final ServerSocket listener;
  private final CountDownLatch clientWentAway = new CountDownLatch(1);
  private final Thread thread;

  /**
   * Starts serving one call: the response's status and headers, then its body (possibly empty) as
   * one chunk, then {@code then}.
   *
   * @param response the status, headers and body to send
   * @param then what to do afterwards
   * @throws IOException if the socket cannot be opened
   */
  public RawServer(ResponseDefinition response, Then then) throws IOException {
    listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    byte[] head = head(response);
    byte[] body = response.getByteBody() == null ? new byte[0] : response.getByteBody();
    thread =
        new Thread(
            () -> {
              while (!listener.isClosed()) {
                serve(head, body, then);
              }
            },
            "inference-testkit-raw-server");
    thread.setDaemon(true);
    thread.start();
  }

  private void serve(byte[] head, byte[] body, Then then) {
    try (Socket socket = listener.accept()) {
      InputStream in = socket.getInputStream();
      readRequest(in);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      if (body.length > 0) {
        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      if (then == Then.RESET) {
        // the provider dies a moment after the first frame; resetting at once could make the
        // client's kernel drop the frame it had not handed over yet
        pause(RESET_AFTER);
        socket.setSoLinger(true, 0);
        clientWentAway.countDown();
        return;
      }
      while (in.read() >= 0) {
        // discard anything the client sends until it goes away
      }
      clientWentAway.countDown();
    } catch (IOException gone) {
      clientWentAway.countDown();
    }
  }

  /**
   * The port to connect to.
   *
   * @return the port
   */
  public int port() {
    return listener.getLocalPort();
  }

  /**
   * Waits until the client closed the connection.
   *
   * @param wait the longest wait
   * @return whether the client went away within the wait
   * @throws InterruptedException if interrupted
   */
  public boolean awaitClientGone(Duration wait) throws InterruptedException {
    return clientWentAway.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Whether the client is still connected, as far as the server has seen.
   *
   * @return {@code true} until the server saw the connection end
   */
  public boolean clientConnected() {
    return clientWentAway.getCount() > 0;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    thread.interrupt();
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] head(ResponseDefinition response) {
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ").append(response.getStatus()).append(" X\r\n");
    if (response.getHeaders() != null) {
      for (HttpHeader header : response.getHeaders().all()) {
        String name = header.key().toLowerCase(Locale.ROOT);
        if (name.equals("content-length") || name.equals("transfer-encoding")) {
          continue;
        }
        for (String value : header.values()) {
          head.append(header.key()).append(": ").append(value).append("\r\n");
        }
      }
    }
    head.append("Transfer-Encoding: chunked\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended early");
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase(Locale.ROOT);
    int at = lower.indexOf("content-length:");
    if (at >= 0) {
      int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
      in.readNBytes(length);
    }
  }
}
