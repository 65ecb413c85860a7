package dev.inference.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on loopback that answers each request with the next scripted response, byte
 * for byte as written (only {@code Content-Length} and {@code Connection: close} are added when
 * missing), then closes the connection. It counts the requests it was sent. Any client, this
 * library's or the original Rust runtime's, sees exactly the same bytes.
 */
final class ScriptedHttpServer implements AutoCloseable {

  /** One scripted answer: the head as written and the body. */
  record Response(String head, byte[] body) {}

  private static final byte[] NO_SCRIPT =
      ("HTTP/1.1 599 No Script\r\nContent-Type: text/plain\r\nContent-Length: 31\r\n"
              + "Connection: close\r\n\r\nno scripted response was left\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket socket;
  private final Deque<Response> script;
  private final AtomicInteger requests = new AtomicInteger();
  private final Thread acceptor;

  ScriptedHttpServer(List<Response> responses) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = new ArrayDeque<>(responses);
    this.acceptor = new Thread(this::accept, "scripted-http");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  int requests() {
    return requests.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread handler = new Thread(() -> serve(connection), "scripted-http-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      if (!readRequest(in)) {
        return;
      }
      requests.incrementAndGet();
      Response next;
      synchronized (script) {
        next = script.pollFirst();
      }
      OutputStream out = connection.getOutputStream();
      out.write(next == null ? NO_SCRIPT : bytes(next));
      out.flush();
      connection.shutdownOutput();
      // let the client read to the end before the socket goes
      while (in.read() >= 0) {
        // drain
      }
    } catch (IOException gone) {
      // the client closed the connection first
    }
  }

  /** Reads one request head and its {@code Content-Length} body; false on a bare close. */
  private static boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    long length = 0;
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).strip());
      }
    }
    for (long i = 0; i < length; i++) {
      if (in.read() < 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(Response response) {
    StringBuilder head = new StringBuilder();
    String lower = response.head().toLowerCase(Locale.ROOT);
    for (String line : response.head().split("\n", -1)) {
      if (!line.isEmpty()) {
        head.append(line).append("\r\n");
      }
    }
    if (!lower.contains("content-length:")) {
      head.append("Content-Length: ").append(response.body().length).append("\r\n");
    }
    if (!lower.contains("connection:")) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + response.body().length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(response.body(), 0, all, headBytes.length, response.body().length);
    return all;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
