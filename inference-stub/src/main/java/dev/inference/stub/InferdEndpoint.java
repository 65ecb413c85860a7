package dev.inference.stub;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The inference listeners of an inferd stub: the Unix socket and/or loopback TCP, opened when the
 * lifecycle reaches {@code ready} (or at once without one), shut while it restarts; each accepted
 * connection is an {@link InferdSession}.
 */
final class InferdEndpoint implements AutoCloseable {

  private final @Nullable Path socket;
  private final int tcpPort;
  private final InferdSession.Settings settings;
  private final Set<InferdSession> sessions = ConcurrentHashMap.newKeySet();
  private final List<ServerSocketChannel> listeners = new ArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private int boundPort = -1;
  private boolean listening;
  private boolean closed;

  InferdEndpoint(@Nullable Path socket, OptionalInt tcpPort, InferdSession.Settings settings) {
    this.socket = socket;
    this.tcpPort = tcpPort.orElse(-1);
    this.settings = settings;
  }

  /** Binds the listeners, unless they are bound or the stub closed. */
  synchronized void open() throws IOException {
    if (listening || closed) {
      return;
    }
    try {
      if (socket != null) {
        listen(UnixSockets.bind(socket, "rw-rw----"), false);
      }
      if (tcpPort >= 0) {
        ServerSocketChannel tcp = ServerSocketChannel.open(StandardProtocolFamily.INET);
        listeners.add(tcp);
        tcp.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), tcpPort));
        boundPort = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
        listen(tcp, true);
      }
    } catch (IOException failed) {
      shut();
      throw failed;
    }
    listening = true;
    notifyAll();
  }

  private void listen(ServerSocketChannel server, boolean tcp) {
    if (!listeners.contains(server)) {
      listeners.add(server);
    }
    String name = "inference-stub-inferd-" + (tcp ? "tcp" : "unix");
    UnixSockets.thread(
        name,
        () -> {
          try {
            while (true) {
              SocketChannel channel = server.accept();
              InferdSession[] self = new InferdSession[1];
              self[0] = new InferdSession(channel, tcp, settings, () -> sessions.remove(self[0]));
              InferdSession session = self[0];
              sessions.add(session);
              session.start(name + "-" + count.incrementAndGet());
            }
          } catch (IOException | RuntimeException stopped) {
            // the listener was shut
          }
        });
  }

  /** Closes the listeners and removes the socket file; open connections go on. */
  synchronized void shut() {
    for (ServerSocketChannel listener : listeners) {
      try {
        listener.close();
      } catch (IOException ignored) {
        // closed anyway
      }
    }
    listeners.clear();
    if (socket != null) {
      UnixSockets.delete(socket);
    }
    listening = false;
    boundPort = -1;
  }

  /** The bound TCP port, while the listeners are open. */
  synchronized OptionalInt port() {
    return boundPort < 0 ? OptionalInt.empty() : OptionalInt.of(boundPort);
  }

  /** Waits until the listeners are open; whether they are. */
  synchronized boolean awaitListening(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!listening && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return listening;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      shut();
      notifyAll();
    }
    sessions.forEach(InferdSession::abort);
    sessions.clear();
  }
}
