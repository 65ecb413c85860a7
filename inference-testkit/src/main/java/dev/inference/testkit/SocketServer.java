package dev.inference.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A raw loopback socket server for testing socket drivers, ours or a third party's: it listens on
 * TCP ({@code 127.0.0.1}, a free port) or on a Unix domain socket, and each connection is scripted
 * by a {@link Handler} that reads lines and writes exact bytes, so a test can split a UTF-8
 * character or a frame across writes, stop in the middle of a frame, hold the connection open,
 * close it or reset it.
 *
 * <pre>{@code
 * try (SocketServer server = SocketServer.tcp(c -> {
 *     c.readLine();                                        // the request frame
 *     byte[] frame = "{\"content\":\"caf\u00e9\"}\n".getBytes(UTF_8);
 *     c.write(Arrays.copyOfRange(frame, 0, 16));          // ends inside the two-byte character
 *     c.write(Arrays.copyOfRange(frame, 16, frame.length));
 *     c.hold();                                            // until the client closes
 *   })) {
 *   // point the driver at server.endpoint(), call, then:
 *   assertThat(server.awaitPeerClosed(0, Duration.ofSeconds(5))).isTrue();
 *   assertThat(server.lines()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Connections are served in order by a queue of handlers: the first connection by the first
 * handler, the second by the second, and every connection after the last handler by the last one
 * again; so a test of retries gives one handler per attempt. Each connection is served on its own
 * daemon thread; a handler's failure is recorded ({@link #failures()}), not thrown. Waiting is on
 * latches, with a timeout the test chooses, never on sleeps.
 *
 * @since 0.2
 */
public final class SocketServer implements AutoCloseable {

  /** Scripts one connection. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Serves one connection; the connection is closed when this returns (unless it was already).
     *
     * @param connection the connection
     * @throws Exception anything; it is recorded in {@link #failures()}
     */
    void serve(Connection connection) throws Exception;
  }

  private final ServerSocketChannel listener;
  private final @Nullable Path path;
  private final String endpoint;
  private final List<Handler> handlers;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final List<Connection> open = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<Integer, CountDownLatch> peerClosed = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private volatile boolean closed;

  private SocketServer(
      ServerSocketChannel listener, @Nullable Path path, String endpoint, List<Handler> handlers) {
    this.listener = listener;
    this.path = path;
    this.endpoint = endpoint;
    this.handlers = List.copyOf(handlers); // throws on a null handler
    if (this.handlers.isEmpty()) {
      throw new IllegalArgumentException("a SocketServer needs at least one handler");
    }
    this.acceptor = new Thread(this::acceptAll, "socket-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A server on loopback TCP, {@code 127.0.0.1} on a free port.
   *
   * @param handlers the handlers, in connection order; the last serves every later connection
   * @return the listening server
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static SocketServer tcp(Handler... handlers) {
    try {
      ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
      channel.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
      return new SocketServer(channel, null, "tcp://127.0.0.1:" + port, List.of(handlers));
    } catch (IOException failed) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", failed);
    }
  }

  /**
   * A server on a Unix domain socket at {@code path}; the file is deleted when the server closes.
   *
   * @param path the socket file; its folder must exist and the file must not
   * @param handlers the handlers, in connection order; the last serves every later connection
   * @return the listening server
   * @throws UncheckedIOException if the socket cannot be bound (no Unix sockets on this system, the
   *     folder is missing, the file exists)
   */
  public static SocketServer unix(Path path, Handler... handlers) {
    Path absolute = path.toAbsolutePath();
    try {
      ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      channel.bind(UnixDomainSocketAddress.of(absolute));
      return new SocketServer(channel, absolute, "unix:" + absolute, List.of(handlers));
    } catch (IOException | UnsupportedOperationException failed) {
      throw new UncheckedIOException(
          "cannot listen on the Unix socket " + absolute,
          failed instanceof IOException io ? io : new IOException(failed));
    }
  }

  /**
   * The endpoint as a driver's {@code base_url} names it.
   *
   * @return {@code tcp://127.0.0.1:PORT} or {@code unix:/absolute/path}
   */
  public String endpoint() {
    return endpoint;
  }

  /**
   * The socket file of a Unix server.
   *
   * @return the path, or empty on TCP
   */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /**
   * How many connections were accepted so far.
   *
   * @return the count
   */
  public int connections() {
    return accepted.get();
  }

  /**
   * Every line any connection read with {@link Connection#readLine()}, in the order they were read.
   *
   * @return a copy of the lines, without their {@code '\n'}
   */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * What the handlers threw, in order; a test that expects none asserts this is empty.
   *
   * @return a copy of the failures
   */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /**
   * Waits until the peer of connection {@code index} (from 0, in accept order) closed its side: a
   * handler's {@link Connection#readLine()} or {@link Connection#hold()} saw the end of the input
   * or a reset (a peer that closes with bytes unread resets the connection), or a write failed
   * because the peer was gone.
   *
   * @param index the connection, from 0
   * @param timeout how long to wait at most
   * @return whether the peer closed within the timeout
   * @throws InterruptedException if the test's thread is interrupted
   */
  public boolean awaitPeerClosed(int index, Duration timeout) throws InterruptedException {
    return latch(index).await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private CountDownLatch latch(int index) {
    return peerClosed.computeIfAbsent(index, ignored -> new CountDownLatch(1));
  }

  /** Stops listening, closes every connection and deletes the socket file. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Connection connection : open) {
      connection.close();
    }
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // a temporary folder's cleanup removes it
      }
    }
  }

  private void acceptAll() {
    while (!closed) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException stopped) {
        return;
      }
      int index = accepted.getAndIncrement();
      Connection connection = new Connection(channel, index);
      open.add(connection);
      Handler handler = handlers.get(Math.min(index, handlers.size() - 1));
      Thread serving =
          new Thread(
              () -> {
                try {
                  handler.serve(connection);
                } catch (ClosedChannelException stopped) {
                  if (!closed) {
                    failures.add(stopped);
                  }
                } catch (Throwable failed) {
                  failures.add(failed);
                } finally {
                  connection.close();
                  open.remove(connection);
                }
              },
              "socket-server-connection-" + index);
      serving.setDaemon(true);
      serving.start();
    }
  }

  /** One accepted connection, as its handler sees it. Used by one handler thread at a time. */
  public final class Connection {

    private final SocketChannel channel;
    private final int index;
    private final ByteBuffer input = ByteBuffer.allocate(8192).flip();
    private final List<String> received = new ArrayList<>();
    private boolean ended;

    private Connection(SocketChannel channel, int index) {
      this.channel = channel;
      this.index = index;
    }

    /**
     * Which connection this is, from 0 in accept order.
     *
     * @return the index
     */
    public int index() {
      return index;
    }

    /**
     * Reads the next line, blocking: the bytes up to a {@code '\n'}, decoded as UTF-8, without the
     * {@code '\n'}; it is recorded in {@link SocketServer#lines()}.
     *
     * @return the line, or {@code null} when the peer closed or reset the connection (then {@link
     *     #awaitPeerClosed} sees it); a last line without {@code '\n'} is returned before the
     *     {@code null}
     * @throws IOException if reading fails because the server is closing
     */
    public @Nullable String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (true) {
        while (input.hasRemaining()) {
          byte b = input.get();
          if (b == '\n') {
            return record(line);
          }
          line.write(b);
        }
        if (!fill()) {
          return line.size() > 0 ? record(line) : null;
        }
      }
    }

    private String record(ByteArrayOutputStream line) {
      String text = line.toString(StandardCharsets.UTF_8);
      received.add(text);
      lines.add(text);
      return text;
    }

    /** Reads more input; false at the end of it, which counts the peer as gone. */
    private boolean fill() throws IOException {
      if (ended) {
        return false;
      }
      input.clear();
      int read;
      try {
        read = channel.read(input);
      } catch (IOException reset) {
        if (closed) {
          throw reset; // the server is closing, not the peer
        }
        read = -1; // the peer reset it: it closed with data unread, or SO_LINGER 0
      } finally {
        input.flip();
      }
      if (read < 0) {
        ended = true;
        latch(index).countDown();
        return false;
      }
      return true;
    }

    /**
     * The lines this connection read so far.
     *
     * @return a copy of the lines
     */
    public List<String> received() {
      return List.copyOf(received);
    }

    /**
     * Writes text as UTF-8, at once (nothing is buffered).
     *
     * @param text the text, sent byte for byte
     * @return this connection
     * @throws IOException if the peer is gone
     */
    public Connection write(String text) throws IOException {
      return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes exact bytes, at once (nothing is buffered), so a test can end one write in the middle
     * of a UTF-8 character or a frame and send the rest with the next.
     *
     * @param bytes the bytes
     * @return this connection
     * @throws IOException if the peer is gone (then {@link #awaitPeerClosed} sees it)
     */
    public Connection write(byte[] bytes) throws IOException {
      ByteBuffer out = ByteBuffer.wrap(bytes);
      try {
        while (out.hasRemaining()) {
          channel.write(out);
        }
      } catch (IOException peerGone) {
        if (!closed) {
          ended = true;
          latch(index).countDown(); // the peer closed or reset: a write has nowhere to go
        }
        throw peerGone;
      }
      return this;
    }

    /**
     * Writes one line: the text as UTF-8, then {@code '\n'}.
     *
     * @param text the line, without its {@code '\n'}
     * @return this connection
     * @throws IOException if the peer is gone
     */
    public Connection writeLine(String text) throws IOException {
      return write(text + "\n");
    }

    /**
     * Ends the server's side of the connection (a half-close: TCP FIN, or the Unix socket's
     * shutdown for output): the peer reads the end of its input after the bytes written so far, and
     * may still send. Idempotent.
     *
     * @return this connection
     * @throws IOException if the connection is already closed
     */
    public Connection endOutput() throws IOException {
      channel.shutdownOutput();
      return this;
    }

    /**
     * Keeps the connection open until the peer closes it (or the server closes), reading and
     * recording any lines that still come.
     *
     * @throws IOException if reading fails other than by the peer's close
     */
    public void hold() throws IOException {
      while (readLine() != null) {
        // recorded by readLine
      }
    }

    /**
     * Closes the connection in order (TCP FIN). Idempotent.
     *
     * @throws UncheckedIOException never in practice: closing errors are ignored
     */
    public void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already gone
      }
    }

    /**
     * Resets the connection: on TCP, {@code SO_LINGER} 0 then close sends an RST, so the peer's
     * next read fails instead of ending; on a Unix socket, this closes it.
     */
    public void reset() {
      try {
        SocketAddress local = channel.getLocalAddress();
        if (local instanceof InetSocketAddress) {
          channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
      } catch (IOException ignored) {
        // closing anyway
      }
      close();
    }

    @Override
    public String toString() {
      return "SocketServer.Connection#" + index + " on " + endpoint;
    }
  }

  @Override
  public String toString() {
    return "SocketServer{" + endpoint + ", " + accepted.get() + " connections}";
  }
}
